// rbm_view.cpp: the RBM lab's figures (see rbm_ui.hpp): four monitor plots, weight filters,
// reconstructions, hidden activations and the weight histogram.
#include <algorithm>
#include <cmath>

#include "imgui.h"
#include "mosaic.hpp"
#include "rbm.hpp"
#include "rbm_ui.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {
constexpr int kShownFilters = 64;  // filters drawn (the first hidden units)
constexpr int kShownDigits = 10;   // held-out digits reconstructed
constexpr int kActivationRows = 32;
constexpr int kHistogramBins = 41;
}  // namespace

void RbmView::refresh(const RbmModel& m) {
  if (!m.built()) return;
  ++frames_since_upload_;
  if (m.version() == shown_version_) return;
  if (m.playing() && frames_since_upload_ < kViewRefreshFrames && shown_version_ != ~uint64_t{0}) return;
  upload(m);
}

void RbmView::upload(const RbmModel& m) {
  frames_since_upload_ = 0;
  shown_version_ = m.version();
  const ebm::Rbm& r = m.rbm();
  const int side = kRbmSide;
  // Filters: column j of W as a 28x28 image, each scaled by its own max |w|.
  const int nf = std::min(kShownFilters, r.nh);
  tiles_.assign(static_cast<size_t>(nf) * r.nv, 0.0f);
  for (int j = 0; j < nf; ++j) {
    float mx = 1e-12f;
    for (int i = 0; i < r.nv; ++i) mx = std::max(mx, std::fabs(r.w[static_cast<size_t>(i) * r.nh + j]));
    for (int i = 0; i < r.nv; ++i) tiles_[static_cast<size_t>(j) * r.nv + i] = r.w[static_cast<size_t>(i) * r.nh + j] / mx;
  }
  MosaicSize sz = mosaic(tiles_.data(), nf, side, side, std::min(8, std::max(1, nf)), 0.0f, buf_);
  field_upload(filters_, buf_.data(), sz.w, sz.h);
  // Reconstructions: held-out digits (top) and P(v | P(h|v)) (bottom).
  const int nd = std::min(kShownDigits, m.n_held());
  ph_.resize(static_cast<size_t>(nd) * r.nh);
  pv_.resize(static_cast<size_t>(nd) * r.nv);
  ebm::rbm_hidden_probs(r, m.held().data(), nd, ph_.data());
  ebm::rbm_visible_probs(r, ph_.data(), nd, pv_.data());
  tiles_.assign(m.held().begin(), m.held().begin() + static_cast<long>(nd) * r.nv);
  tiles_.insert(tiles_.end(), pv_.begin(), pv_.end());
  sz = mosaic(tiles_.data(), 2 * nd, side, side, nd, 0.0f, buf_);
  field_upload(recon_, buf_.data(), sz.w, sz.h);
  // Hidden activations P(h|v) of 32 held-out digits: rows are digits, columns hidden units.
  const int nb = std::min(kActivationRows, m.n_held());
  ph_.resize(static_cast<size_t>(nb) * r.nh);
  ebm::rbm_hidden_probs(r, m.held().data(), nb, ph_.data());
  field_upload(hidden_, ph_.data(), r.nh, nb);
  weight_hist_ = ebm::histogram_symmetric(r.w, kHistogramBins);
}

void RbmView::figures(const RbmModel& m) {
  const float fs = ImGui::GetFontSize();
  const float avail = ImGui::GetContentRegionAvail().x;
  // Two plots per row; one column on phones and narrow embeds.
  const bool one_col = avail < fs * 40;
  const float w2 = one_col ? avail : (avail - fs) * 0.5f, ph = fs * 11.5f;
  const RbmMonitors& mon = m.monitors();
  {
    const Series s[] = {series_of(mon.recon, colors::kBlue, "training batch"),
                        series_of(mon.eval_recon, colors::kOrange, "held-out")};
    PlotSpec spec;
    spec.title = "Reconstruction error";
    spec.x_label = "epochs";
    spec.y_label = "mean squared error per pixel";
    spec.y_min = 0.0f;
    spec.size = ImVec2(w2, ph);
    plot("recon", spec, s);
    register_widget("recon_plot");
  }
  if (!one_col) ImGui::SameLine(0, fs);
  {
    const Series s[] = {series_of(mon.fe_train, colors::kBlue, "training digits"),
                        series_of(mon.fe_held, colors::kOrange, "held-out digits")};
    PlotSpec spec;
    spec.title = "Free energy: a widening gap means overfitting";
    spec.x_label = "epochs";
    spec.y_label = "mean F(v), nats";
    spec.size = ImVec2(w2, ph);
    plot("fe", spec, s);
  }
  {
    const Series s[] = {series_of(mon.pll, colors::kGreen)};
    PlotSpec spec;
    spec.title = "Pseudo-log-likelihood (held-out)";
    spec.x_label = "epochs";
    spec.y_label = "nats per digit (scikit-learn's definition)";
    spec.size = ImVec2(w2, ph);
    plot("pll", spec, s);
  }
  if (!one_col) ImGui::SameLine(0, fs);
  {
    const Series s[] = {series_of(mon.ll_lo, colors::kGrid, "3-sigma band"), series_of(mon.ll_hi, colors::kGrid),
                        series_of(mon.ll, colors::kPurple, mon.ll_kind.c_str())};
    PlotSpec spec;
    spec.title = m.rbm().nh <= kRbmExactMaxHidden ? "Log-likelihood (held-out), exact"
                                                   : "Log-likelihood (held-out), AIS estimate";
    spec.x_label = "epochs";
    spec.y_label = "log P(v), nats per digit";
    spec.size = ImVec2(w2, ph);
    spec.empty_text = m.ais_running() ? "estimating log Z by AIS..." : "no estimate yet";
    if (!mon.ll.empty() && !mon.eval_recon.empty()) {  // the same epoch axis as the monitors beside it
      spec.x_min = 0.0f;
      spec.x_max = std::max(mon.eval_recon.x.back(), mon.ll.x.back());
    }
    plot("ll", spec, s);
    if (m.ais_running() && one_col) {  // narrow: the legend has the y-label line; a bar below
      ImGui::TextDisabled("next AIS estimate");
      ImGui::ProgressBar(m.ais_fraction(), ImVec2(w2, fs * 0.5f), "");
    } else if (m.ais_running()) {  // a thin progress bar on the y-label line, right-aligned
      const ImVec2 b = ImGui::GetItemRectMax(), a = ImGui::GetItemRectMin();
      const ImVec2 p0(b.x - fs * 6.5f, a.y + fs * 1.45f), p1(b.x - fs * 1.0f, a.y + fs * 1.85f);
      ImDrawList* dl = ImGui::GetWindowDrawList();
      dl->AddRectFilled(p0, p1, colors::kGrid, 2.0f);
      dl->AddRectFilled(p0, ImVec2(p0.x + (p1.x - p0.x) * m.ais_fraction(), p1.y), colors::kPurple, 2.0f);
      const char* label = "next AIS estimate";
      const ImVec2 ts = ImGui::CalcTextSize(label);
      dl->AddText(ImVec2(p0.x - ts.x - fs * 0.4f, 0.5f * (p0.y + p1.y) - 0.5f * ts.y), colors::kMuted, label);
    }
  }
  ImGui::Spacing();
  const float img = one_col ? std::min(fs * 15.0f, avail / 1.3f) : std::min(fs * 15.0f, (avail - 2 * fs) / 3.0f);
  ImGui::BeginGroup();
  figure_title("Weight filters");
  ImGui::TextDisabled("W for the first %d hidden units (red +, blue -)", std::min(kShownFilters, m.rbm().nh));
  FieldStyle div;
  div.map = ColorMap::Diverging;
  div.grid = false;
  field_view("filters", filters_, ImVec2(img, img * filters_.rows / std::max(1, filters_.cols)), div);
  register_widget("filters");
  ImGui::EndGroup();
  if (!one_col) ImGui::SameLine(0, fs);
  ImGui::BeginGroup();
  figure_title("Reconstructions");
  ImGui::TextDisabled("held-out digits (top) and P(v | h) (bottom)");
  FieldStyle seq;
  seq.map = ColorMap::Sequential;
  seq.grid = false;
  const float rw = img * 1.3f;
  field_view("recon_img", recon_, ImVec2(rw, rw * recon_.rows / std::max(1, recon_.cols)), seq);
  register_widget("reconstructions");
  ImGui::Spacing();
  figure_title("Hidden activations");
  ImGui::TextDisabled("P(h = 1 | v): %d digits (rows) x %d hidden units", kActivationRows, m.rbm().nh);
  field_view("hidden_img", hidden_, ImVec2(rw, fs * 5), seq);
  ImGui::EndGroup();
  if (!one_col) ImGui::SameLine(0, fs);
  ImGui::BeginGroup();
  histogram(std::max(fs * 10, ImGui::GetContentRegionAvail().x), img * 0.7f);
  ImGui::Text("update / weight ratio %.2g", m.trainer().last_update_ratio);
  tip("Size of the last weight update relative to the weights; Hinton suggests about 1e-3.");
  ImGui::EndGroup();
}

void RbmView::histogram(float width, float height) {
  const size_t nb = weight_hist_.counts.size();
  hist_x_.resize(nb);
  hist_y_.resize(nb);
  const float bw = (weight_hist_.hi - weight_hist_.lo) / static_cast<float>(std::max<size_t>(1, nb));
  for (size_t i = 0; i < nb; ++i) {
    hist_x_[i] = weight_hist_.lo + (static_cast<float>(i) + 0.5f) * bw;
    hist_y_[i] = static_cast<float>(weight_hist_.counts[i]);
  }
  const Series s[] = {{hist_x_.data(), hist_y_.data(), static_cast<int>(nb), colors::kBlue, nullptr}};
  PlotSpec spec;
  spec.title = "Weight histogram";
  spec.x_label = "weight value";
  spec.y_label = "count";
  spec.y_min = 0.0f;
  spec.size = ImVec2(width, height);
  plot("hist", spec, s);
}

}  // namespace web
