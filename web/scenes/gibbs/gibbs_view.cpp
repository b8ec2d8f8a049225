// gibbs_view.cpp: the Gibbs sampling scene's figures (see gibbs_ui.hpp): the chain's filmstrip
// (visible P(v | h) above, sampled hidden units below), the fantasy particles as a 6 x 6 mosaic,
// and inpainting (the painted mask beside the sampled digit).
#include <algorithm>
#include <cmath>

#include "gibbs_ui.hpp"
#include "imgui.h"
#include "mosaic.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {
constexpr int kFantasyCols = 6;        // the 36 particles as 6 x 6
constexpr float kUnusedHidden = -0.2f;  // grid cells past the last hidden unit (drawn as background)

// The hidden units as a near-square grid: columns and rows.
int hidden_cols(int nh) { return std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(nh))))); }
int hidden_rows(int nh) { return (nh + hidden_cols(nh) - 1) / hidden_cols(nh); }

FieldStyle grey_levels() {
  FieldStyle s;
  s.map = ColorMap::Sequential;
  s.grid = false;
  return s;
}
}  // namespace

void GibbsView::refresh(const GibbsModel& m) {
  if (!m.started() || m.version() == shown_version_) return;
  upload(m);
}

void GibbsView::upload(const GibbsModel& m) {
  shown_version_ = m.version();
  const ebm::Rbm& r = m.rbm();
  const ebm::GibbsTrace& tr = m.trace();
  const int nv = r.nv, nh = r.nh, hc = hidden_cols(nh), hr = hidden_rows(nh);
  // Filmstrip: the last kGibbsFilm visible states, P(v | h_{t-1}) as grey levels, and h_t.
  film_steps_.assign(kGibbsFilm, -1);
  film_tex_.resize(kGibbsFilm);
  hid_tex_.resize(kGibbsFilm);
  hgrid_.resize(static_cast<size_t>(hc) * hr);
  static_assert(kGibbsFilm <= kGibbsTraceKeep, "the chain buffer keeps every state the filmstrip shows");
  for (int k = 0; k < kGibbsFilm; ++k) {
    const int t = tr.steps - (kGibbsFilm - 1 - k);  // row in the buffer; the chain step is first + t
    if (t < 0) continue;
    film_steps_[k] = static_cast<int>(tr.first + t);
    field_upload(film_tex_[k], tr.pv.data() + static_cast<size_t>(t) * nv, kGibbsSide, kGibbsSide);
    std::fill(hgrid_.begin(), hgrid_.end(), kUnusedHidden);
    std::copy(tr.h.begin() + static_cast<long>(t) * nh, tr.h.begin() + static_cast<long>(t + 1) * nh, hgrid_.begin());
    field_upload(hid_tex_[k], hgrid_.data(), hc, hr);
  }
  // Fantasy grid of P(v | h) with one-pixel gaps.
  const MosaicSize sz = mosaic(m.fantasy().pv.data(), m.fantasy().n, kGibbsSide, kGibbsSide, kFantasyCols, 0.0f, mosaic_);
  field_upload(fantasy_tex_, mosaic_.data(), sz.w, sz.h);
  field_upload(inpaint_tex_, m.inpaint().pv.data(), kGibbsSide, kGibbsSide);
  // The mask: clamped pixels show the digit (lifted so that 0 stays visible), free ones are blank.
  mask_buf_.resize(nv);
  for (int i = 0; i < nv; ++i) mask_buf_[i] = m.mask()[i] ? m.clamp_values()[i] * 0.8f + 0.2f : -1.0f;
  field_upload(mask_tex_, mask_buf_.data(), kGibbsSide, kGibbsSide);
}

void GibbsView::chain(const GibbsModel& m) {
  const float fs = ImGui::GetFontSize();
  const int nh = m.rbm().nh;
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted("One chain, step by step");
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped("visible P(v | h) above, sampled hidden units h below (%d cells, dark = on); newest on the right", nh);
  ImGui::PopStyleColor();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float cell = std::min(fs * 7, (avail - fs * 2.2f * kGibbsFilm) / kGibbsFilm);
  const FieldStyle seq = grey_levels();
  for (int k = 0; k < kGibbsFilm; ++k) {
    if (k) {
      ImGui::SameLine(0, fs * 0.3f);
      ImGui::BeginGroup();
      ImGui::Dummy(ImVec2(fs * 1.2f, cell * 0.4f));
      ImGui::TextDisabled("->");
      ImGui::EndGroup();
      ImGui::SameLine(0, fs * 0.3f);
    }
    ImGui::BeginGroup();
    ImGui::PushID(k);
    if (film_steps_.empty() || film_steps_[k] < 0) {
      ImGui::Dummy(ImVec2(cell, cell + fs * 4));
    } else {
      ImGui::Text(film_steps_[k] == 0 ? "v0 (start)" : "v%d", film_steps_[k]);
      field_view("v", film_tex_[k], ImVec2(cell, cell), seq);
      ImGui::Text("h%d", film_steps_[k]);
      const float hh = cell * hidden_rows(nh) / std::max(1, hidden_cols(nh));
      field_view("h", hid_tex_[k], ImVec2(cell, std::max(fs * 0.8f, hh)), seq);
    }
    ImGui::PopID();
    ImGui::EndGroup();
  }
  register_widget("chain");
}

void GibbsView::fantasy(const GibbsModel& m, float size) {
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted("Fantasy particles");
  ImGui::PopFont();
  ImGui::TextDisabled("%d persistent chains after %lld sweeps", m.fantasy().n, static_cast<long long>(m.fantasy().sweeps));
  field_view("fantasy", fantasy_tex_, ImVec2(size, size), grey_levels());
  register_widget("fantasy");
}

void GibbsView::inpaint(GibbsModel& m, float size, const CommandFn& run) {
  const float fs = ImGui::GetFontSize();
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted("Inpainting");
  ImGui::PopFont();
  ImGui::TextDisabled("paint the clamped pixels (left), the rest is sampled");
  const FieldStyle seq = grey_levels();
  const FieldHit hit = field_view("mask", mask_tex_, ImVec2(size, size), seq);
  register_widget("mask");
  // Left button clamps the brush (it shows the digit's pixels there), right button frees it.
  if (hit.cell >= 0 && (hit.paint || hit.erase)) m.paint(hit.cell, hit.paint);
  ImGui::SameLine(0, fs * 0.6f);
  field_view("inpaint", inpaint_tex_, ImVec2(size, size), seq);
  register_widget("inpaint");
  if (ImGui::SmallButton("clamp top half")) run("clamp_top");
  register_widget("clamp_top");
  tip("Clamps the upper half of the digit and lets the model fill in the lower half.");
  same_line_if_fits(button_width("free all"));
  if (ImGui::SmallButton("free all")) run("free_all");
  register_widget("free_all");
  tip("Releases every pixel: the chain becomes a free fantasy particle.");
  same_line_if_fits(button_width("next digit"));
  if (ImGui::SmallButton("next digit")) run("next_digit");
  register_widget("next_digit");
  tip("Takes the clamped pixels from the next held-out digit.");
}

}  // namespace web
