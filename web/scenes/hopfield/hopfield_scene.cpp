// hopfield_scene.cpp: the Hopfield lab on the page: connects the model (hopfield_model) to the
// MNIST digits the page loads, publishes the stored memories for the capacity scene, and lays
// out controls and figures. Layout only; rules live in the model.
#include "hopfield_analysis.hpp"
#include "hopfield_ui.hpp"
#include "imgui.h"
#include "mnist_data.hpp"
#include "scene.hpp"
#include "widgets.hpp"

namespace web {

namespace {

class HopfieldScene final : public Scene {
 public:
  explicit HopfieldScene(SharedState& shared) : shared_(shared) { publish(); }
  const char* id() const override { return "hopfield"; }
  const char* title() const override { return "Hopfield network"; }

  std::vector<std::string> apply_link(std::span<const Param> params) override {
    auto notes = model_.apply_link(params);
    edit_ = model_.settings();
    publish();
    return notes;
  }

  std::vector<Param> link_params() const override { return settings_params(hopfield_settings_table(), model_.settings()); }

  void step(const Frame& f) override {
    if (model_.waiting_for_digits()) {
      const MnistData& d = mnist_poll(f.embed ? MnistUse::HeldOut : MnistUse::All);
      if (d.ready) model_.set_data(&d.split);
    }
    model_.step(f.dt_s, f.budget_ms);
    publish();
  }

  bool animating() const override { return model_.playing() || model_.waiting_for_digits(); }

  void ui(const Frame& f) override {
    const float fs = ImGui::GetFontSize();
    if (!f.embed) {
      const HopfieldEngine e = model_.engine();
      figure_title("Hopfield energy descent",
                   e == HopfieldEngine::Modern
                       ? "A corrupted memory moves as a whole: xi <- X softmax(beta X^T xi / N) lowers the energy "
                         "-lse(beta, X^T xi) + xi^T xi / 2 until it rests on a memory or, at small beta, on their average."
                   : e == HopfieldEngine::Dense
                       ? "A corrupted memory slides downhill in energy E(s) = -sum_mu F(x_mu . s), one unit at a time: "
                         "a sharper F (higher degree, larger beta) keeps similar memories apart."
                       : "A corrupted memory slides downhill in energy E(s) = -1/2 s^T W s, one unit at a time, "
                         "until it rests in a minimum: the stored memory, its mirror image, or a spurious mixture.");
      ImGui::Spacing();
    }
    if (!ImGui::IsAnyItemActive()) edit_ = model_.settings();  // no drag in progress: show the model's
    const HopfieldCommand run = [this](const std::string& c) { return command(c); };
    hopfield_transport(model_, edit_, run);
    discard_dialog(model_.guard(), "Forget your drawings?", nullptr);
    view_.refresh(model_);
    const MnistData& d = model_.waiting_for_digits() ? mnist_poll(f.embed ? MnistUse::HeldOut : MnistUse::All) : no_digits_;
    settings_beside_figures(fs * 19, fs * 52, "Settings: memories, rule, corruption, temperature",
                            [&] { hopfield_settings_panel(model_, edit_, run, d.failed ? d.error : "", d.progress); },
                            [this] { view_.figures(model_); });
    view_.refresh(model_);  // what the controls changed this frame shows next frame without a gap
  }

  nlohmann::json query() const override {
    const HopfieldSettings& s = model_.settings();
    nlohmann::json j;
    j["settings"] = settings_json(hopfield_settings_table(), s);
    j["n"] = model_.n();
    j["set"] = kPatternSetNames[static_cast<int>(s.set)];
    j["built_set"] = kPatternSetNames[static_cast<int>(model_.built_set())];
    j["rule"] = kHopfieldRuleNames[static_cast<int>(s.rule)];
    const HopfieldEngine e = model_.engine();
    j["engine"] = e == HopfieldEngine::Dense ? "dense" : e == HopfieldEngine::Modern ? "modern" : "classical";
    j["dynamics"] = kDynamicsNames[static_cast<int>(s.dynamics)];
    j["memories"] = model_.memories().size();
    j["updates"] = model_.time();
    j["flips"] = model_.flips();
    j["energy"] = model_.energy();
    j["energy_start"] = model_.energy_history().empty() ? model_.energy() : model_.energy_history().y.front();
    j["converged"] = model_.finished();
    j["playing"] = model_.playing();
    j["noise"] = s.noise;
    j["speed"] = s.speed;
    j["stored"] = s.patterns;
    j["last_unit"] = model_.last_unit();
    j["sync_status"] = s.dynamics == Dynamics::Sync ? ebm::sync_status_name(model_.sync_run().status) : "";
    j["overlaps"] = ebm::overlaps(model_.memories(), model_.state());
    j["cue_memory"] = model_.cue_memory();
    j["cue_overlap"] = j["overlaps"][model_.cue_memory()];
    j["attention"] = model_.attention();  // modern rule: softmax weights over memories at xi
    if (e == HopfieldEngine::Modern) {
      double dot = 0;  // (1/n) x_cue . xi, the continuous overlap
      const ebm::Pattern& x = model_.memories()[model_.cue_memory()];
      for (size_t i = 0; i < x.size(); ++i) dot += x[i] * model_.modern_run().xi[i];
      j["xi_cue_overlap"] = dot / static_cast<double>(x.size());
    }
    const ebm::Classification c = ebm::classify_state(model_.memories(), model_.state());
    j["class"] = ebm::recall_kind_name(c.kind);
    j["class_index"] = c.index;
    j["drawn_memories"] = model_.drawings_stored();
    j["ink"] = std::count(model_.state().begin(), model_.state().end(), int8_t{1});
    j["train_error"] = model_.train_error();
    j["confirm_open"] = model_.guard().pending();
    return j;
  }

  bool command(const std::string& name) override {
    if (name == "play") model_.set_playing(true);
    else if (name == "pause") model_.set_playing(false);
    else if (name == "toggle") model_.set_playing(!model_.playing());
    else if (name == "step") model_.step_once();
    else if (name == "sweep") model_.sweep();
    else if (name == "reset") { model_.set_playing(false); model_.new_cue(); }
    else if (name == "store_drawing") model_.store_drawing();
    else if (name == "restore_drawing") model_.restore_drawing();
    else if (name == "forget_drawings") model_.request_forget_drawings();
    else if (name == "discard") model_.guard().confirm();
    else if (name == "cancel") model_.guard().cancel();
    else return false;
    edit_ = model_.settings();
    return true;
  }

 private:
  void publish() {
    if (model_.weights_version() == published_) return;
    published_ = model_.weights_version();
    shared_.hopfield_memories = model_.memories();
  }

  SharedState& shared_;
  HopfieldModel model_;
  HopfieldSettings edit_;
  HopfieldView view_;
  MnistData no_digits_;
  uint64_t published_ = ~uint64_t{0};
};

}  // namespace

std::unique_ptr<Scene> make_hopfield_scene(SharedState& shared) { return std::make_unique<HopfieldScene>(shared); }

}  // namespace web
