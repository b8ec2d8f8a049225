// optimized_scene.cpp: the optimized-rule scene on the page. Layout only; rules live in the model.
#include <memory>

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
    auto notes = model().apply_link(params);
    edit_ = model().settings();
    return notes;
  }
  std::vector<Param> link_params() const override { return settings_params(optimized_settings_table(), model().settings()); }
  void step(const Frame& f) override { model().step(f.dt_s, f.budget_ms); }
  bool animating() const override { return model_ && model_->playing(); }

  void ui(const Frame& f) override {
    if (!f.embed)
      figure_title("Memorize more: the optimized rule",
                   "Start from Hebbian weights; for each target x find its nearby parasite x' (two synchronous steps away) "
                   "and update W += lr (x x^T - x' x'^T) / n: dig the memory's valley, fill the parasite's.");
    ImGui::Spacing();
    if (!ImGui::IsAnyItemActive()) edit_ = model().settings();
    optimized_controls(model(), edit_, [this](const std::string& c) { return command(c); });
    if (model().diverged()) {
      if (divergence_notice(model().error(), model().can_restore())) command("restore");
    } else if (!model().error().empty()) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", model().error().c_str());
      return;
    }
    ImGui::Spacing();
    view_.refresh(model());
    view_.figures(model());
  }

  nlohmann::json query() const override {
    nlohmann::json j;
    const ebm::OptimizedTrainer& t = model().trainer();
    j["settings"] = settings_json(optimized_settings_table(), model().settings());
    j["epoch"] = t.epoch;
    j["targets_done"] = t.targets_done;
    j["done"] = model().done();
    j["hebbian_recalled"] = model().hebbian_recalled();
    j["recalled"] = static_cast<int>(model().recalled().last());
    j["error"] = model().error();
    j["diverged"] = model().diverged();
    j["can_restore"] = model().can_restore();
    j["playing"] = model().playing();
    j["epochs"] = nlohmann::json::array();
    for (const auto& e : t.history)
      j["epochs"].push_back({{"target_E", e.mean_target_energy}, {"parasite_E", e.mean_parasite_energy}, {"parasites", e.parasites}});
    return j;
  }

  bool command(const std::string& name) override {
    if (name == "play") model().set_playing(true);
    else if (name == "pause") model().set_playing(false);
    else if (name == "toggle") model().set_playing(!model().playing());
    else if (name == "step") model().step_once();
    else if (name == "reset") model().reset();
    else if (name == "restore") model().restore_good();
    else return false;
    return true;
  }

 private:
  // The model (a 1,024-unit network: 4 MB of weights) is made when the scene is first used: each
  // embedded figure is a page of its own holding every scene object, and shows only one.
  OptimizedModel& model() const {
    if (!model_) model_ = std::make_unique<OptimizedModel>();
    return *model_;
  }

  mutable std::unique_ptr<OptimizedModel> model_;
  OptimizedSettings edit_;
  OptimizedView view_;
};

}  // namespace

std::unique_ptr<Scene> make_optimized_scene(SharedState& shared) { return std::make_unique<OptimizedScene>(shared); }

}  // namespace web
