// scene_toy.cpp: the smallest RBM there is, enumerated exactly. Three visible units (people
// A, B, C) and two hidden ones (fruits D, E) have 32 joint states: the table lists each with
// its score -E, exp(score) and probability, live. Training on the tutorial's six rows with
// CD-k moves probability onto the data states; the plot shows the exact KL divergence falling.
// UI and pacing only: energies, log Z and training are engine calls.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "datasets.hpp"
#include "imgui.h"
#include "params.hpp"
#include "rbm.hpp"
#include "rbm_metrics.hpp"
#include "rbm_train.hpp"
#include "scene.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {

constexpr int kNv = 3, kNh = 2;
const std::vector<const char*> kStartNames = {"tutorial", "random"};

class ToyScene final : public Scene {
 public:
  const char* id() const override { return "toy"; }
  const char* title() const override { return "Exact RBM (5 units)"; }

  void reset() override {
    playing_ = false;
    credit_ = 0;
    error_.clear();
    data_ = ebm::toy_people_rows();
    rng_.reseed(seed_);
    ebm::Rbm rbm;
    if (start_ == 0) {
      rbm = ebm::toy_people_model();
    } else {
      rbm = ebm::rbm_make(kNv, kNh);
      ebm::rbm_init(rbm, rng_, data_, 0.1f);
    }
    ebm::RbmTrainConfig cfg{.method = pcd_ ? ebm::RbmMethod::Pcd : ebm::RbmMethod::Cd,
                            .batch_size = 6, .k = k_, .learning_rate = lr_};
    auto t = ebm::rbm_trainer_make(rbm, data_, cfg);
    if (!t.ok()) { error_ = t.error(); return; }
    trainer_ = std::move(t.value());
    kl_x_.clear();
    kl_y_.clear();
    enumerate();
    record();
  }

  void step(const Frame& f) override {
    if (!playing_ || !error_.empty()) return;
    credit_ += speed_ * f.dt_s;
    const int n = static_cast<int>(credit_);
    credit_ -= n;
    for (int i = 0; i < n && !ebm::rbm_train_finished(trainer_); ++i) {
      ebm::rbm_train_step(trainer_, rng_, 1);
      if (!trainer_.status.ok()) { error_ = trainer_.status.message; playing_ = false; break; }
      enumerate();
      record();
    }
  }

  bool animating() const override { return playing_; }

  void ui(const Frame& f) override {
    const float fs = ImGui::GetFontSize();
    if (!f.embed)
      figure_title("Every state of a tiny RBM, exactly",
                   "Visible units are people A, B, C; hidden units are fruits D, E. P(v, h) = exp(-E(v, h)) / Z over all "
                   "32 states. Training on the six data rows pushes probability onto the states that occur in the data.");
    ImGui::Spacing();
    controls();
    if (!error_.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", error_.c_str());
    ImGui::Spacing();
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool wide = avail > fs * 50;
    ImGui::BeginGroup();
    table(wide ? fs * 30 : avail);
    ImGui::EndGroup();
    if (wide) ImGui::SameLine(0, fs * 1.5f);
    ImGui::BeginGroup();
    const float w = wide ? ImGui::GetContentRegionAvail().x : avail;
    marginal_plot(w);
    kl_plot(w);
    params_view();
    ImGui::EndGroup();
  }

  std::string apply_param(const Param& p) override {
    double d = 0;
    long long i = 0;
    int c = 0;
    std::string err;
    if (p.key == "lr") { if ((err = parse_number(p, 1e-4, 100, d)).empty()) lr_ = static_cast<float>(d); }
    else if (p.key == "k") { if ((err = parse_int(p, 1, 100, i)).empty()) k_ = static_cast<int>(i); }
    else if (p.key == "speed") { if ((err = parse_number(p, 1, 5000, d)).empty()) speed_ = static_cast<float>(d); }
    else if (p.key == "seed") { if ((err = parse_int(p, 0, 1000000000, i)).empty()) seed_ = static_cast<uint64_t>(i); }
    else if (p.key == "start") { if ((err = parse_choice(p, kStartNames, c)).empty()) start_ = c; }
    else if (p.key == "pcd") { pcd_ = p.value != "0"; }
    else if (p.key == "play") { playing_ = p.value != "0"; return ""; }
    else return "unknown parameter " + p.key + " for the exact RBM scene (ignored).";
    reset();
    return err;
  }

  std::vector<Param> params() const override {
    char lr[32], sp[32];
    std::snprintf(lr, sizeof lr, "%g", lr_);
    std::snprintf(sp, sizeof sp, "%g", speed_);
    return {{"start", kStartNames[start_]}, {"lr", lr}, {"k", std::to_string(k_)}, {"pcd", pcd_ ? "1" : "0"},
            {"speed", sp}, {"seed", std::to_string(seed_)}};
  }

  nlohmann::json query() const override {
    nlohmann::json j;
    j["updates"] = trainer_.updates;
    j["kl"] = kl_;
    j["kl_start"] = kl_y_.empty() ? kl_ : kl_y_.front();
    j["log_z"] = log_z_;
    j["p_joint_sum"] = p_sum_;
    j["p_visible"] = p_visible_;
    j["playing"] = playing_;
    j["error"] = error_;
    std::vector<float> scores;
    for (const auto& r : rows_) scores.push_back(r.score);
    j["scores"] = scores;
    return j;
  }

  bool command(const std::string& name) override {
    if (name == "play") playing_ = true;
    else if (name == "pause") playing_ = false;
    else if (name == "toggle") playing_ = !playing_;
    else if (name == "step") {
      playing_ = false;
      ebm::rbm_train_step(trainer_, rng_, 1);
      enumerate();
      record();
    } else if (name == "reset") reset();
    else return false;
    return true;
  }

 private:
  struct Row {
    float v[kNv], h[kNh];
    float score;  // -E(v, h)
    float weight; // exp(score)
    float p;      // exp(score) / Z
  };

  // All 32 joint states and the 8 visible marginals, from the engine's energies and log Z.
  void enumerate() {
    const ebm::Rbm& r = trainer_.rbm;
    rows_.clear();
    for (int s = 0; s < 32; ++s) {
      Row row{};
      for (int i = 0; i < kNv; ++i) row.v[i] = static_cast<float>((s >> (4 - i)) & 1);
      for (int j = 0; j < kNh; ++j) row.h[j] = static_cast<float>((s >> (1 - j)) & 1);
      row.score = static_cast<float>(-ebm::rbm_energy(r, row.v, row.h));
      row.weight = std::exp(row.score);
      rows_.push_back(row);
    }
    log_z_ = ebm::log_z_exact(r);
    p_sum_ = 0;
    for (auto& row : rows_) {
      row.p = static_cast<float>(std::exp(static_cast<double>(row.score) - log_z_));
      p_sum_ += row.p;
    }
    // P(v) = exp(-F(v) - log Z) for the 8 visible states; the data distribution beside it.
    kl_ = 0;
    p_visible_.assign(8, 0.0f);
    p_data_.assign(8, 0.0f);
    for (int r6 = 0; r6 < 6; ++r6) {
      const int s = static_cast<int>(data_[r6 * 3] * 4 + data_[r6 * 3 + 1] * 2 + data_[r6 * 3 + 2]);
      p_data_[s] += 1.0f / 6.0f;
    }
    for (int s = 0; s < 8; ++s) {
      const float v[kNv] = {static_cast<float>((s >> 2) & 1), static_cast<float>((s >> 1) & 1), static_cast<float>(s & 1)};
      p_visible_[s] = static_cast<float>(std::exp(-ebm::rbm_free_energy_one(r, v) - log_z_));
      if (p_data_[s] > 0) kl_ += p_data_[s] * std::log(p_data_[s] / std::max(1e-30f, p_visible_[s]));
    }
  }

  void record() {
    kl_x_.push_back(static_cast<float>(trainer_.updates));
    kl_y_.push_back(static_cast<float>(kl_));
  }

  void controls() {
    const float fs = ImGui::GetFontSize();
    if (button(playing_ ? "Pause" : "Train", "play",
               "Runs CD-k updates on the six data rows (shortcut: space).", ImVec2(fs * 4.5f, 0))) {
      command("toggle");
    }
    ImGui::SameLine();
    if (button("Step", "step", "One CD-k update on the whole six-row batch.")) command("step");
    ImGui::SameLine();
    if (button("Reset", nullptr, "Back to the starting model; the updates and the KL curve restart.")) command("reset");
    ImGui::SameLine();
    speed_slider(&speed_, 1.0f, 2000.0f, "%.0f updates/s", fs * 8, "Training updates per second.");
    bool changed = false;
    ImGui::SetNextItemWidth(fs * 10);
    const char* starts[] = {"the tutorial's hand-set model", "small random weights"};
    changed |= ImGui::Combo("start", &start_, starts, 2);
    tip("Start from the tutorial's hand-set weights (its score table) or from a fresh random initialization.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 7);
    changed |= ImGui::SliderFloat("learning rate", &lr_, 0.001f, 2.0f, "%.3f", ImGuiSliderFlags_Logarithmic);
    tip("Step size of each CD-k update on the batch-mean gradient.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 5);
    changed |= ImGui::SliderInt("k", &k_, 1, 20);
    tip("Gibbs steps in the negative phase of CD-k; large k approaches the exact gradient.");
    ImGui::SameLine();
    changed |= ImGui::Checkbox("persistent (PCD)", &pcd_);
    tip("Keep the negative-phase chains between updates instead of restarting them at the data.");
    if (changed) reset();
  }

  void table(float width) {
    const float fs = ImGui::GetFontSize();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("All 32 states (v = A B C, h = D E)");
    ImGui::PopFont();
    ImGui::TextDisabled("score = -E(v, h); Z = %.3f; sum of P = %.4f", std::exp(log_z_), p_sum_);
    const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                               ImGuiTableFlags_ScrollY;
    const float height = std::min(fs * 33.0f, std::max(fs * 12.0f, ImGui::GetContentRegionAvail().y - fs));
    if (ImGui::BeginTable("states", 5, tf, ImVec2(width, height))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("A B C");
      ImGui::TableSetupColumn("D E");
      ImGui::TableSetupColumn("score");
      ImGui::TableSetupColumn("exp(score)");
      ImGui::TableSetupColumn("P(v, h)", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableHeadersRow();
      for (const Row& r : rows_) {
        const int vs = static_cast<int>(r.v[0] * 4 + r.v[1] * 2 + r.v[2]);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (p_data_[vs] > 0) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kBlue), "%d %d %d", (int)r.v[0], (int)r.v[1], (int)r.v[2]);
        else ImGui::Text("%d %d %d", (int)r.v[0], (int)r.v[1], (int)r.v[2]);
        ImGui::TableNextColumn();
        ImGui::Text("%d %d", (int)r.h[0], (int)r.h[1]);
        ImGui::TableNextColumn();
        ImGui::Text("%+.2f", r.score);
        ImGui::TableNextColumn();
        ImGui::Text("%.3g", r.weight);
        ImGui::TableNextColumn();
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        const float bw = ImGui::GetContentRegionAvail().x - fs * 3.2f;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(ImVec2(p0.x, p0.y + 3), ImVec2(p0.x + std::max(1.0f, bw * r.p), p0.y + fs - 1),
                          p_data_[vs] > 0 ? colors::kBlue : colors::kMuted, 2.0f);
        ImGui::Dummy(ImVec2(bw, fs));
        ImGui::SameLine();
        ImGui::Text("%.3f", r.p);
      }
      ImGui::EndTable();
    }
    register_widget("table");
    ImGui::TextDisabled("blue rows: visible states that occur in the data");
  }

  void marginal_plot(float width) {
    const float fs = ImGui::GetFontSize();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("P(v): model vs data over the 8 visible states");
    ImGui::PopFont();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float h = fs * 9, left = fs * 2.5f, bottom = fs * 2.4f;
    ImGui::Dummy(ImVec2(width, h + bottom));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float x0 = p0.x + left, y1 = p0.y + h, gw = (width - left) / 8.0f;
    for (float t = 0; t <= 1.0f; t += 0.25f) {
      const float y = y1 - t * (h - fs * 0.5f);
      dl->AddLine(ImVec2(x0, y), ImVec2(p0.x + width, y), colors::kGrid);
      char b[8];
      std::snprintf(b, sizeof b, "%.2f", t);
      dl->AddText(ImVec2(p0.x, y - fs * 0.5f), colors::kMuted, b);
    }
    for (int s = 0; s < 8; ++s) {
      const float gx = x0 + gw * s + gw * 0.15f, bw = gw * 0.33f;
      const float hm = p_visible_[s] * (h - fs * 0.5f), hd = p_data_[s] * (h - fs * 0.5f);
      dl->AddRectFilled(ImVec2(gx, y1 - hd), ImVec2(gx + bw, y1), colors::kGrid);
      dl->AddRectFilled(ImVec2(gx + bw, y1 - hm), ImVec2(gx + 2 * bw, y1), colors::kBlue);
      char lbl[8];
      std::snprintf(lbl, sizeof lbl, "%d%d%d", (s >> 2) & 1, (s >> 1) & 1, s & 1);
      dl->AddText(ImVec2(gx + bw * 0.4f, y1 + 3), colors::kInk, lbl);
    }
    dl->AddText(ImVec2(x0, y1 + fs * 1.2f), colors::kMuted, "visible state A B C   (grey: data, blue: model P(v))");
  }

  void kl_plot(float width) {
    const Series s[] = {{kl_x_.data(), kl_y_.data(), static_cast<int>(kl_x_.size()), colors::kOrange, nullptr}};
    PlotSpec spec;
    spec.title = "Exact KL(data || model) during training";
    spec.x_label = "CD-k updates";
    spec.y_label = "KL (nats)";
    spec.y_min = 0.0f;
    spec.size = ImVec2(width, ImGui::GetFontSize() * 12);
    spec.empty_text = "press Train";
    plot("kl", spec, s);
    register_widget("kl_plot");
  }

  void params_view() {
    const ebm::Rbm& r = trainer_.rbm;
    ImGui::TextDisabled("b (A B C) = %+.2f %+.2f %+.2f   c (D E) = %+.2f %+.2f", r.b[0], r.b[1], r.b[2], r.c[0], r.c[1]);
    ImGui::TextDisabled("W: A-D %+.2f  A-E %+.2f  B-D %+.2f  B-E %+.2f  C-D %+.2f  C-E %+.2f", r.w[0], r.w[1], r.w[2],
                        r.w[3], r.w[4], r.w[5]);
    ImGui::TextDisabled("%lld updates, KL = %.4f nats", static_cast<long long>(trainer_.updates), kl_);
  }

  ebm::Rng rng_{1};
  ebm::RbmTrainer trainer_;
  std::vector<float> data_, kl_x_, kl_y_, p_visible_, p_data_;
  std::vector<Row> rows_;
  std::string error_;
  double log_z_ = 0, kl_ = 0, p_sum_ = 0;
  int start_ = 0;
  float lr_ = 0.1f;
  int k_ = 1;
  bool pcd_ = false;
  float speed_ = 30.0f;
  uint64_t seed_ = 1;
  double credit_ = 0;
  bool playing_ = false;
};

}  // namespace

std::unique_ptr<Scene> make_toy_scene() { return std::make_unique<ToyScene>(); }

}  // namespace web
