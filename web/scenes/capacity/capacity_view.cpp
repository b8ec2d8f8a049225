// capacity_view.cpp: the recall-vs-load figure (see capacity_ui.hpp).
#include <algorithm>
#include <string>
#include <vector>

#include "capacity_ui.hpp"
#include "imgui.h"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

const ImU32 kCapacityRuleColors[kCapacityRuleCount] = {colors::kBlue, colors::kOrange, colors::kGreen,
                                                       colors::kRed,  colors::kPurple, IM_COL32(40, 150, 160, 255)};
const char* const kCapacityRuleLabels[kCapacityRuleCount] = {"Hebbian", "Storkey",   "Pseudo-inverse",
                                                            "Optimized", "Dense x^n", "Dense exp"};

namespace {
constexpr float kHebbianCapacity = 0.138f;  // Amit, Gutfreund and Sompolinsky 1985, N -> infinity
}  // namespace

void capacity_view(const CapacityModel& m) {
  const float fs = ImGui::GetFontSize();
  std::vector<std::vector<float>> xs(kCapacityRuleCount), ys(kCapacityRuleCount);
  std::vector<std::string> labels(kCapacityRuleCount);
  std::vector<Series> series;
  for (int r = 0; r < kCapacityRuleCount; ++r) {
    if (!m.active(r)) continue;
    for (const auto& pt : m.experiment(r).points)
      if (pt.trials_done > 0) {
        xs[r].push_back(pt.alpha);
        ys[r].push_back(pt.rate());
      }
    labels[r] = kCapacityRuleLabels[r];
    if (static_cast<CapacityRule>(r) == CapacityRule::Dense) labels[r] = std::string("Dense x^") + std::to_string(m.settings().degree);
    series.push_back({xs[r].data(), ys[r].data(), static_cast<int>(xs[r].size()), kCapacityRuleColors[r], labels[r].c_str()});
  }
  const VLine lines[] = {{kHebbianCapacity, "0.138"}};
  PlotSpec spec;
  spec.title = "Recall rate vs load";
  const bool log_axis = m.settings().log_axis;
  spec.x_label = log_axis ? "load alpha = P / n (log scale)" : "load alpha = P / n";
  spec.x_log = log_axis;
  spec.y_label = "recall rate";
  spec.x_min = log_axis ? 0.01f : 0.0f;
  spec.x_max = m.settings().source == CapacitySource::Yours ? NAN : m.settings().max_alpha;
  spec.y_min = 0.0f;
  spec.y_max = 1.05f;  // headroom so a perfect-recall curve is not drawn on the frame
  spec.vlines = lines;
  spec.empty_text = "press Run";
  spec.size = ImVec2(0, std::max(fs * 18, fill_height(fs * 24) - fs * 6));
  plot("capacity", spec, series);
  register_widget("capacity_plot");
  ImGui::TextUnformatted("Load where recall falls to 50%:");
  for (int r = 0; r < kCapacityRuleCount; ++r) {
    if (!m.active(r)) continue;
    ImGui::SameLine(0, fs * 1.2f);
    const auto x = ebm::capacity_crossing(m.experiment(r), 0.5f);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kCapacityRuleColors[r]), x ? "%s %.3g" : "%s > range",
                       labels[r].c_str(), x ? *x : 0.0f);
  }
}

}  // namespace web
