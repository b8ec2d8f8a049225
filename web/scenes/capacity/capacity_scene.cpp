// capacity_scene.cpp: the capacity experiment on the page; its "your memories" source reads
// the Hopfield tab's memories from the app's SharedState. Layout only.
#include "capacity_ui.hpp"
#include "imgui.h"
#include "scene.hpp"
#include "widgets.hpp"

namespace web {

namespace {

class CapacityScene final : public Scene {
 public:
  explicit CapacityScene(SharedState& shared) : shared_(shared) {}
  const char* id() const override { return "capacity"; }
  const char* title() const override { return "Capacity"; }

  std::vector<std::string> apply_link(std::span<const Param> params) override {
    auto notes = model_.apply_link(params, shared_.hopfield_memories);
    edit_ = model_.settings();
    return notes;
  }
  std::vector<Param> link_params() const override { return settings_params(capacity_settings_table(), model_.settings()); }
  void step(const Frame& f) override { model_.step(f.budget_ms); }
  bool animating() const override { return model_.running(); }

  void ui(const Frame& f) override {
    if (!f.embed)
      figure_title("How many memories fit?",
                   "Each rule stores P = alpha n patterns; each is probed from a copy with some units flipped. "
                   "Recall collapses past a critical load: about 0.138 n for the Hebbian rule, far beyond n for the "
                   "dense memories (try the log load axis).");
    ImGui::Spacing();
    if (!ImGui::IsAnyItemActive()) edit_ = model_.settings();
    capacity_controls(model_, edit_, [this](const std::string& c) { return command(c); });
    ImGui::Spacing();
    capacity_view(model_);
  }

  nlohmann::json query() const override {
    nlohmann::json j;
    j["settings"] = settings_json(capacity_settings_table(), model_.settings());
    j["running"] = model_.running();
    j["done"] = model_.started() && model_.done();
    j["fraction"] = model_.fraction();
    j["error"] = model_.error();
    for (int r = 0; r < kCapacityRuleCount; ++r) {
      if (!model_.active(r)) continue;
      nlohmann::json c;
      for (const auto& pt : model_.experiment(r).points)
        if (pt.trials_done > 0) c["points"].push_back({pt.alpha, pt.rate()});
      const auto x = ebm::capacity_crossing(model_.experiment(r), 0.5f);
      c["alpha50"] = x ? nlohmann::json(*x) : nlohmann::json(nullptr);
      j["curves"][kCapacityRuleNames[r]] = c;
    }
    return j;
  }

  bool command(const std::string& name) override {
    if (name == "play" || name == "run") model_.start(shared_.hopfield_memories);
    else if (name == "pause") model_.pause();
    else if (name == "toggle") model_.running() ? model_.pause() : model_.start(shared_.hopfield_memories);
    else if (name == "reset") model_.clear();
    else return false;
    return true;
  }

 private:
  SharedState& shared_;
  CapacityModel model_;
  CapacitySettings edit_;
};

}  // namespace

std::unique_ptr<Scene> make_capacity_scene(SharedState& shared) { return std::make_unique<CapacityScene>(shared); }

}  // namespace web
