// scene_gibbs.cpp: sampling from a trained RBM by block Gibbs sampling. One chain is shown
// step by step, v0 -> h0 -> v1 -> h1 ..., visible layers as images and hidden layers as
// strips of cells; a grid of persistent fantasy particles wanders the model's distribution;
// and inpainting holds the pixels you paint fixed while the rest is resampled. The model is
// the pretrained one shipped with the page, or the one trained in the RBM tab. UI only.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "assets.hpp"
#include "imgui.h"
#include "mnist_data.hpp"
#include "model_io.hpp"
#include "params.hpp"
#include "rbm.hpp"
#include "rbm_sampling.hpp"
#include "scene.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {

constexpr int kSide = 28;
constexpr int kFilm = 6;         // visible states shown in the chain's filmstrip
constexpr int kFantasy = 36;     // fantasy particles (6 x 6)
constexpr int kTraceCap = 4096;  // transitions a chain records before it restarts

class GibbsScene final : public Scene {
 public:
  const char* id() const override { return "gibbs"; }
  const char* title() const override { return "Gibbs sampling"; }

  void reset() override {
    playing_ = false;
    credit_ = 0;
    have_model_ = false;
    requested_ = false;
  }

  void step(const Frame& f) override {
    const MnistData& d = mnist_poll();
    if (!have_model_) { acquire_model(); return; }
    if (!d.ready) return;
    if (!started_) restart_all(d);
    if (!playing_) return;
    credit_ += speed_ * f.dt_s;
    const int n = std::min(static_cast<int>(credit_), 50);
    credit_ -= static_cast<int>(credit_);
    if (n > 0) sweep(n);
  }

  bool animating() const override { return playing_ || !have_model_ || !started_; }

  void ui(const Frame& f) override {
    const float fs = ImGui::GetFontSize();
    if (!f.embed)
      figure_title("Gibbs sampling: how an RBM dreams",
                   "Alternate h ~ P(h | v) and v ~ P(v | h). From a real digit the chain wanders to other digits; from "
                   "noise the fantasy particles settle into digit-like states; clamped pixels steer inpainting.");
    const MnistData& d = mnist_poll();
    if (!error_.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", error_.c_str());
    if (!have_model_ || !d.ready || !started_) {
      ImGui::TextUnformatted(!have_model_ ? "Loading the pretrained model..." : "Loading the digits...");
      ImGui::ProgressBar(have_model_ ? d.progress : 0.3f, ImVec2(fs * 16, 0));
      return;
    }
    controls();
    ImGui::Spacing();
    chain_view();
    ImGui::Spacing();
    const float avail = ImGui::GetContentRegionAvail().x;
    ImGui::BeginGroup();
    fantasy_view(std::min(fs * 16, avail * 0.45f));
    ImGui::EndGroup();
    ImGui::SameLine(0, fs * 2);
    ImGui::BeginGroup();
    inpaint_view(std::min(fs * 11, avail * 0.25f));
    ImGui::EndGroup();
  }

  std::string apply_param(const Param& p) override {
    double d = 0;
    long long i = 0;
    std::string err;
    if (p.key == "speed") { if ((err = parse_number(p, 0.5, 200, d)).empty()) speed_ = static_cast<float>(d); }
    else if (p.key == "digit") { if ((err = parse_int(p, 0, 999, i)).empty()) digit_ = static_cast<int>(i); }
    else if (p.key == "seed") { if ((err = parse_int(p, 0, 1000000000, i)).empty()) seed_ = static_cast<uint64_t>(i); }
    else if (p.key == "noise_start") { from_noise_ = p.value != "0"; }
    else if (p.key == "play") { playing_ = p.value != "0"; return ""; }
    else return "unknown parameter " + p.key + " for the Gibbs scene (ignored).";
    started_ = false;
    return err;
  }

  std::vector<Param> params() const override {
    char sp[32];
    std::snprintf(sp, sizeof sp, "%g", speed_);
    return {{"speed", sp}, {"digit", std::to_string(digit_)}, {"noise_start", from_noise_ ? "1" : "0"},
            {"seed", std::to_string(seed_)}};
  }

  nlohmann::json query() const override {
    nlohmann::json j;
    j["have_model"] = have_model_;
    j["started"] = started_;
    j["model"] = model_name_;
    j["error"] = error_;
    j["playing"] = playing_;
    j["chain_steps"] = trace_.steps;
    j["fantasy_sweeps"] = fantasy_.sweeps;
    j["nh"] = rbm_.nh;
    if (started_) {
      double mean = 0, var = 0;
      for (float v : fantasy_.pv) mean += v;
      mean /= static_cast<double>(fantasy_.pv.size());
      for (float v : fantasy_.pv) var += (v - mean) * (v - mean);
      j["fantasy_mean"] = mean;
      j["fantasy_var"] = var / static_cast<double>(fantasy_.pv.size());
      double clamp_err = 0;  // clamped pixels must stay exactly at their values
      for (size_t i = 0; i < mask_.size(); ++i)
        if (mask_[i]) clamp_err = std::max(clamp_err, static_cast<double>(std::fabs(inpaint_.v[i] - clamp_values_[i])));
      j["clamp_max_error"] = clamp_err;
      j["clamped"] = std::count(mask_.begin(), mask_.end(), uint8_t{1});
    }
    return j;
  }

  bool command(const std::string& name) override {
    if (name == "play") playing_ = true;
    else if (name == "pause") playing_ = false;
    else if (name == "toggle") playing_ = !playing_;
    else if (name == "step") { playing_ = false; sweep(1); }
    else if (name == "reset") { started_ = false; }
    else if (name == "use_trained") use_trained();
    else return false;
    return true;
  }

 private:
  // [SECTION] Model and chains
  void acquire_model() {
    if (!requested_) { asset_fetch("rbm_pretrained_gibbs", "assets/rbm_mnist.json"); requested_ = true; }
    const Asset& a = asset_get("rbm_pretrained_gibbs");
    if (a.status == AssetStatus::Failed) {
      // Without the shipped model, use whatever the RBM tab has (possibly untrained).
      error_ = "The pretrained model could not be loaded (" + a.error + "); train one in the RBM tab and press "
               "'Use the RBM tab's model'.";
      rbm_ = ebm::rbm_make(kSide * kSide, 16, kSide, kSide);
      model_name_ = "untrained";
      have_model_ = true;
      return;
    }
    if (a.status != AssetStatus::Ready) return;
    auto m = ebm::rbm_from_json(std::string(a.bytes.begin(), a.bytes.end()), kSide * kSide);
    asset_release("rbm_pretrained_gibbs");
    if (!m.ok()) {
      error_ = "The pretrained model file is invalid: " + m.error();
      rbm_ = ebm::rbm_make(kSide * kSide, 16, kSide, kSide);
      model_name_ = "untrained";
    } else {
      rbm_ = std::move(m.value());
      model_name_ = "pretrained (" + std::to_string(rbm_.nh) + " hidden units)";
    }
    have_model_ = true;
  }

  void use_trained() {
    uint64_t version = 0;
    const ebm::Rbm* m = rbm_scene_model(&version);
    if (!m) { error_ = "The RBM tab has no model yet: open it once to load the digits."; return; }
    rbm_ = *m;
    model_name_ = "from the RBM tab (" + std::to_string(rbm_.nh) + " hidden units)";
    error_.clear();
    started_ = false;
  }

  void restart_all(const MnistData& d) {
    rng_.reseed(seed_);
    held_ = ebm::dataset_to_float(d.split.held_out, ebm::Binarize::Threshold, 0.5f, nullptr, 1000);
    digit_ = std::clamp(digit_, 0, 999);
    restart_chain();
    fantasy_ = ebm::fantasy_make(rbm_, kFantasy);
    if (from_noise_) ebm::fantasy_from_noise(fantasy_, rbm_, rng_);
    else ebm::fantasy_from_data(fantasy_, rbm_, held_.data(), 1000);
    // Inpainting: one digit, its top half clamped until the user paints another mask.
    inpaint_ = ebm::fantasy_make(rbm_, 1);
    clamp_values_.assign(held_.begin() + static_cast<long>(inpaint_digit_) * rbm_.nv,
                         held_.begin() + static_cast<long>(inpaint_digit_ + 1) * rbm_.nv);
    if (mask_.size() != static_cast<size_t>(rbm_.nv)) {
      mask_.assign(rbm_.nv, 0);
      for (int i = 0; i < rbm_.nv / 2; ++i) mask_[i] = 1;
    }
    ebm::fantasy_from_noise(inpaint_, rbm_, rng_);
    apply_clamp();
    started_ = true;
    upload();
  }

  void restart_chain() {
    std::vector<float> v0(rbm_.nv);
    if (from_noise_) for (float& x : v0) x = rng_.uniform() < 0.5f ? 1.0f : 0.0f;
    else std::copy(held_.begin() + static_cast<long>(digit_) * rbm_.nv, held_.begin() + static_cast<long>(digit_ + 1) * rbm_.nv, v0.begin());
    ebm::gibbs_trace_start(trace_, rbm_, v0.data(), kTraceCap, rng_);
  }

  void apply_clamp() {
    for (int i = 0; i < rbm_.nv; ++i)
      if (mask_[i]) inpaint_.v[i] = inpaint_.pv[i] = clamp_values_[i];
  }

  void sweep(int n) {
    for (int i = 0; i < n; ++i) {
      if (!ebm::gibbs_trace_step(trace_, rbm_, rng_)) restart_chain();
    }
    ebm::fantasy_step(fantasy_, rbm_, rng_, n);
    const ebm::Clamp c{mask_, clamp_values_};
    ebm::fantasy_step(inpaint_, rbm_, rng_, n, &c);
    upload();
  }

  // [SECTION] Views
  void upload() {
    const int nv = rbm_.nv, nh = rbm_.nh;
    // Filmstrip: the last kFilm visible states, P(v | h_{t-1}) shown as grey levels.
    const int last = trace_.steps;
    film_.assign(static_cast<size_t>(kFilm) * nv, -1.0f);
    film_steps_.assign(kFilm, -1);
    film_h_.assign(static_cast<size_t>(kFilm) * nh, 0.0f);
    for (int k = 0; k < kFilm; ++k) {
      const int t = last - (kFilm - 1 - k);
      if (t < 0) continue;
      film_steps_[k] = t;
      std::copy(trace_.pv.begin() + static_cast<long>(t) * nv, trace_.pv.begin() + static_cast<long>(t + 1) * nv, film_.begin() + static_cast<long>(k) * nv);
      std::copy(trace_.h.begin() + static_cast<long>(t) * nh, trace_.h.begin() + static_cast<long>(t + 1) * nh, film_h_.begin() + static_cast<long>(k) * nh);
    }
    film_tex_.resize(kFilm);
    hid_tex_.resize(kFilm);
    const int hc = hidden_cols();
    std::vector<float> hgrid(static_cast<size_t>(hc) * hidden_rows(), -1.0f);
    for (int k = 0; k < kFilm; ++k) {
      field_upload(film_tex_[k], film_.data() + static_cast<size_t>(k) * nv, kSide, kSide);
      std::fill(hgrid.begin(), hgrid.end(), -0.2f);
      std::copy(film_h_.begin() + static_cast<long>(k) * nh, film_h_.begin() + static_cast<long>(k + 1) * nh, hgrid.begin());
      field_upload(hid_tex_[k], hgrid.data(), hc, hidden_rows());
    }
    // Fantasy grid (6 x 6) of P(v|h), with one-pixel gaps.
    const int cols = 6, w = cols * (kSide + 1) - 1;
    mosaic_.assign(static_cast<size_t>(w) * w, 0.0f);
    for (int c = 0; c < kFantasy; ++c) {
      const int r0 = (c / cols) * (kSide + 1), c0 = (c % cols) * (kSide + 1);
      for (int y = 0; y < kSide; ++y)
        for (int x = 0; x < kSide; ++x) mosaic_[static_cast<size_t>(r0 + y) * w + c0 + x] = fantasy_.pv[static_cast<size_t>(c) * nv + y * kSide + x];
    }
    field_upload(fantasy_tex_, mosaic_.data(), w, w);
    field_upload(inpaint_tex_, inpaint_.pv.data(), kSide, kSide);
    std::vector<float> m(mask_.begin(), mask_.end());
    for (int i = 0; i < nv; ++i) m[i] = mask_[i] ? clamp_values_[i] * 0.8f + 0.2f : -1.0f;
    field_upload(mask_tex_, m.data(), kSide, kSide);
  }

  int hidden_cols() const { return std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(rbm_.nh))))); }
  int hidden_rows() const { return (rbm_.nh + hidden_cols() - 1) / hidden_cols(); }

  void controls() {
    const float fs = ImGui::GetFontSize();
    if (button(playing_ ? "Pause" : "Play", "play",
               "Runs Gibbs sweeps continuously (shortcut: space).", ImVec2(fs * 4.5f, 0))) {
      command("toggle");
    }
    ImGui::SameLine();
    if (button("Step", "step",
               "One sweep: h ~ P(h | v), then v ~ P(v | h), for every chain (shortcut: S).")) {
      command("step");
    }
    ImGui::SameLine();
    if (button("Restart", nullptr, "Restarts every chain from its starting state.")) command("reset");
    ImGui::SameLine();
    speed_slider(&speed_, 0.5f, 200.0f, "%.1f sweeps/s", fs * 8, "Gibbs sweeps per second.");
    ImGui::SameLine();
    if (ImGui::Checkbox("start from noise", &from_noise_)) started_ = false;
    tip("Start the chains from random pixels instead of real held-out digits.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 6);
    if (ImGui::SliderInt("digit", &digit_, 0, 999)) started_ = false;
    tip("Which held-out digit the single chain starts from.");
    ImGui::SameLine();
    if (button("Use the RBM tab's model", nullptr,
               "Samples from the model you trained in the 'RBM on MNIST' tab instead of the pretrained one.")) {
      command("use_trained");
    }
    ImGui::SameLine();
    ImGui::TextDisabled("model: %s", model_name_.c_str());
  }

  void chain_view() {
    const float fs = ImGui::GetFontSize();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("One chain, step by step");
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("visible P(v | h) above, sampled hidden units h below (%d cells, dark = on); newest on the right",
                        rbm_.nh);
    const float avail = ImGui::GetContentRegionAvail().x;
    const float cell = std::min(fs * 7, (avail - fs * 2.2f * kFilm) / kFilm);
    FieldStyle seq;
    seq.map = ColorMap::Sequential;
    seq.grid = false;
    for (int k = 0; k < kFilm; ++k) {
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
      if (film_steps_[k] < 0) {
        ImGui::Dummy(ImVec2(cell, cell + fs * 4));
      } else {
        ImGui::Text(film_steps_[k] == 0 ? "v0 (start)" : "v%d", film_steps_[k]);
        field_view("v", film_tex_[k], ImVec2(cell, cell), seq);
        ImGui::Text("h%d", film_steps_[k]);
        const float hh = cell * hidden_rows() / std::max(1, hidden_cols());
        field_view("h", hid_tex_[k], ImVec2(cell, std::max(fs * 0.8f, hh)), seq);
      }
      ImGui::PopID();
      ImGui::EndGroup();
    }
    register_widget("chain");
  }

  void fantasy_view(float size) {
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("Fantasy particles");
    ImGui::PopFont();
    ImGui::TextDisabled("36 persistent chains after %lld sweeps", static_cast<long long>(fantasy_.sweeps));
    FieldStyle seq;
    seq.map = ColorMap::Sequential;
    seq.grid = false;
    field_view("fantasy", fantasy_tex_, ImVec2(size, size), seq);
    register_widget("fantasy");
  }

  void inpaint_view(float size) {
    const float fs = ImGui::GetFontSize();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("Inpainting");
    ImGui::PopFont();
    ImGui::TextDisabled("paint the clamped pixels (left), the rest is sampled");
    FieldStyle seq;
    seq.map = ColorMap::Sequential;
    seq.grid = false;
    const FieldHit hit = field_view("mask", mask_tex_, ImVec2(size, size), seq);
    register_widget("mask");
    if (hit.cell >= 0 && (hit.paint || hit.erase)) {
      // A 3x3 brush: left button clamps (shows the digit's pixels there), right frees.
      const int r = hit.cell / kSide, c = hit.cell % kSide;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const int rr = r + dy, cc = c + dx;
          if (rr >= 0 && rr < kSide && cc >= 0 && cc < kSide) mask_[rr * kSide + cc] = hit.paint ? 1 : 0;
        }
      apply_clamp();
      upload();
    }
    ImGui::SameLine(0, fs * 0.6f);
    field_view("inpaint", inpaint_tex_, ImVec2(size, size), seq);
    register_widget("inpaint");
    if (ImGui::SmallButton("clamp top half")) { for (int i = 0; i < rbm_.nv; ++i) mask_[i] = i < rbm_.nv / 2; apply_clamp(); upload(); }
    tip("Clamps the upper half of the digit and lets the model fill in the lower half.");
    ImGui::SameLine();
    if (ImGui::SmallButton("free all")) { std::fill(mask_.begin(), mask_.end(), 0); upload(); }
    tip("Releases every pixel: the chain becomes a free fantasy particle.");
    ImGui::SameLine();
    if (ImGui::SmallButton("next digit")) { inpaint_digit_ = (inpaint_digit_ + 1) % 1000; started_ = false; }
    tip("Takes the clamped pixels from the next held-out digit.");
  }

  // [SECTION] State
  ebm::Rng rng_{3};
  ebm::Rbm rbm_;
  ebm::GibbsTrace trace_;
  ebm::FantasyChains fantasy_, inpaint_;
  std::vector<float> held_, film_, film_h_, mosaic_, clamp_values_;
  std::vector<int> film_steps_;
  std::vector<uint8_t> mask_;
  std::vector<FieldTexture> film_tex_, hid_tex_;
  FieldTexture fantasy_tex_, inpaint_tex_, mask_tex_;
  std::string error_, model_name_ = "none";
  float speed_ = 4.0f;
  int digit_ = 0;
  int inpaint_digit_ = 3;
  uint64_t seed_ = 3;
  double credit_ = 0;
  bool from_noise_ = false;
  bool have_model_ = false;
  bool requested_ = false;
  bool started_ = false;
  bool playing_ = false;
};

}  // namespace

std::unique_ptr<Scene> make_gibbs_scene() { return std::make_unique<GibbsScene>(); }

}  // namespace web
