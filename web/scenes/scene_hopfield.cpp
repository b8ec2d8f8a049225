// scene_hopfield.cpp: the Hopfield energy-descent figure. A network stores letters with the
// Hebbian rule; a corrupted letter descends by asynchronous updates while the grid shows the
// state (the unit being updated outlined) and the plot shows the energy after every update.
// Everything drawn is the engine's state; this file holds only UI and pacing.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "gfx.hpp"
#include "hopfield.hpp"
#include "imgui.h"
#include "params.hpp"
#include "patterns.hpp"
#include "scene.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {

constexpr int kSide = 10;          // letters are 10 x 10 units
constexpr int kMaxHistory = 20000; // energy points kept; older halves are thinned

class HopfieldScene final : public Scene {
 public:
  const char* id() const override { return "hopfield"; }
  const char* title() const override { return "Hopfield network"; }

  void reset() override {
    rng_.reseed(seed_);
    patterns_ = ebm::letters_10x10(stored_);
    net_ = ebm::hopfield_make(kSide * kSide);
    ebm::train_hebbian(net_, patterns_);
    start_ = ebm::corrupt(patterns_[cue_ % stored_], noise_ / 100.0f, rng_);
    restart(start_);
  }

  void step(const Frame& f) override {
    if (!playing_) return;
    credit_ += speed_ * f.dt_s;
    const auto n = static_cast<int64_t>(credit_);
    credit_ -= static_cast<double>(n);
    advance(n);
    if (ebm::run_converged(net_, run_)) playing_ = false;
  }

  bool animating() const override { return playing_; }

  void ui(const Frame& f) override {
    const float fs = ImGui::GetFontSize();
    const bool wide = ImGui::GetContentRegionAvail().x > fs * 44;
    if (!f.embed) {
      figure_title("Hopfield energy descent",
                   "A corrupted letter slides downhill in energy E(s) = -1/2 s^T W s, one unit at a time, "
                   "until it rests in the nearest stored memory.");
      ImGui::Spacing();
    }
    controls();
    ImGui::Spacing();
    const float grid = std::min(fs * 17.0f, ImGui::GetContentRegionAvail().x * (wide ? 0.4f : 1.0f));
    ImGui::BeginGroup();
    state_view(grid);
    ImGui::EndGroup();
    if (wide) ImGui::SameLine(0, fs * 1.5f);
    ImGui::BeginGroup();
    energy_plot(wide ? ImGui::GetContentRegionAvail().x : 0.0f, grid);
    ImGui::EndGroup();
    ImGui::Spacing();
    memories_view();
  }

  std::string apply_param(const Param& p) override {
    double d = 0;
    long long i = 0;
    std::string err;
    if (p.key == "noise") { if ((err = parse_number(p, 0, 50, d)).empty()) noise_ = static_cast<float>(d); }
    else if (p.key == "speed") { if ((err = parse_number(p, 1, 20000, d)).empty()) speed_ = static_cast<float>(d); }
    else if (p.key == "seed") { if ((err = parse_int(p, 0, 1000000000, i)).empty()) seed_ = static_cast<uint64_t>(i); }
    else if (p.key == "stored") { if ((err = parse_int(p, 1, 6, i)).empty()) stored_ = static_cast<int>(i); }
    else if (p.key == "cue") { if ((err = parse_int(p, 1, 6, i)).empty()) cue_ = static_cast<int>(i) - 1; }
    else if (p.key == "play") { playing_ = p.value != "0"; return ""; }
    else return "unknown parameter " + p.key + " for the Hopfield scene (ignored).";
    if (cue_ >= stored_) cue_ = stored_ - 1;
    reset();
    return err;
  }

  std::vector<Param> params() const override {
    char n[32], s[32];
    std::snprintf(n, sizeof n, "%g", noise_);
    std::snprintf(s, sizeof s, "%g", speed_);
    return {{"noise", n}, {"speed", s}, {"seed", std::to_string(seed_)},
            {"stored", std::to_string(stored_)}, {"cue", std::to_string(cue_ + 1)}};
  }

  nlohmann::json query() const override {
    nlohmann::json j;
    j["n"] = net_.n;
    j["updates"] = run_.updates;
    j["flips"] = run_.flips;
    j["energy"] = run_.energy;
    j["energy_start"] = energy_y_.empty() ? run_.energy : energy_y_.front();
    j["converged"] = ebm::run_converged(net_, run_);
    j["playing"] = playing_;
    j["noise"] = noise_;
    j["speed"] = speed_;
    j["stored"] = stored_;
    j["last_unit"] = run_.last_unit;
    std::vector<float> m;
    for (const auto& p : patterns_) m.push_back(ebm::overlap(p, run_.s));
    j["overlaps"] = m;
    return j;
  }

  bool command(const std::string& name) override {
    if (name == "play") playing_ = true;
    else if (name == "pause") playing_ = false;
    else if (name == "toggle") playing_ = !playing_;
    else if (name == "step") { playing_ = false; advance(1); }
    else if (name == "sweep") { playing_ = false; advance(net_.n); }
    else if (name == "reset") { playing_ = false; reset(); }
    else return false;
    return true;
  }

 private:
  void restart(const ebm::Pattern& s) {
    ebm::run_reset(net_, run_, s);
    energy_x_.clear();
    energy_y_.clear();
    record();
    credit_ = 0;
    upload();
  }

  void record() {
    if (static_cast<int>(energy_x_.size()) >= kMaxHistory) {  // keep every other point
      size_t k = 0;
      for (size_t i = 0; i < energy_x_.size(); i += 2, ++k) {
        energy_x_[k] = energy_x_[i];
        energy_y_[k] = energy_y_[i];
      }
      energy_x_.resize(k);
      energy_y_.resize(k);
    }
    energy_x_.push_back(static_cast<float>(run_.updates));
    energy_y_.push_back(static_cast<float>(run_.energy));
  }

  void advance(int64_t n) {
    if (n <= 0) return;
    for (int64_t k = 0; k < n && !ebm::run_converged(net_, run_); ++k) {
      ebm::run_async(net_, run_, rng_, 1);
      record();
    }
    upload();
  }

  void upload() {
    values_.assign(run_.s.begin(), run_.s.end());
    field_upload(state_tex_, values_.data(), kSide, kSide);
    for (size_t k = 0; k < patterns_.size(); ++k) {
      if (memory_tex_.size() <= k) memory_tex_.emplace_back();
      std::vector<float> v(patterns_[k].begin(), patterns_[k].end());
      field_upload(memory_tex_[k], v.data(), kSide, kSide);
    }
  }

  void controls() {
    const float fs = ImGui::GetFontSize();
    if (ImGui::Button(playing_ ? "Pause" : "Play", ImVec2(fs * 4.5f, 0))) {
      if (!playing_ && ebm::run_converged(net_, run_)) reset();
      playing_ = !playing_;
    }
    register_widget("play");
    tip("Runs or pauses the asynchronous updates (shortcut: space).");
    ImGui::SameLine();
    if (ImGui::Button("Step")) command("step");
    register_widget("step");
    tip("Updates one randomly chosen unit: s_i = sign(h_i) (shortcut: S).");
    ImGui::SameLine();
    if (ImGui::Button("Sweep")) command("sweep");
    tip("Makes n = 100 single-unit updates, one full sweep in random order.");
    ImGui::SameLine();
    if (ImGui::Button("Reset")) command("reset");
    register_widget("reset");
    tip("Draws a new corrupted copy of the cue letter and restarts the descent (shortcut: R).");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 8);
    if (ImGui::SliderFloat("noise", &noise_, 0.0f, 50.0f, "%.0f %%")) reset();
    register_widget("noise");
    tip("Percentage of the cue letter's units flipped at random before the descent starts.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 8);
    ImGui::SliderFloat("speed", &speed_, 1.0f, 20000.0f, "%.0f upd/s", ImGuiSliderFlags_Logarithmic);
    register_widget("speed");
    tip("How many single-unit updates run per second of wall time.");

    ImGui::SetNextItemWidth(fs * 8);
    int stored = stored_;
    if (ImGui::SliderInt("stored letters", &stored, 1, 6)) {
      stored_ = stored;
      if (cue_ >= stored_) cue_ = stored_ - 1;
      reset();
    }
    tip("How many letters (A, C, X, Z, T, H) the Hebbian rule stores in the weights; more letters crowd the memory.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 8);
    int cue = cue_ + 1;
    if (ImGui::SliderInt("cue letter", &cue, 1, stored_)) { cue_ = cue - 1; reset(); }
    tip("Which stored letter is corrupted and used as the starting state.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 7);
    int seed = static_cast<int>(seed_);
    if (ImGui::InputInt("seed", &seed)) { seed_ = static_cast<uint64_t>(std::max(0, seed)); reset(); }
    tip("Random seed: the same seed gives the same corruption and update order.");
  }

  void state_view(float size) {
    ImGui::TextDisabled("State s: drag to draw, right-drag to erase");
    FieldStyle st;
    st.highlight = run_.last_unit;
    const FieldHit hit = field_view("state", state_tex_, ImVec2(size, size), st);
    register_widget("state_grid");
    // Drawing sets units directly; the descent then restarts from the drawn state.
    if (hit.cell >= 0 && (hit.paint || hit.erase)) {
      const int8_t v = hit.paint ? 1 : -1;
      if (run_.s[hit.cell] != v) {
        playing_ = false;
        ebm::Pattern s = run_.s;
        s[hit.cell] = v;
        restart(s);
      }
    }
    const bool conv = ebm::run_converged(net_, run_);
    ImGui::Text("%lld updates, %lld flips", static_cast<long long>(run_.updates),
                static_cast<long long>(run_.flips));
    ImGui::Text("E = %.3f  %s", run_.energy, conv ? "(fixed point)" : playing_ ? "(descending)" : "");
  }

  void energy_plot(float width, float height) {
    const Series s[] = {{energy_x_.data(), energy_y_.data(), static_cast<int>(energy_x_.size()), colors::kBlue, nullptr}};
    PlotSpec spec;
    spec.title = "Energy during the descent";
    spec.x_label = "unit updates";
    spec.y_label = "energy E(s)";
    spec.size = ImVec2(width, height + ImGui::GetTextLineHeightWithSpacing());
    plot("energy", spec, s);
    register_widget("energy_plot");
  }

  void memories_view() {
    const float fs = ImGui::GetFontSize();
    ImGui::TextUnformatted("Stored memories and overlap m = (1/n) sum_i x_i s_i with the current state");
    for (size_t k = 0; k < patterns_.size(); ++k) {
      if (k) ImGui::SameLine(0, fs);
      ImGui::BeginGroup();
      ImGui::PushID(static_cast<int>(k));
      FieldStyle st;
      st.grid = false;
      field_view("memory", memory_tex_[k], ImVec2(fs * 4, fs * 4), st);
      const float m = ebm::overlap(patterns_[k], run_.s);
      ImGui::ProgressBar(0.5f * (m + 1.0f), ImVec2(fs * 4, fs * 0.9f), "");
      ImGui::Text("m = %+.2f", m);
      ImGui::PopID();
      ImGui::EndGroup();
    }
  }

  ebm::Rng rng_{1};
  ebm::HopfieldNet net_;
  ebm::HopfieldRun run_;
  std::vector<ebm::Pattern> patterns_;
  ebm::Pattern start_;
  std::vector<float> energy_x_, energy_y_, values_;
  FieldTexture state_tex_;
  std::vector<FieldTexture> memory_tex_;
  uint64_t seed_ = 1;
  int stored_ = 3;
  int cue_ = 0;
  float noise_ = 25.0f;
  float speed_ = 60.0f;
  double credit_ = 0;
  bool playing_ = false;
};

}  // namespace

std::unique_ptr<Scene> make_hopfield_scene() { return std::make_unique<HopfieldScene>(); }

}  // namespace web
