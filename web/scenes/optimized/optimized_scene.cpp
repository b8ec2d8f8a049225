// optimized_scene.cpp: the optimized-rule scene on the page. Layout only; rules live in the model.
#include "imgui.h"
#include "optimized_ui.hpp"
#include "scene.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {

class OptimizedScene final : public Scene {
 public:
  explicit OptimizedScene(SharedState&) {}
  const char* id() const override { return "optimized"; }
  const char* title() const override { return "Optimized rule"; }

  std::vector<std::string> apply_link(std::span<const Param> params) override {
    auto notes = model_.apply_link(params);
    edit_ = model_.settings();
    return notes;
  }
  std::vector<Param> link_params() const override { return settings_params(optimized_settings_table(), model_.settings()); }
  void step(const Frame& f) override { model_.step(f.dt_s, f.budget_ms); }
  bool animating() const override { return model_.playing(); }

  void ui(const Frame& f) override {
    if (!f.embed)
      figure_title("Memorize more: the optimized rule",
                   "Start from Hebbian weights; for each target x find its nearby parasite x' (two synchronous steps away) "
                   "and update W += lr (x x^T - x' x'^T) / n: dig the memory's valley, fill the parasite's.");
    ImGui::Spacing();
    if (!ImGui::IsAnyItemActive()) edit_ = model_.settings();
    optimized_controls(model_, edit_, [this](const std::string& c) { return command(c); });
    if (model_.diverged()) {
      if (divergence_notice(model_.error(), model_.can_restore())) command("restore");
    } else if (!model_.error().empty()) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", model_.error().c_str());
      return;
    }
    ImGui::Spacing();
    view_.refresh(model_);
    view_.figures(model_);
  }

  nlohmann::json query() const override {
    nlohmann::json j;
    const ebm::OptimizedTrainer& t = model_.trainer();
    j["settings"] = settings_json(optimized_settings_table(), model_.settings());
    j["epoch"] = t.epoch;
    j["targets_done"] = t.targets_done;
    j["done"] = model_.done();
    j["hebbian_recalled"] = model_.hebbian_recalled();
    j["recalled"] = static_cast<int>(model_.recalled().last());
    j["error"] = model_.error();
    j["diverged"] = model_.diverged();
    j["can_restore"] = model_.can_restore();
    j["playing"] = model_.playing();
    j["epochs"] = nlohmann::json::array();
    for (const auto& e : t.history)
      j["epochs"].push_back({{"target_E", e.mean_target_energy}, {"parasite_E", e.mean_parasite_energy}, {"parasites", e.parasites}});
    return j;
  }

  bool command(const std::string& name) override {
    if (name == "play") model_.set_playing(true);
    else if (name == "pause") model_.set_playing(false);
    else if (name == "toggle") model_.set_playing(!model_.playing());
    else if (name == "step") model_.step_once();
    else if (name == "reset") model_.reset();
    else if (name == "restore") model_.restore_good();
    else return false;
    return true;
  }

 private:
  OptimizedModel model_;
  OptimizedSettings edit_;
  OptimizedView view_;
};

}  // namespace

std::unique_ptr<Scene> make_optimized_scene(SharedState& shared) { return std::make_unique<OptimizedScene>(shared); }

}  // namespace web
