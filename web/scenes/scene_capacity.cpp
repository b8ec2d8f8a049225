// scene_capacity.cpp: the capacity experiment. For each learning rule, networks of n units
// store P = alpha n patterns and each stored pattern is probed from a noisy copy; the figure
// plots the recall rate against the load alpha, with the Hebbian theory's 0.138 marked. The
// work runs in slices within the frame budget, with progress. UI and pacing only.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "hopfield_analysis.hpp"
#include "hopfield_rules.hpp"
#include "imgui.h"
#include "params.hpp"
#include "platform.hpp"
#include "scene.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {

const char* const kRuleLabels[] = {"Hebbian", "Storkey", "Pseudo-inverse", "Optimized"};
const std::vector<const char*> kSourceNames = {"random", "yours"};

class CapacityScene final : public Scene {
 public:
  const char* id() const override { return "capacity"; }
  const char* title() const override { return "Capacity"; }

  void reset() override {
    running_ = false;
    error_.clear();
    started_ = false;
    for (int r = 0; r < ebm::kRuleCount; ++r) {
      exps_[r] = ebm::CapacityExperiment{};
      active_[r] = false;
    }
    work_done_ = 0;
  }

  void step(const Frame& f) override {
    if (!running_) return;
    // Time slicing: estimate milliseconds per work unit and spend the frame's budget.
    const double t0 = platform_now_s();
    int64_t budget = std::clamp<int64_t>(static_cast<int64_t>(f.budget_ms / std::max(1e-4, ms_per_unit_)), 1, 1 << 20);
    int64_t done = 0;
    for (int r = 0; r < ebm::kRuleCount && budget > 0; ++r) {
      if (!active_[r] || ebm::capacity_done(exps_[r])) continue;
      const int64_t d = ebm::capacity_step(exps_[r], rng_, budget);
      budget -= d;
      done += d;
      break;  // one rule per frame keeps the estimate clean; rules finish in turn
    }
    const double ms = (platform_now_s() - t0) * 1000.0;
    if (done > 0) ms_per_unit_ = 0.8 * ms_per_unit_ + 0.2 * (ms / static_cast<double>(done));
    work_done_ += done;
    if (all_done()) running_ = false;
  }

  bool animating() const override { return running_; }

  void ui(const Frame& f) override {
    const float fs = ImGui::GetFontSize();
    if (!f.embed)
      figure_title("How many memories fit?",
                   "Each rule stores P = alpha n patterns; each is probed from a copy with some units flipped. "
                   "Recall collapses past a critical load: about 0.138 n for the Hebbian rule.");
    ImGui::Spacing();
    controls();
    ImGui::Spacing();
    figure(fs);
  }

  std::string apply_param(const Param& p) override {
    double d = 0;
    long long i = 0;
    int c = 0;
    std::string err;
    if (p.key == "n") { if ((err = parse_int(p, 20, 400, i)).empty()) n_ = static_cast<int>(i); }
    else if (p.key == "trials") { if ((err = parse_int(p, 1, 50, i)).empty()) trials_ = static_cast<int>(i); }
    else if (p.key == "noise") { if ((err = parse_number(p, 0, 40, d)).empty()) noise_ = static_cast<float>(d); }
    else if (p.key == "max_alpha") { if ((err = parse_number(p, 0.05, 1.0, d)).empty()) max_alpha_ = static_cast<float>(d); }
    else if (p.key == "rules") {
      for (int r = 0; r < ebm::kRuleCount; ++r) use_[r] = p.value.find(ebm::rule_name(static_cast<ebm::Rule>(r))) != std::string::npos;
    } else if (p.key == "source") { if ((err = parse_choice(p, kSourceNames, c)).empty()) source_ = c; }
    else if (p.key == "run") { if (p.value != "0") start(); return ""; }
    else return "unknown parameter " + p.key + " for the capacity scene (ignored).";
    reset();
    return err;
  }

  std::vector<Param> params() const override {
    char a[32], nz[32];
    std::snprintf(a, sizeof a, "%g", max_alpha_);
    std::snprintf(nz, sizeof nz, "%g", noise_);
    std::string rules;
    for (int r = 0; r < ebm::kRuleCount; ++r)
      if (use_[r]) rules += std::string(rules.empty() ? "" : ",") + ebm::rule_name(static_cast<ebm::Rule>(r));
    return {{"n", std::to_string(n_)}, {"trials", std::to_string(trials_)}, {"noise", nz},
            {"max_alpha", a}, {"rules", rules}, {"source", kSourceNames[source_]}};
  }

  nlohmann::json query() const override {
    nlohmann::json j;
    j["running"] = running_;
    j["done"] = started_ && all_done();
    j["fraction"] = fraction();
    j["error"] = error_;
    for (int r = 0; r < ebm::kRuleCount; ++r) {
      if (!active_[r]) continue;
      nlohmann::json c;
      for (const auto& pt : exps_[r].points)
        if (pt.trials_done > 0) c["points"].push_back({pt.alpha, pt.rate()});
      const auto x = ebm::capacity_crossing(exps_[r], 0.5f);
      c["alpha50"] = x ? nlohmann::json(*x) : nlohmann::json(nullptr);
      j["curves"][ebm::rule_name(static_cast<ebm::Rule>(r))] = c;
    }
    return j;
  }

  bool command(const std::string& name) override {
    if (name == "play" || name == "run") start();
    else if (name == "pause") running_ = false;
    else if (name == "toggle") { if (running_) running_ = false; else start(); }
    else if (name == "reset") reset();
    else return false;
    return true;
  }

 private:
  bool all_done() const {
    for (int r = 0; r < ebm::kRuleCount; ++r)
      if (active_[r] && !ebm::capacity_done(exps_[r])) return false;
    return true;
  }

  float fraction() const {
    float sum = 0;
    int k = 0;
    for (int r = 0; r < ebm::kRuleCount; ++r)
      if (active_[r]) { sum += ebm::capacity_fraction_done(exps_[r]); ++k; }
    return k ? sum / static_cast<float>(k) : 0.0f;
  }

  void start() {
    if (started_ && !all_done()) { running_ = true; return; }  // resume
    reset();
    rng_.reseed(seed_);
    const std::vector<ebm::Pattern> yours = hopfield_scene_memories();
    for (int r = 0; r < ebm::kRuleCount; ++r) {
      if (!use_[r]) continue;
      ebm::CapacityOptions o;
      o.rule = static_cast<ebm::Rule>(r);
      o.n = n_;
      o.trials = trials_;
      o.max_alpha = max_alpha_;
      o.recall.noise = noise_ / 100.0f;
      if (source_ == 1) o.patterns = yours;
      const ebm::Status st = ebm::capacity_begin(exps_[r], o);
      if (!st.ok()) { error_ = st.message; return; }
      active_[r] = true;
    }
    started_ = true;
    running_ = true;
  }

  void controls() {
    const float fs = ImGui::GetFontSize();
    if (button(running_ ? "Pause" : (started_ && !all_done()) ? "Resume" : "Run", "run",
               "Runs the experiment in slices between frames; the curves fill in as loads finish.",
               ImVec2(fs * 5, 0))) {
      command("toggle");
    }
    ImGui::SameLine();
    if (button("Reset", nullptr, "Clears the curves; the settings stay.")) reset();
    ImGui::SameLine();
    ImGui::ProgressBar(fraction(), ImVec2(fs * 12, 0));
    tip("Share of the estimated work done (training plus probes, over all selected rules).");
    ImGui::SameLine();
    ImGui::TextDisabled("%s", running_ ? "running" : started_ && all_done() ? "done" : "");

    bool changed = false;
    for (int r = 0; r < ebm::kRuleCount; ++r) {
      if (r) ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_CheckMark, ImGui::ColorConvertU32ToFloat4(colors::kSeries[r]));
      changed |= ImGui::Checkbox(kRuleLabels[r], &use_[r]);
      ImGui::PopStyleColor();
    }
    tip("Which learning rules to compare; each gets its own curve.");
    ImGui::SetNextItemWidth(fs * 8);
    changed |= ImGui::SliderInt("units n", &n_, 20, 400);
    tip("Network size; the curves for different n cross near the same critical load.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 7);
    changed |= ImGui::SliderInt("trials", &trials_, 1, 20);
    tip("Fresh networks (new random patterns) per load; more trials give smoother curves.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 7);
    changed |= ImGui::SliderFloat("probe noise", &noise_, 0.0f, 40.0f, "%.0f %%");
    tip("Share of units flipped in each probe; recall succeeds when the final overlap is at least 0.95.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 7);
    changed |= ImGui::SliderFloat("max load", &max_alpha_, 0.1f, 1.0f, "%.2f");
    tip("Largest load alpha = P / n tested, in steps of 0.02.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 11);
    const char* sources[] = {"random patterns", "your Hopfield memories"};
    changed |= ImGui::Combo("##source", &source_, sources, 2);
    tip("Random patterns, or the memories currently stored in the Hopfield tab (letters, glyphs, drawings).");
    if (changed) reset();
    if (!error_.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", error_.c_str());
  }

  void figure(float fs) {
    std::vector<std::vector<float>> xs(ebm::kRuleCount), ys(ebm::kRuleCount);
    std::vector<Series> series;
    for (int r = 0; r < ebm::kRuleCount; ++r) {
      if (!active_[r]) continue;
      for (const auto& pt : exps_[r].points)
        if (pt.trials_done > 0) { xs[r].push_back(pt.alpha); ys[r].push_back(pt.rate()); }
      series.push_back({xs[r].data(), ys[r].data(), static_cast<int>(xs[r].size()), colors::kSeries[r], kRuleLabels[r]});
    }
    const VLine lines[] = {{0.138f, "0.138"}};
    PlotSpec spec;
    spec.title = "Recall rate vs load";
    spec.x_label = "load alpha = P / n";
    spec.y_label = "recall rate";
    spec.x_min = 0.0f;
    spec.x_max = source_ == 1 ? NAN : max_alpha_;
    spec.y_min = 0.0f;
    spec.y_max = 1.05f;  // headroom so a perfect-recall curve is not drawn on the frame
    spec.vlines = lines;
    spec.empty_text = "press Run";
    spec.size = ImVec2(0, std::max(fs * 18, ImGui::GetContentRegionAvail().y - fs * 6));
    plot("capacity", spec, series);
    register_widget("capacity_plot");
    ImGui::TextUnformatted("Load where recall falls to 50%:");
    for (int r = 0; r < ebm::kRuleCount; ++r) {
      if (!active_[r]) continue;
      ImGui::SameLine(0, fs * 1.2f);
      const auto x = ebm::capacity_crossing(exps_[r], 0.5f);
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kSeries[r]), x ? "%s %.3f" : "%s > range", kRuleLabels[r], x ? *x : 0.0f);
    }
  }

  ebm::Rng rng_{7};
  ebm::CapacityExperiment exps_[ebm::kRuleCount];
  bool active_[ebm::kRuleCount] = {};
  bool use_[ebm::kRuleCount] = {true, true, true, false};
  std::string error_;
  int n_ = 100;
  int trials_ = 3;
  float noise_ = 10.0f;
  float max_alpha_ = 0.4f;
  int source_ = 0;
  uint64_t seed_ = 7;
  double ms_per_unit_ = 0.02;
  int64_t work_done_ = 0;
  bool running_ = false;
  bool started_ = false;
};

}  // namespace

std::unique_ptr<Scene> make_capacity_scene() { return std::make_unique<CapacityScene>(); }

}  // namespace web
