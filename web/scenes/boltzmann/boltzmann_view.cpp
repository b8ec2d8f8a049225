// boltzmann_view.cpp: the Boltzmann machine scene's figure layout, phase banner, KL and
// temperature plots, and the last learning step's co-occurrence matrices (see boltzmann_ui.hpp).
// The graph and the P(v) chart are drawn in their own files.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "boltzmann_ui.hpp"
#include "imgui.h"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {
constexpr int kSchedulePoints = 400;  // most points of the drawn temperature schedule
}  // namespace

void BoltzmannView::figures(const BoltzmannModel& m) {
  const float fs = ImGui::GetFontSize();
  phase_banner(m);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  const bool side = avail.x > fs * 40;
  const float gw = side ? std::min(avail.x * 0.46f, fs * 34.0f) : avail.x;
  // Below these heights the plots stop being readable: short embeds scroll instead.
  const float kl_min = fs * 9.0f, temp_min = fs * 7.5f;
  const float gh = std::clamp((fill_height(fs * 40.0f) - 3 * spacing) * 0.56f, kl_min + temp_min + spacing, fs * 26.0f);
  graph(m, gw, gh);
  if (side) ImGui::SameLine(0, fs);
  ImGui::BeginGroup();
  const float w = side ? ImGui::GetContentRegionAvail().x : 0.0f;
  const float th = std::max(temp_min, gh * 0.44f - spacing);
  kl_plot(m, w, gh - th - spacing);
  temperature_plot(m, w, th);
  ImGui::EndGroup();
  ImGui::Spacing();
  const float bh = std::max(fs * 10.5f, fill_height(fs * 14.0f) - spacing);
  const float row = ImGui::GetContentRegionAvail().x;
  if (row > fs * 44) {
    const float mats = std::clamp(row * 0.36f, fs * 18.0f, fs * 27.0f);
    pv_bars(m, row - mats - fs, bh);
    ImGui::SameLine(0, fs);
    stats_view(m, mats, bh);
  } else {
    pv_bars(m, 0.0f, bh);
    stats_view(m, row, fs * 12.0f);
  }
}

void BoltzmannView::phase_banner(const BoltzmannModel& m) {
  const ebm::BmTrainer& t = m.trainer();
  const bool clamped = t.phase == ebm::BmPhase::Clamped;
  // Between runs (right after Finish update) the next run is about to start at its first sweep.
  const int64_t run_sweep = t.run_active ? t.run_sweep : 0;
  const bool collecting = run_sweep >= t.config.anneal.steps;
  ImGui::PushFont(bold_font());
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(clamped ? colors::kOrange : colors::kGreen),
                     clamped ? "Clamped phase" : "Free phase");
  ImGui::PopFont();
  ImGui::SameLine();
  char what[96];
  const int nv = m.nv();
  if (clamped) {
    uint32_t v = 0;
    for (int i = 0; i < nv; ++i) v |= (t.data[static_cast<size_t>(t.run) * nv + i] ? 1u : 0u) << i;
    std::snprintf(what, sizeof what, "visibles held at row %d of %d (%s), hiddens sampled", t.run + 1, t.rows,
                  bm_bit_string(v, nv).c_str());
  } else {
    std::snprintf(what, sizeof what, "run %d of %d, every unit sampled", t.run + 1, ebm::bm_free_runs(t));
  }
  const int64_t run = ebm::bm_run_sweeps(t.config);
  const int64_t sweep = std::min<int64_t>(run_sweep + 1, run);
  ImGui::TextWrapped("%s; %s sweep %lld of %lld at T = %.2f", what, collecting ? "collecting," : "annealing,",
                     static_cast<long long>(sweep), static_cast<long long>(run), t.temperature);  // wraps in narrow embeds
}

void BoltzmannView::kl_plot(const BoltzmannModel& m, float w, float h) {
  const Series s[] = {series_of(m.kl_history(), colors::kBlue)};
  PlotSpec spec;
  spec.title = "KL(data || model), exact, after each learning step";
  spec.x_label = "training sweeps (thousands)";
  spec.y_label = "KL (nats)";
  spec.y_min = 0.0f;
  spec.size = ImVec2(w, h);
  plot("kl", spec, s);
  register_widget("kl_plot");
}

void BoltzmannView::temperature_plot(const BoltzmannModel& m, float w, float h) {
  const ebm::BmTrainer& t = m.trainer();
  const ebm::BmTrainConfig& c = t.config;
  const int64_t total = ebm::bm_run_sweeps(c);
  const int points = static_cast<int>(std::min<int64_t>(total, kSchedulePoints)) + 1;
  sched_x_.resize(points);
  sched_y_.resize(points);
  for (int k = 0; k < points; ++k) {
    const int64_t sweep = total * k / std::max(1, points - 1);
    sched_x_[k] = static_cast<float>(sweep);
    sched_y_[k] = ebm::schedule_temperature(c.anneal, std::min<int64_t>(sweep, c.anneal.steps));
  }
  now_x_ = static_cast<float>(t.run_active ? std::min<int64_t>(t.run_sweep, total) : 0);  // between runs: the next
  now_y_ = static_cast<float>(t.temperature);
  const Series s[] = {{sched_x_.data(), sched_y_.data(), points, colors::kMuted, "schedule"},
                      {&now_x_, &now_y_, 1, colors::kOrange, "now"}};
  const VLine lines[] = {{static_cast<float>(c.anneal.steps), "collect"}};
  PlotSpec spec;
  spec.title = "Temperature during one run";
  spec.x_label = "sweep of the run";
  spec.y_label = "T";
  spec.y_min = 0.0f;
  spec.x_min = 0.0f;
  spec.x_max = static_cast<float>(std::max<int64_t>(total, 1));
  // T = 0 throughout still gets an axis.
  spec.y_max = std::max(1.0f, *std::max_element(sched_y_.begin(), sched_y_.end()) * 1.08f);
  spec.vlines = lines;
  spec.size = ImVec2(w, h);
  plot("temperature", spec, s);
}

// The two phases' co-occurrence matrices of the last learning step and their difference, which
// is the weight change divided by lr (its diagonal moves the biases).
void BoltzmannView::stats_view(const BoltzmannModel& m, float w, float h) {
  const float fs = ImGui::GetFontSize();
  const ebm::BmTrainer& t = m.trainer();
  const int n = ebm::bm_units(t.bm);
  if (stats_version_ != m.version()) {  // a new learning step or machine: upload once
    stats_version_ = m.version();
    stats_buf_.resize(static_cast<size_t>(n) * n);
    for (int k = 0; k < 3; ++k) {
      for (int e = 0; e < n * n; ++e) {
        const double c = t.last_clamped[e], fr = t.last_free[e];
        stats_buf_[e] = static_cast<float>(k == 0 ? c : k == 1 ? fr : c - fr);
      }
      field_upload(stats_tex_[k], stats_buf_.data(), n, n);
    }
    diff_range_ = 0.02f;
    for (int e = 0; e < n * n; ++e)
      diff_range_ = std::max(diff_range_, static_cast<float>(std::fabs(t.last_clamped[e] - t.last_free[e])));
  }
  ImGui::BeginGroup();
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted("The learning signal of the last step");
  ImGui::PopFont();
  // Narrow columns (phones, embeds) wrap the captions instead of cutting them off.
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
  if (t.weight_updates == 0) ImGui::TextDisabled("<s_i s_j> for every pair, shown after the first learning step");
  else ImGui::TextDisabled("<s_i s_j> for every pair; rows, columns: v1..v%d then h1..h%d", m.nv(), t.bm.nh);
  const float gap = fs * 0.8f;
  const float side = std::max(fs * 4.0f, std::min((w - 2 * gap) / 3.0f, h - fs * 6.0f));
  const char* names[3] = {"clamped", "free", "clamped - free"};
  for (int k = 0; k < 3; ++k) {
    if (k) ImGui::SameLine(0, gap);
    ImGui::BeginGroup();
    FieldStyle st;
    st.map = k < 2 ? ColorMap::Sequential : ColorMap::Diverging;
    st.range = k < 2 ? 1.0f : diff_range_;
    ImGui::PushID(k);
    field_view("stats", stats_tex_[k], ImVec2(side, side), st);
    ImGui::PopID();
    if (k == 2) register_widget("stats_diff");
    ImGui::TextUnformatted(names[k]);
    ImGui::EndGroup();
  }
  ImGui::TextDisabled("0 white to 1 blue; difference red > 0, blue < 0 (up to %.2f)", diff_range_);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace web
