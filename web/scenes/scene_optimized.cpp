// scene_optimized.cpp: the seed library's "memorize more" run, animated. Twelve correlated
// 32x32 glyph images overwhelm plain Hebbian storage; the optimized rule visits each target,
// finds the parasite state two synchronous steps away, and lowers the target's energy while
// raising the parasite's. The figure shows each target beside its parasite, the mean energies
// per epoch, and how many images are recalled from a blanked centre. UI and pacing only.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "fonts.hpp"
#include "glyphs.hpp"
#include "hopfield.hpp"
#include "hopfield_analysis.hpp"
#include "hopfield_rules.hpp"
#include "imgui.h"
#include "params.hpp"
#include "patterns.hpp"
#include "scene.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {

constexpr int kSide = 32;

class OptimizedScene final : public Scene {
 public:
  const char* id() const override { return "optimized"; }
  const char* title() const override { return "Optimized rule"; }

  void reset() override {
    playing_ = false;
    credit_ = 0;
    error_.clear();
    if (targets_.empty()) {
      auto imgs = ebm::glyph_image_set({kRobotoRegularTtf, kRobotoRegularTtf_size},
                                       {kDejaVuSansBoldTtf, kDejaVuSansBoldTtf_size}, kSide);
      if (!imgs.ok()) { error_ = imgs.error(); return; }
      for (auto& g : imgs.value()) { targets_.push_back(g.pattern); labels_.push_back(g.label); }
      thumbs_.resize(targets_.size());
      for (size_t k = 0; k < targets_.size(); ++k) upload(thumbs_[k], targets_[k]);
    }
    rng_.reseed(seed_);
    net_ = ebm::hopfield_make(kSide * kSide);
    ebm::OptimizedOptions o{.lr = lr_, .parasite_steps = parasite_steps_, .epochs = epochs_};
    const ebm::Status st = ebm::optimized_begin(trainer_, net_, targets_, o);
    if (!st.ok()) { error_ = st.message; return; }
    epoch_x_.clear(); target_e_.clear(); parasite_e_.clear(); recalled_.clear();
    hebbian_recalled_ = measure_recall();
    recalled_.push_back(static_cast<float>(hebbian_recalled_));
    recall_x_ = {0.0f};
    hebbian_energy_ = static_cast<float>(ebm::optimized_mean_target_energy(trainer_, net_));
    upload(target_tex_, targets_[0]);
    upload(parasite_tex_, targets_[0]);
  }

  void step(const Frame& f) override {
    if (!playing_ || !error_.empty()) return;
    credit_ += speed_ * f.dt_s;
    int n = static_cast<int>(credit_);
    credit_ -= n;
    if (n > 0) advance(n);
    if (ebm::optimized_done(trainer_)) playing_ = false;
  }

  bool animating() const override { return playing_; }

  void ui(const Frame& f) override {
    const float fs = ImGui::GetFontSize();
    if (!f.embed)
      figure_title("Memorize more: the optimized rule",
                   "Start from Hebbian weights; for each target x find its nearby parasite x' (two synchronous steps away) "
                   "and update W += lr (x x^T - x' x'^T) / n: dig the memory's valley, fill the parasite's.");
    ImGui::Spacing();
    controls();
    if (!error_.empty()) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", error_.c_str());
      return;
    }
    ImGui::Spacing();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float big = std::min(fs * 11.0f, avail * 0.22f);
    ImGui::BeginGroup();
    pair_view(big);
    ImGui::EndGroup();
    ImGui::SameLine(0, fs * 1.2f);
    ImGui::BeginGroup();
    const float w = (ImGui::GetContentRegionAvail().x - fs) * 0.5f;
    energy_plot(w, big + fs * 3.5f);
    ImGui::SameLine(0, fs);
    recall_plot(w, big + fs * 3.5f);
    ImGui::EndGroup();
    ImGui::Spacing();
    targets_view();
  }

  std::string apply_param(const Param& p) override {
    double d = 0;
    long long i = 0;
    std::string err;
    if (p.key == "lr") { if ((err = parse_number(p, 0.001, 100, d)).empty()) lr_ = static_cast<float>(d); }
    else if (p.key == "steps") { if ((err = parse_int(p, 1, 20, i)).empty()) parasite_steps_ = static_cast<int>(i); }
    else if (p.key == "epochs") { if ((err = parse_int(p, 1, 50, i)).empty()) epochs_ = static_cast<int>(i); }
    else if (p.key == "speed") { if ((err = parse_number(p, 0.5, 500, d)).empty()) speed_ = static_cast<float>(d); }
    else if (p.key == "seed") { if ((err = parse_int(p, 0, 1000000000, i)).empty()) seed_ = static_cast<uint64_t>(i); }
    else if (p.key == "play") { playing_ = p.value != "0"; return ""; }
    else return "unknown parameter " + p.key + " for the optimized-rule scene (ignored).";
    reset();
    return err;
  }

  std::vector<Param> params() const override {
    char lr[32], sp[32];
    std::snprintf(lr, sizeof lr, "%g", lr_);
    std::snprintf(sp, sizeof sp, "%g", speed_);
    return {{"lr", lr}, {"steps", std::to_string(parasite_steps_)}, {"epochs", std::to_string(epochs_)},
            {"speed", sp}, {"seed", std::to_string(seed_)}};
  }

  nlohmann::json query() const override {
    nlohmann::json j;
    j["epoch"] = trainer_.epoch;
    j["targets_done"] = trainer_.targets_done;
    j["done"] = ebm::optimized_done(trainer_);
    j["hebbian_recalled"] = hebbian_recalled_;
    j["recalled"] = recalled_.empty() ? 0 : static_cast<int>(recalled_.back());
    j["error"] = error_;
    j["playing"] = playing_;
    for (const auto& e : trainer_.history)
      j["epochs"].push_back({{"target_E", e.mean_target_energy}, {"parasite_E", e.mean_parasite_energy}, {"parasites", e.parasites}});
    return j;
  }

  bool command(const std::string& name) override {
    if (name == "play") playing_ = true;
    else if (name == "pause") playing_ = false;
    else if (name == "toggle") { if (!playing_ && ebm::optimized_done(trainer_)) reset(); playing_ = !playing_; }
    else if (name == "step") { playing_ = false; advance(1); }
    else if (name == "reset") reset();
    else return false;
    return true;
  }

 private:
  static void upload(FieldTexture& t, const ebm::Pattern& p) {
    std::vector<float> v(p.begin(), p.end());
    field_upload(t, v.data(), kSide, kSide);
  }

  // Images recalled exactly from a copy with the centre blanked (the seed's corruption).
  int measure_recall() {
    ebm::Rng r(seed_ + 99);
    ebm::RecallOptions o{.noise = 0.0f, .threshold = 1.0f, .max_sweeps = 50};
    int ok = 0;
    for (const auto& x : targets_) {
      const ebm::Pattern cue = ebm::blank_center(x, kSide, kSide, 0.5f);
      ok += ebm::recall_from(net_, x, cue, r, o).success ? 1 : 0;
    }
    return ok;
  }

  void advance(int targets) {
    for (int k = 0; k < targets && !ebm::optimized_done(trainer_); ++k) {
      const int before = trainer_.epoch;
      ebm::optimized_step(trainer_, net_, rng_, 1);
      if (trainer_.epoch != before) {  // an epoch finished: record its figures
        const auto& e = trainer_.history.back();
        epoch_x_.push_back(static_cast<float>(e.epoch));
        target_e_.push_back(static_cast<float>(e.mean_target_energy));
        parasite_e_.push_back(static_cast<float>(e.mean_parasite_energy));
        recall_x_.push_back(static_cast<float>(trainer_.epoch));
        recalled_.push_back(static_cast<float>(measure_recall()));
      }
    }
    if (trainer_.last_target >= 0) {
      upload(target_tex_, targets_[trainer_.last_target]);
      upload(parasite_tex_, trainer_.last_parasite);
    }
  }

  void controls() {
    const float fs = ImGui::GetFontSize();
    if (button(playing_ ? "Pause" : "Play", "play",
               "Runs the optimized rule, one target at a time (shortcut: space).", ImVec2(fs * 4.5f, 0))) {
      command("toggle");
    }
    ImGui::SameLine();
    if (button("Step", nullptr, "Visits one target: finds its parasite and updates the weights once.")) command("step");
    ImGui::SameLine();
    if (button("Reset", nullptr, "Back to plain Hebbian weights.")) command("reset");
    ImGui::SameLine();
    speed_slider(&speed_, 0.5f, 500.0f, "%.1f targets/s", fs * 8, "How many targets are visited per second.");
    ImGui::SameLine();
    ImGui::ProgressBar(ebm::optimized_fraction_done(trainer_), ImVec2(fs * 8, 0));
    tip("Share of the target visits done over all epochs.");
    ImGui::SameLine();
    ImGui::Text("epoch %d / %d", std::min(trainer_.epoch + 1, epochs_), epochs_);
    bool changed = false;
    ImGui::SetNextItemWidth(fs * 8);
    changed |= ImGui::SliderFloat("learning rate", &lr_, 0.01f, 5.0f, "%.2f", ImGuiSliderFlags_Logarithmic);
    tip("Size of each weight update, in units of one Hebbian pattern (1/n).");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 6);
    changed |= ImGui::SliderInt("parasite steps", &parasite_steps_, 1, 6);
    tip("Synchronous steps taken from a target to reach its nearby parasite (the seed uses 2).");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 6);
    changed |= ImGui::SliderInt("epochs", &epochs_, 1, 20);
    tip("Passes over the 12 targets, each in a fresh random order.");
    if (changed) reset();
  }

  void pair_view(float big) {
    const float fs = ImGui::GetFontSize();
    FieldStyle st;
    st.grid = false;
    const char* name = trainer_.last_target >= 0 ? labels_[trainer_.last_target].c_str() : "-";
    ImGui::BeginGroup();
    ImGui::Text("target x (%s)", name);
    field_view("target", target_tex_, ImVec2(big, big), st);
    ImGui::EndGroup();
    ImGui::SameLine(0, fs * 0.8f);
    ImGui::BeginGroup();
    ImGui::TextUnformatted(trainer_.last_target < 0 ? "parasite x'" : trainer_.last_had_parasite ? "its parasite x'" : "no parasite: fixed point");
    field_view("parasite", parasite_tex_, ImVec2(big, big), st);
    register_widget("parasite");
    ImGui::EndGroup();
    ImGui::TextDisabled("%lld target visits, %d parasites this epoch", static_cast<long long>(trainer_.targets_done), trainer_.parasites);
  }

  void energy_plot(float w, float h) {
    const Series s[] = {{epoch_x_.data(), target_e_.data(), static_cast<int>(epoch_x_.size()), colors::kBlue, "targets"},
                        {epoch_x_.data(), parasite_e_.data(), static_cast<int>(epoch_x_.size()), colors::kOrange, "parasites"}};
    PlotSpec spec;
    spec.title = "Mean energy per epoch";
    spec.x_label = "epoch";
    spec.y_label = "mean E";
    spec.size = ImVec2(w, h);
    spec.empty_text = "finishes after the first epoch";
    plot("energies", spec, s);
  }

  void recall_plot(float w, float h) {
    const Series s[] = {{recall_x_.data(), recalled_.data(), static_cast<int>(recall_x_.size()), colors::kGreen, nullptr}};
    PlotSpec spec;
    spec.title = "Images recalled from a blanked centre";
    spec.x_label = "epochs done (0 = Hebbian)";
    spec.y_label = "recalled of 12";
    spec.y_min = 0.0f;
    spec.y_max = 12.0f;
    spec.x_min = 0.0f;
    spec.x_max = static_cast<float>(epochs_);
    spec.size = ImVec2(w, h);
    plot("recall", spec, s);
    register_widget("recall_plot");
  }

  void targets_view() {
    const float fs = ImGui::GetFontSize();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("The 12 targets");
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("plain Hebbian recalls %d of 12; now %d of 12", hebbian_recalled_,
                        recalled_.empty() ? 0 : static_cast<int>(recalled_.back()));
    const float thumb = fs * 3.6f;
    FieldStyle st;
    st.grid = false;
    for (size_t k = 0; k < thumbs_.size(); ++k) {
      if (k) ImGui::SameLine(0, fs * 0.6f);
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::PushID(static_cast<int>(k));
      field_view("t", thumbs_[k], ImVec2(thumb, thumb), st);
      ImGui::PopID();
      if (static_cast<int>(k) == trainer_.last_target)
        ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x - 3, p.y - 3), ImVec2(p.x + thumb + 3, p.y + thumb + 3), colors::kOrange, 3.0f, 0, 2.0f);
    }
  }

  ebm::Rng rng_{1};
  ebm::HopfieldNet net_;
  ebm::OptimizedTrainer trainer_;
  std::vector<ebm::Pattern> targets_;
  std::vector<std::string> labels_;
  std::vector<FieldTexture> thumbs_;
  FieldTexture target_tex_, parasite_tex_;
  std::vector<float> epoch_x_, target_e_, parasite_e_, recall_x_, recalled_;
  std::string error_;
  int hebbian_recalled_ = 0;
  float hebbian_energy_ = 0;
  float lr_ = 0.5f;
  int parasite_steps_ = 2;
  int epochs_ = 8;  // about 8 epochs give the best recall from a blanked centre
  float speed_ = 6.0f;
  uint64_t seed_ = 1;
  double credit_ = 0;
  bool playing_ = false;
};

}  // namespace

std::unique_ptr<Scene> make_optimized_scene() { return std::make_unique<OptimizedScene>(); }

}  // namespace web
