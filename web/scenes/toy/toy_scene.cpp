// toy_scene.cpp: the exact RBM scene on the page: connects the model (toy_model) to the frame,
// the controls and the figures, answers ebm_query() and the page's commands. Layout only; rules
// live in the model.
#include "imgui.h"
#include "scene.hpp"
#include "theme.hpp"
#include "toy_ui.hpp"
#include "widgets.hpp"

namespace web {

namespace {

class ToyScene final : public Scene {
 public:
  explicit ToyScene(SharedState&) {}
  const char* id() const override { return "toy"; }
  const char* title() const override { return "Exact RBM (5 units)"; }

  std::vector<std::string> apply_link(std::span<const Param> params) override {
    auto notes = model_.apply_link(params);
    edit_ = model_.settings();
    return notes;
  }

  std::vector<Param> link_params() const override { return settings_params(toy_settings_table(), model_.settings()); }

  void step(const Frame& f) override { model_.step(f.dt_s, f.budget_ms); }

  bool animating() const override { return model_.animating(); }

  void ui(const Frame& f) override {
    if (!f.embed)
      figure_title("Every state of a tiny RBM, exactly",
                   "Visible units are people A, B, C; hidden units are fruits D, E. P(v, h) = exp(-E(v, h)) / Z over all "
                   "32 states. Training on the six data rows pushes probability onto the states that occur in the data.");
    ImGui::Spacing();
    if (!ImGui::IsAnyItemActive()) edit_ = model_.settings();  // no drag in progress: show the model's
    const CommandFn run = [this](const std::string& c) { return command(c); };
    toy_controls(model_, edit_, run);
    discard_dialog(model_.guard(), "Discard the trained model?", nullptr);
    if (model_.diverged()) {
      if (divergence_notice(model_.error(), model_.can_restore())) run("restore");
    } else if (!model_.error().empty()) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", model_.error().c_str());
    }
    ImGui::Spacing();
    toy_figures(model_);
  }

  nlohmann::json query() const override {
    nlohmann::json j;
    j["settings"] = settings_json(toy_settings_table(), model_.settings());
    j["updates"] = model_.trainer().updates;
    j["kl"] = model_.kl();
    j["kl_start"] = model_.kl_start();
    j["log_z"] = model_.log_z();
    j["p_joint_sum"] = model_.p_sum();
    j["p_visible"] = model_.p_visible();
    j["playing"] = model_.playing();
    j["error"] = model_.error();
    j["diverged"] = model_.diverged();
    j["can_restore"] = model_.can_restore();
    std::vector<float> scores;
    for (const ToyState& s : model_.states()) scores.push_back(s.score);
    j["scores"] = scores;
    j["unsaved"] = model_.unsaved();
    j["confirm_open"] = model_.guard().pending();
    j["ms_per_update"] = model_.pacer().ms_per_unit;
    return j;
  }

  bool has_unsaved_work() const override { return model_.unsaved(); }

  bool command(const std::string& name) override {
    if (name == "play") model_.set_playing(true);
    else if (name == "pause") model_.set_playing(false);
    else if (name == "toggle") model_.set_playing(!model_.playing());
    else if (name == "step") model_.step_update();
    else if (name == "reset") model_.request_reset();
    else if (name == "restore") model_.restore_good();
    else if (name == "discard") model_.guard().confirm();
    else if (name == "cancel") model_.guard().cancel();
    else return false;
    edit_ = model_.settings();
    return true;
  }

 private:
  ToyModel model_;
  ToySettings edit_;
};

}  // namespace

std::unique_ptr<Scene> make_toy_scene(SharedState& shared) { return std::make_unique<ToyScene>(shared); }

}  // namespace web
