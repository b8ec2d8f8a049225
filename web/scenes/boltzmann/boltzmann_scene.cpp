// boltzmann_scene.cpp: the Boltzmann machine scene on the page (Ackley, Hinton & Sejnowski
// 1985): connects the model (boltzmann_model) to the frame, the controls and the view, answers
// ebm_query() and the page's commands. Layout only; rules live in the model.
#include "boltzmann_ui.hpp"
#include "imgui.h"
#include "scene.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {

class BoltzmannScene final : public Scene {
 public:
  explicit BoltzmannScene(SharedState&) {}
  const char* id() const override { return "boltzmann"; }
  const char* title() const override { return "Boltzmann machine"; }

  std::vector<std::string> apply_link(std::span<const Param> params) override {
    auto notes = model_.apply_link(params);
    edit_ = model_.settings();
    return notes;
  }

  std::vector<Param> link_params() const override {
    return settings_params(boltzmann_settings_table(), model_.settings());
  }

  void step(const Frame& f) override { model_.step(f.dt_s, f.budget_ms); }

  bool animating() const override { return model_.animating(); }

  void ui(const Frame& f) override {
    const float fs = ImGui::GetFontSize();
    if (!f.embed) {
      figure_title("Boltzmann machine: learning with hidden units",
                   "Each learning step samples twice: clamped (visibles held at a data vector, hiddens sampled) and "
                   "free (every unit sampled), both annealed; the weights then move by lr (<s_i s_j>_clamped - "
                   "<s_i s_j>_free) until the model's P(v) matches the data.");
      ImGui::Spacing();
    }
    if (!ImGui::IsAnyItemActive()) edit_ = model_.settings();  // no drag in progress: show the model's
    const CommandFn run = [this](const std::string& c) { return command(c); };
    boltzmann_transport(model_, edit_, run);
    discard_dialog(model_.guard(), "Discard the trained machine?", nullptr);
    const ImVec4 red = ImGui::ColorConvertU32ToFloat4(colors::kRed);
    if (!model_.error().empty()) ImGui::TextColored(red, "%s", model_.error().c_str());
    const ebm::BmTrainer& t = model_.trainer();
    if (!t.status.ok() && divergence_notice(t.status.message, model_.can_restore())) run("restore");
    settings_beside_figures(fs * 18, fs * 52, "Settings: data, hidden units, learning rate, annealing",
                            [this] { boltzmann_settings_panel(model_, edit_); }, [this] { view_.figures(model_); });
  }

  nlohmann::json query() const override {
    const ebm::BmTrainer& t = model_.trainer();
    nlohmann::json j;
    j["settings"] = settings_json(boltzmann_settings_table(), model_.settings());
    j["dataset"] = ebm::bm_dataset_id(model_.settings().data);
    j["nv"] = model_.nv();
    j["nh"] = t.bm.nh;
    j["restricted"] = t.bm.restricted;
    j["lr"] = t.config.learning_rate;
    j["t_start"] = t.config.anneal.t_start;
    j["t_final"] = ebm::bm_collect_temperature(t.config);
    j["anneal_sweeps"] = t.config.anneal.steps;
    j["stat_sweeps"] = t.config.stat_sweeps;
    j["speed"] = model_.settings().speed;
    j["playing"] = model_.playing();
    j["weight_updates"] = t.weight_updates;
    j["sweeps"] = t.sweeps;
    j["updates"] = t.updates;
    j["phase"] = ebm::bm_phase_name(t.phase);
    j["run"] = t.run;
    j["run_sweep"] = t.run_sweep;
    j["collecting"] = t.run_sweep >= t.config.anneal.steps;
    j["temperature"] = t.temperature;
    j["kl"] = model_.kl();
    j["kl_start"] = model_.kl_start();
    j["kl_points"] = model_.kl_history().size();
    j["log_likelihood"] = model_.log_likelihood();
    j["last_unit"] = t.chain.last_unit;
    j["state"] = t.chain.s;
    j["p_model"] = model_.p_model();
    j["p_data"] = model_.p_data();
    j["status"] = t.status.message;
    j["error"] = model_.error();
    j["diverged"] = model_.diverged();
    j["can_restore"] = model_.can_restore();
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
    else if (name == "step") model_.step_unit();
    else if (name == "update") model_.finish_update();
    else if (name == "reset") model_.request_reset();
    else if (name == "restore") model_.restore_good();
    else if (name == "discard") model_.guard().confirm();
    else if (name == "cancel") model_.guard().cancel();
    else return false;
    edit_ = model_.settings();
    return true;
  }

 private:
  BoltzmannModel model_;
  BoltzmannSettings edit_;
  BoltzmannView view_;
};

}  // namespace

std::unique_ptr<Scene> make_boltzmann_scene(SharedState& shared) { return std::make_unique<BoltzmannScene>(shared); }

}  // namespace web
