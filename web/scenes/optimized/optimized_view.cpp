// optimized_view.cpp: the optimized-rule scene's figures (see optimized_ui.hpp).
#include <algorithm>

#include "imgui.h"
#include "optimized_ui.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {
void upload(FieldTexture& t, const ebm::Pattern& p) {
  const std::vector<float> v(p.begin(), p.end());
  field_upload(t, v.data(), kOptimizedSide, kOptimizedSide);
}
}  // namespace

void OptimizedView::refresh(const OptimizedModel& m) {
  if (m.version() == shown_ || m.targets().empty()) return;
  shown_ = m.version();
  if (thumbs_.size() != m.targets().size()) {
    thumbs_.resize(m.targets().size());
    for (size_t k = 0; k < thumbs_.size(); ++k) upload(thumbs_[k], m.targets()[k]);
  }
  const ebm::OptimizedTrainer& t = m.trainer();
  if (t.last_target >= 0) {
    upload(target_tex_, m.targets()[t.last_target]);
    upload(parasite_tex_, t.last_parasite);
  } else {
    upload(target_tex_, m.targets()[0]);
    upload(parasite_tex_, m.targets()[0]);
  }
}

void OptimizedView::figures(const OptimizedModel& m) {
  const float fs = ImGui::GetFontSize();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float big = std::min(fs * 11.0f, avail * 0.22f);
  ImGui::BeginGroup();
  pair_view(m, big);
  ImGui::EndGroup();
  ImGui::SameLine(0, fs * 1.2f);
  ImGui::BeginGroup();
  const float w = (ImGui::GetContentRegionAvail().x - fs) * 0.5f, h = big + fs * 3.5f;
  {
    const Series s[] = {series_of(m.target_energy(), colors::kBlue, "targets"),
                        series_of(m.parasite_energy(), colors::kOrange, "parasites")};
    PlotSpec spec;
    spec.title = "Mean energy per epoch";
    spec.x_label = "epoch";
    spec.y_label = "mean E";
    spec.size = ImVec2(w, h);
    spec.empty_text = "finishes after the first epoch";
    plot("energies", spec, s);
  }
  ImGui::SameLine(0, fs);
  {
    const Series s[] = {series_of(m.recalled(), colors::kGreen)};
    PlotSpec spec;
    spec.title = "Images recalled from a blanked centre";
    spec.x_label = "epochs done (0 = Hebbian)";
    spec.y_label = "recalled of 12";
    spec.y_min = 0.0f;
    spec.y_max = 12.0f;
    spec.x_min = 0.0f;
    spec.x_max = static_cast<float>(m.settings().epochs);
    spec.size = ImVec2(w, h);
    plot("recall", spec, s);
    register_widget("recall_plot");
  }
  ImGui::EndGroup();
  ImGui::Spacing();
  targets_view(m);
}

void OptimizedView::pair_view(const OptimizedModel& m, float big) {
  const float fs = ImGui::GetFontSize();
  const ebm::OptimizedTrainer& t = m.trainer();
  FieldStyle st;
  st.grid = false;
  ImGui::BeginGroup();
  ImGui::Text("target x (%s)", t.last_target >= 0 ? m.labels()[t.last_target].c_str() : "-");
  field_view("target", target_tex_, ImVec2(big, big), st);
  ImGui::EndGroup();
  ImGui::SameLine(0, fs * 0.8f);
  ImGui::BeginGroup();
  ImGui::TextUnformatted(t.last_target < 0 ? "parasite x'" : t.last_had_parasite ? "its parasite x'" : "no parasite: fixed point");
  field_view("parasite", parasite_tex_, ImVec2(big, big), st);
  register_widget("parasite");
  ImGui::EndGroup();
  ImGui::TextDisabled("%lld target visits, %d parasites this epoch", static_cast<long long>(t.targets_done), t.parasites);
}

void OptimizedView::targets_view(const OptimizedModel& m) {
  const float fs = ImGui::GetFontSize();
  figure_title("The 12 targets");
  ImGui::SameLine();
  ImGui::TextDisabled("plain Hebbian recalls %d of 12; now %d of 12", m.hebbian_recalled(),
                      static_cast<int>(m.recalled().last()));
  const float thumb = fs * 3.6f;
  FieldStyle st;
  st.grid = false;
  for (size_t k = 0; k < thumbs_.size(); ++k) {
    if (k) ImGui::SameLine(0, fs * 0.6f);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(k));
    field_view("t", thumbs_[k], ImVec2(thumb, thumb), st);
    ImGui::PopID();
    if (static_cast<int>(k) == m.trainer().last_target)
      ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x - 3, p.y - 3), ImVec2(p.x + thumb + 3, p.y + thumb + 3), colors::kOrange,
                                          3.0f, 0, 2.0f);
  }
}

}  // namespace web
