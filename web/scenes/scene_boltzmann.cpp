// scene_boltzmann.cpp: a small Boltzmann machine learning a toy distribution with hidden units
// (Ackley, Hinton & Sejnowski 1985). The machine is drawn as a graph (hidden row above, visible
// row below, edges coloured by the sign of the weight), and training runs unit by unit through
// its two phases: clamped (visibles held at a data vector) and free (every unit sampled), each
// annealed and then sampled. Figures: the temperature of a run, the exact KL(data || model) vs
// sweeps, and P(v) of the model beside the data over all 2^nv visible vectors. UI and pacing
// only: every number comes from engine/boltzmann.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "boltzmann.hpp"
#include "gfx.hpp"
#include "imgui.h"
#include "params.hpp"
#include "platform.hpp"
#include "scene.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {

// [SECTION] Settings

constexpr int kMaxHidden = 6;        // n <= 14 keeps the per-update exact enumeration cheap
constexpr int kMaxHistory = 4000;    // KL points kept; older halves are thinned
constexpr float kPi = 3.14159265f;

std::vector<const char*> dataset_ids() {
  std::vector<const char*> ids;
  for (int k = 0; k < ebm::kBmDatasetCount; ++k) ids.push_back(ebm::bm_dataset_id(static_cast<ebm::BmDataset>(k)));
  return ids;
}
const std::vector<const char*> kCoolingNames = {"exponential", "linear"};

ImU32 with_alpha(ImU32 c, float a) {
  return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(std::clamp(a, 0.0f, 1.0f) * 255.0f) << IM_COL32_A_SHIFT);
}

// "1100": v1 first, as the units are drawn left to right.
std::string bit_string(uint32_t v, int nv) {
  std::string s(nv, '0');
  for (int i = 0; i < nv; ++i) s[i] = (v >> i) & 1u ? '1' : '0';
  return s;
}

class BoltzmannScene final : public Scene {
 public:
  const char* id() const override { return "boltzmann"; }
  const char* title() const override { return "Boltzmann machine"; }

  // [SECTION] Model lifecycle
  void reset() override {
    playing_ = false;
    credit_ = 0;
    error_.clear();
    data_ = ebm::bm_dataset_rows(dataset_);
    nv_ = ebm::bm_dataset_nv(dataset_);
    rows_ = static_cast<int>(data_.size()) / nv_;
    auto m = ebm::bm_make(nv_, hidden_, restricted_);
    if (!m.ok()) { error_ = m.error(); hidden_ = 0; m = ebm::bm_make(nv_, 0, restricted_); }
    ebm::Rng init(seed_ * 7919 + 17);
    ebm::bm_init_random(m.value(), init, init_sigma_);
    auto t = ebm::bm_trainer_make(m.value(), data_, rows_, config());
    if (!t.ok()) {  // the controls keep settings valid; a bad value falls back to defaults
      error_ = t.error();
      t = ebm::bm_trainer_make(m.value(), data_, rows_, ebm::BmTrainConfig{});
    }
    trainer_ = std::move(t.value());
    rng_.reseed(seed_);
    p_data_ = ebm::bm_data_distribution(data_, rows_, nv_);
    kl_x_.clear();
    kl_y_.clear();
    record();
    kl_start_ = kl_;
    refresh_units();
  }

  void step(const Frame& f) override {
    if (!playing_) return;
    if (!trainer_.status.ok()) { playing_ = false; return; }
    credit_ += speed_ * f.dt_s;
    const auto want = static_cast<int64_t>(credit_);
    credit_ -= static_cast<double>(want);
    advance(want, f.budget_ms);
  }

  bool animating() const override { return playing_; }

  // [SECTION] UI
  void ui(const Frame& f) override {
    const float fs = ImGui::GetFontSize();
    if (!f.embed) {
      figure_title("Boltzmann machine: learning with hidden units",
                   "Each learning step samples twice: clamped (visibles held at a data vector, hiddens sampled) and "
                   "free (every unit sampled), both annealed; the weights then move by lr (<s_i s_j>_clamped - "
                   "<s_i s_j>_free) until the model's P(v) matches the data.");
      ImGui::Spacing();
    }
    transport();
    if (!error_.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", error_.c_str());
    if (!trainer_.status.ok())
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", trainer_.status.message.c_str());
    settings_beside_figures(fs * 18, fs * 52, "Settings: data, hidden units, learning rate, annealing",
                            [this] { settings(); }, [this] { figures(); });
  }

  std::string apply_param(const Param& p) override {
    double d = 0;
    long long i = 0;
    int c = 0;
    std::string err;
    if (p.key == "data") { if ((err = parse_choice(p, dataset_ids(), c)).empty()) dataset_ = static_cast<ebm::BmDataset>(c); }
    else if (p.key == "hidden") { if ((err = parse_int(p, 0, kMaxHidden, i)).empty()) hidden_ = static_cast<int>(i); }
    else if (p.key == "lr") { if ((err = parse_number(p, 0.001, 100, d)).empty()) lr_ = static_cast<float>(d); }
    else if (p.key == "tstart") { if ((err = parse_number(p, 0, 100, d)).empty()) t_start_ = static_cast<float>(d); }
    else if (p.key == "T") { if ((err = parse_number(p, 0, 10, d)).empty()) t_final_ = static_cast<float>(d); }
    else if (p.key == "anneal") { if ((err = parse_int(p, 0, 200, i)).empty()) anneal_sweeps_ = static_cast<int>(i); }
    else if (p.key == "stats") { if ((err = parse_int(p, 1, 500, i)).empty()) stat_sweeps_ = static_cast<int>(i); }
    else if (p.key == "cooling") { if ((err = parse_choice(p, kCoolingNames, c)).empty()) exponential_ = c == 0; }
    else if (p.key == "speed") { if ((err = parse_number(p, 1, 1e6, d)).empty()) speed_ = static_cast<float>(d); }
    else if (p.key == "init") { if ((err = parse_number(p, 0, 5, d)).empty()) init_sigma_ = static_cast<float>(d); }
    else if (p.key == "seed") { if ((err = parse_int(p, 0, 1000000000, i)).empty()) seed_ = static_cast<uint64_t>(i); }
    else if (p.key == "restricted") { restricted_ = p.value != "0"; }
    else if (p.key == "play") { playing_ = p.value != "0"; return ""; }
    else return "unknown parameter " + p.key + " for the Boltzmann scene (ignored).";
    const bool play = playing_;
    reset();
    playing_ = play;
    return err;
  }

  std::vector<Param> params() const override {
    auto num = [](double v) { char b[32]; std::snprintf(b, sizeof b, "%g", v); return std::string(b); };
    std::vector<Param> ps = {{"data", ebm::bm_dataset_id(dataset_)}, {"hidden", std::to_string(hidden_)},
                             {"lr", num(lr_)}, {"tstart", num(t_start_)}, {"T", num(t_final_)},
                             {"anneal", std::to_string(anneal_sweeps_)}, {"stats", std::to_string(stat_sweeps_)},
                             {"init", num(init_sigma_)}, {"speed", num(speed_)}, {"seed", std::to_string(seed_)}};
    if (!exponential_) ps.push_back({"cooling", "linear"});
    if (restricted_) ps.push_back({"restricted", "1"});
    return ps;
  }

  nlohmann::json query() const override {
    const ebm::BmTrainer& t = trainer_;
    nlohmann::json j;
    j["dataset"] = ebm::bm_dataset_id(dataset_);
    j["nv"] = nv_;
    j["nh"] = t.bm.nh;
    j["restricted"] = t.bm.restricted;
    j["lr"] = t.config.learning_rate;
    j["t_start"] = t.config.anneal.t_start;
    j["t_final"] = ebm::bm_collect_temperature(t.config);
    j["anneal_sweeps"] = t.config.anneal.steps;
    j["stat_sweeps"] = t.config.stat_sweeps;
    j["speed"] = speed_;
    j["playing"] = playing_;
    j["weight_updates"] = t.weight_updates;
    j["sweeps"] = t.sweeps;
    j["updates"] = t.updates;
    j["phase"] = ebm::bm_phase_name(t.phase);
    j["run"] = t.run;
    j["run_sweep"] = t.run_sweep;
    j["collecting"] = t.run_sweep >= t.config.anneal.steps;
    j["temperature"] = t.temperature;
    j["kl"] = kl_;
    j["kl_start"] = kl_start_;
    j["kl_points"] = kl_y_.size();
    j["log_likelihood"] = log_likelihood_;
    j["last_unit"] = t.chain.last_unit;
    j["state"] = t.chain.s;
    j["p_model"] = p_model_;
    j["p_data"] = p_data_;
    j["status"] = t.status.message;
    j["error"] = error_;
    return j;
  }

  bool command(const std::string& name) override {
    if (name == "play") playing_ = true;
    else if (name == "pause") playing_ = false;
    else if (name == "toggle") playing_ = !playing_;
    else if (name == "step") { playing_ = false; advance(1, 1e9); }
    else if (name == "update") { playing_ = false; finish_update(); }
    else if (name == "reset") reset();
    else return false;
    return true;
  }

 private:
  ebm::BmTrainConfig config() const {
    ebm::BmTrainConfig c;
    c.learning_rate = lr_;
    c.anneal = ebm::Schedule{.kind = exponential_ ? ebm::ScheduleKind::Exponential : ebm::ScheduleKind::Linear,
                             .t_start = t_start_, .t_end = t_final_, .steps = anneal_sweeps_};
    c.stat_sweeps = stat_sweeps_;
    return c;
  }

  // Live changes (rate, temperatures, sweeps) keep the model and its history.
  void apply_config() {
    const ebm::Status st = ebm::bm_trainer_set_config(trainer_, config());
    error_ = st.ok() ? "" : st.message;
  }

  // [SECTION] Stepping
  // Makes up to `want` unit updates within budget_ms of wall time, in chunks small enough that
  // nearly every weight update gets its own KL point. When the frame budget runs out the rest
  // of the credit is dropped: a slow device trains slower instead of stalling the page.
  void advance(int64_t want, double budget_ms) {
    const double t0 = platform_now_s();
    int chunks = 0;
    while (want > 0 && trainer_.status.ok()) {
      const int64_t before = trainer_.weight_updates;
      const int64_t made = ebm::bm_train_step(trainer_, rng_, std::min<int64_t>(want, 64));
      want -= std::max<int64_t>(made, 1);
      if (trainer_.weight_updates != before) record();
      if (++chunks % 16 == 0 && (platform_now_s() - t0) * 1000.0 > budget_ms) {
        credit_ = 0;
        break;
      }
    }
    refresh_units();
  }

  // Runs to the end of the current weight update (Step's bigger sibling).
  void finish_update() {
    const int64_t target = trainer_.weight_updates + 1;
    // Each free run makes unit updates, so this ends (or training stops with a message).
    while (trainer_.weight_updates < target && trainer_.status.ok()) ebm::bm_train_step(trainer_, rng_, 64);
    record();
    refresh_units();
  }

  // Exact figures of the current model: KL, log-likelihood, P(v); one KL point.
  void record() {
    const ebm::BmExact x = ebm::bm_exact(trainer_.bm);
    kl_ = ebm::bm_kl(x, p_data_);
    log_likelihood_ = ebm::bm_mean_log_likelihood(x, data_, rows_, nv_);
    p_model_.resize(x.log_pv.size());
    for (size_t v = 0; v < x.log_pv.size(); ++v) p_model_[v] = std::exp(x.log_pv[v]);
    thin_history(kl_x_, kl_y_, kMaxHistory);
    kl_x_.push_back(static_cast<float>(trainer_.sweeps) * 1e-3f);
    stats_dirty_ = true;
    kl_y_.push_back(static_cast<float>(kl_));
  }

  // P(s_i = 1 | the others) of every unit at the current temperature, for the rings.
  void refresh_units() {
    const int n = ebm::bm_units(trainer_.bm);
    p_on_.resize(n);
    for (int i = 0; i < n; ++i)
      p_on_[i] = static_cast<float>(
          ebm::bm_prob_on(ebm::bm_field(trainer_.bm, trainer_.chain.s, i), trainer_.temperature));
  }

  // [SECTION] Controls
  void transport() {
    const float fs = ImGui::GetFontSize();
    if (button(playing_ ? "Pause" : "Play", "play",
               "Runs or pauses training, phase after phase (shortcut: space).", ImVec2(fs * 4.5f, 0))) {
      command("toggle");
    }
    ImGui::SameLine();
    if (button("Step", "step",
               "One unit update: the highlighted unit is resampled from P(s_i = 1 | others) (shortcut: S).")) {
      command("step");
    }
    ImGui::SameLine();
    if (button("Finish update", "update",
               "Runs the remaining clamped and free runs of this learning step and applies the weight change.")) {
      command("update");
    }
    ImGui::SameLine();
    if (button("Reset", "reset",
               "New random weights from the seed; the KL history starts over (shortcut: R).")) {
      command("reset");
    }
    ImGui::SameLine();
    speed_slider(&speed_, 1.0f, 1e6f, "%.0f updates/s", fs * 10,
                 "Unit updates per second; below about 10 you can follow single units, above 10,000 the KL curve moves.");
    char status[96];
    std::snprintf(status, sizeof status, "learning step %lld, %lld sweeps, KL = %.3f nats",
                  static_cast<long long>(trainer_.weight_updates), static_cast<long long>(trainer_.sweeps), kl_);
    // Beside the controls when it fits, else on a line of its own (narrow embeds).
    const float line_end = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (line_end - ImGui::GetItemRectMax().x > ImGui::CalcTextSize(status).x + fs) ImGui::SameLine();
    ImGui::TextDisabled("%s", status);
  }

  void section(const char* name) {
    ImGui::Spacing();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted(name);
    ImGui::PopFont();
  }

  void settings() {
    const float fs = ImGui::GetFontSize();
    section("Data");
    ImGui::SetNextItemWidth(-1);
    int d = static_cast<int>(dataset_);
    const char* labels[ebm::kBmDatasetCount];
    for (int k = 0; k < ebm::kBmDatasetCount; ++k) labels[k] = ebm::bm_dataset_label(static_cast<ebm::BmDataset>(k));
    if (ImGui::Combo("##data", &d, labels, ebm::kBmDatasetCount)) { dataset_ = static_cast<ebm::BmDataset>(d); reset(); }
    register_widget("dataset");
    tip("The training vectors; parity needs hidden units, since every pair of its units is uncorrelated.");
    std::string rows;
    for (int r = 0; r < rows_ && r < 8; ++r) {
      uint32_t v = 0;
      for (int i = 0; i < nv_; ++i) v |= (data_[r * nv_ + i] ? 1u : 0u) << i;
      rows += (r ? " " : "") + bit_string(v, nv_);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("rows: %s%s", rows.c_str(), rows_ > 8 ? " ..." : "");
    ImGui::PopStyleColor();

    section("Machine");
    ImGui::SetNextItemWidth(fs * 8);
    if (ImGui::SliderInt("hidden units", &hidden_, 0, kMaxHidden)) reset();
    register_widget("hidden");
    tip("Latent units that are never clamped; with none, only pairwise correlations can be learned.");
    if (ImGui::Checkbox("restricted (RBM)", &restricted_)) reset();
    register_widget("restricted");
    tip("Removes visible-visible and hidden-hidden weights: the restricted Boltzmann machine.");
    ImGui::SetNextItemWidth(fs * 8);
    if (ImGui::SliderFloat("initial weights", &init_sigma_, 0.0f, 3.0f, "sd %.2f")) reset();
    register_widget("init");
    tip("Spread of the random starting weights; larger values break the hidden units' symmetry sooner (parity likes 1.5).");
    ImGui::SetNextItemWidth(fs * 8);
    int seed = static_cast<int>(seed_);
    if (ImGui::InputInt("seed", &seed)) { seed_ = static_cast<uint64_t>(std::max(0, seed)); reset(); }
    tip("Random seed for the initial weights and every sampling decision.");

    section("Learning");
    ImGui::SetNextItemWidth(fs * 8);
    if (ImGui::SliderFloat("learning rate", &lr_, 0.01f, 10.0f, "%.2f", ImGuiSliderFlags_Logarithmic)) apply_config();
    register_widget("lr");
    tip("lr in dW_ij = lr (<s_i s_j>_clamped - <s_i s_j>_free); large values make the KL jump around.");
    ImGui::SetNextItemWidth(fs * 8);
    if (ImGui::SliderInt("statistics sweeps", &stat_sweeps_, 1, 100)) apply_config();
    register_widget("stats");
    tip("Sweeps per run that count co-occurrences after annealing; more sweeps give a less noisy update.");

    section("Annealing");
    ImGui::SetNextItemWidth(fs * 8);
    if (ImGui::SliderFloat("T start", &t_start_, 0.0f, 20.0f, "%.1f")) apply_config();
    register_widget("tstart");
    tip("Temperature of each run's first sweep: hot enough that units flip freely.");
    ImGui::SetNextItemWidth(fs * 8);
    if (ImGui::SliderFloat("T final", &t_final_, 0.0f, 3.0f, "%.2f")) apply_config();
    register_widget("tfinal");
    tip("Temperature at which statistics are collected; 1 learns the model itself, 0 is Hopfield-like descent.");
    ImGui::SetNextItemWidth(fs * 8);
    if (ImGui::SliderInt("anneal sweeps", &anneal_sweeps_, 0, 100)) apply_config();
    register_widget("anneal");
    tip("Sweeps spent cooling from T start to T final before any statistics are counted.");
    if (ImGui::Checkbox("exponential cooling", &exponential_)) apply_config();
    tip("Geometric cooling T(k) = T0 (T1/T0)^(k/K) instead of a straight line.");
  }

  // [SECTION] Figures
  void figures() {
    const float fs = ImGui::GetFontSize();
    phase_banner();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const bool side = avail.x > fs * 40;
    const float gw = side ? std::min(avail.x * 0.46f, fs * 34.0f) : avail.x;
    // Below these heights the plots stop being readable: short embeds scroll instead.
    const float kl_min = fs * 9.0f, temp_min = fs * 7.5f;
    const float gh = std::clamp((avail.y - 3 * spacing) * 0.56f, kl_min + temp_min + spacing, fs * 26.0f);
    graph_view(gw, gh);
    if (side) ImGui::SameLine(0, fs);
    ImGui::BeginGroup();
    const float w = side ? ImGui::GetContentRegionAvail().x : 0.0f;
    const float th = std::max(temp_min, gh * 0.44f - spacing);
    kl_plot(w, gh - th - spacing);
    temperature_plot(w, th);
    ImGui::EndGroup();
    ImGui::Spacing();
    const float bh = std::max(fs * 10.5f, ImGui::GetContentRegionAvail().y - spacing);
    const float row = ImGui::GetContentRegionAvail().x;
    if (row > fs * 44) {
      const float mats = std::clamp(row * 0.36f, fs * 18.0f, fs * 27.0f);
      pv_bars(row - mats - fs, bh);
      ImGui::SameLine(0, fs);
      stats_view(mats, bh);
    } else {
      pv_bars(0.0f, bh);
      stats_view(row, fs * 12.0f);
    }
  }

  // The two phases' co-occurrence matrices of the last learning step and their difference, which
  // is the weight change divided by lr (its diagonal moves the biases).
  void stats_view(float w, float h) {
    const float fs = ImGui::GetFontSize();
    const ebm::BmTrainer& t = trainer_;
    const int n = ebm::bm_units(t.bm);
    if (stats_dirty_) {
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
      stats_dirty_ = false;
    }
    ImGui::BeginGroup();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("The learning signal of the last step");
    ImGui::PopFont();
    ImGui::TextDisabled(t.weight_updates == 0 ? "shown after the first learning step"
                                              : "rows, columns: v1..v%d then h1..h%d", nv_, t.bm.nh);
    const float gap = fs * 0.8f;
    const float m = std::max(fs * 4.0f, std::min((w - 2 * gap) / 3.0f, h - fs * 6.0f));
    const char* names[3] = {"<s_i s_j> clamped", "<s_i s_j> free", "clamped - free"};
    for (int k = 0; k < 3; ++k) {
      if (k) ImGui::SameLine(0, gap);
      ImGui::BeginGroup();
      FieldStyle st;
      st.map = k < 2 ? ColorMap::Sequential : ColorMap::Diverging;
      st.range = k < 2 ? 1.0f : diff_range_;
      ImGui::PushID(k);
      field_view("stats", stats_tex_[k], ImVec2(m, m), st);
      ImGui::PopID();
      if (k == 2) register_widget("stats_diff");
      ImGui::TextUnformatted(names[k]);
      ImGui::EndGroup();
    }
    ImGui::TextDisabled("0 white to 1 blue; difference red > 0, blue < 0 (up to %.2f)", diff_range_);
    ImGui::EndGroup();
  }

  void phase_banner() {
    const ebm::BmTrainer& t = trainer_;
    const bool clamped = t.phase == ebm::BmPhase::Clamped;
    const int64_t anneal = t.config.anneal.steps;
    const bool collecting = t.run_sweep >= anneal;
    ImGui::PushFont(bold_font());
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(clamped ? colors::kOrange : colors::kGreen),
                       clamped ? "Clamped phase" : "Free phase");
    ImGui::PopFont();
    ImGui::SameLine();
    char what[96];
    if (clamped) {
      uint32_t v = 0;
      for (int i = 0; i < nv_; ++i) v |= (t.data[t.run * nv_ + i] ? 1u : 0u) << i;
      std::snprintf(what, sizeof what, "visibles held at row %d of %d (%s), hiddens sampled", t.run + 1, t.rows,
                    bit_string(v, nv_).c_str());
    } else {
      std::snprintf(what, sizeof what, "run %d of %d, every unit sampled", t.run + 1, ebm::bm_free_runs(t));
    }
    const int64_t sweep = std::min<int64_t>(t.run_sweep + 1, ebm::bm_run_sweeps(t.config));
    ImGui::TextWrapped("%s; %s sweep %lld of %lld at T = %.2f", what, collecting ? "collecting," : "annealing,",
                       static_cast<long long>(sweep), static_cast<long long>(ebm::bm_run_sweeps(t.config)),
                       t.temperature);  // wraps in narrow embeds
  }

  void graph_view(float w, float h) {
    const float fs = ImGui::GetFontSize();
    const ebm::Boltzmann& bm = trainer_.bm;
    const int n = ebm::bm_units(bm), nv = bm.nv, nh = bm.nh;
    const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + w, p0.y + h);
    ImGui::InvisibleButton("graph", ImVec2(w, h));
    register_widget("graph");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, p1, colors::kPanel, 6.0f);
    dl->AddRect(p0, p1, colors::kGrid, 6.0f);
    ImGui::PushFont(bold_font());
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.92f, ImVec2(p0.x + 8, p0.y + 6), colors::kInk,
                "The machine: units and weights");
    ImGui::PopFont();

    // Rows: hidden above, visible below; intra-layer edges bow away from the other row.
    const float top = p0.y + fs * 2.0f, bottom = p1.y - fs * 2.4f, left = p0.x + fs * 3.6f, right = p1.x - fs * 0.8f;
    const float yh = top + (bottom - top) * 0.30f, yv = top + (bottom - top) * 0.70f;
    const int widest = std::max(nv, std::max(nh, 1));
    const float gap = (right - left) / static_cast<float>(widest);
    const float r = std::clamp(gap * 0.28f, 7.0f, fs * 1.25f);
    std::vector<ImVec2> pos(n);
    for (int i = 0; i < nv; ++i) pos[i] = ImVec2(left + (right - left) * (i + 0.5f) / nv, yv);
    for (int j = 0; j < nh; ++j) pos[nv + j] = ImVec2(left + (right - left) * (j + 0.5f) / nh, yh);
    dl->AddText(ImVec2(p0.x + 8, yh - fs * 0.5f), colors::kMuted, "hidden");
    dl->AddText(ImVec2(p0.x + 8, yv - fs * 0.5f), colors::kMuted, "visible");
    if (nh == 0) dl->AddText(ImVec2((left + right) * 0.5f - fs * 3.5f, yh - fs * 0.5f), colors::kMuted, "(no hidden units)");

    double wmax = 0;
    for (double v : bm.w) wmax = std::max(wmax, std::fabs(v));
    const double scale = std::max(wmax, 0.5);  // tiny initial weights stay thin and faint
    const float room = (bottom - top) * 0.27f;  // how far an arc may bow out of its row
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j) {
        if (!ebm::bm_connected(bm, i, j)) continue;
        const double wij = bm.w[i * n + j];
        const float a = static_cast<float>(std::min(1.0, std::fabs(wij) / scale));
        const ImU32 col = with_alpha(wij >= 0 ? colors::kRed : colors::kBlue, 0.15f + 0.85f * a);
        const float thick = 0.8f + 5.0f * a;
        const bool vis_i = i < nv, vis_j = j < nv;
        if (vis_i != vis_j) {
          dl->AddLine(pos[i], pos[j], col, thick);
        } else {
          // Same row: a cubic arc bowing down (visible) or up (hidden), deeper for farther units.
          const float dir = vis_i ? 1.0f : -1.0f;
          const float bow = std::min(room / 0.75f, 0.45f * std::fabs(pos[j].x - pos[i].x)) * dir;
          dl->AddBezierCubic(pos[i], ImVec2(pos[i].x, pos[i].y + bow), ImVec2(pos[j].x, pos[j].y + bow), pos[j], col,
                             thick);
        }
      }

    const bool clamped = trainer_.phase == ebm::BmPhase::Clamped && trainer_.run_active;
    const auto& s = trainer_.chain.s;
    char label[8];
    for (int i = 0; i < n; ++i) {
      const ImVec2 c = pos[i];
      const bool on = i < static_cast<int>(s.size()) && s[i];
      const bool held = clamped && i < nv;
      if (i == trainer_.chain.last_unit)
        dl->AddCircleFilled(c, r + 11.0f, with_alpha(colors::kOrange, 0.25f), 32);
      dl->AddCircleFilled(c, r, on ? colors::kInk : colors::kPanel, 32);
      dl->AddCircle(c, r, held ? colors::kOrange : colors::kMuted, 32, held ? 3.0f : 1.5f);
      if (!held && i < static_cast<int>(p_on_.size())) {
        // Ring: P(s_i = 1 | others) at the current temperature, clockwise from the top.
        dl->AddCircle(c, r + 5.0f, colors::kGrid, 32, 3.0f);
        const float p = p_on_[i];
        if (p > 0.004f) {
          dl->PathArcTo(c, r + 5.0f, -kPi * 0.5f, -kPi * 0.5f + 2.0f * kPi * p, 32);
          dl->PathStroke(colors::kPurple, 0, 3.0f);
        }
      }
      std::snprintf(label, sizeof label, i < nv ? "v%d" : "h%d", i < nv ? i + 1 : i - nv + 1);
      const ImVec2 ts = ImGui::CalcTextSize(label);
      dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), on ? colors::kPanel : colors::kInk, label);
    }

    // Legend along the bottom edge.
    float x = p0.x + 10;
    const float y = p1.y - fs * 1.4f;
    auto swatch = [&](ImU32 col, const char* text, bool circle) {
      if (x + fs * 1.2f + ImGui::CalcTextSize(text).x > p1.x - 4) { x = p1.x; return; }  // no room left
      if (circle) dl->AddCircleFilled(ImVec2(x + fs * 0.35f, y + fs * 0.5f), fs * 0.35f, col, 16);
      else dl->AddRectFilled(ImVec2(x, y + fs * 0.35f), ImVec2(x + fs * 0.9f, y + fs * 0.65f), col, 1.0f);
      if (circle) dl->AddCircle(ImVec2(x + fs * 0.35f, y + fs * 0.5f), fs * 0.35f, colors::kMuted, 16);
      x += fs * 1.2f;
      dl->AddText(ImVec2(x, y), colors::kMuted, text);
      x += ImGui::CalcTextSize(text).x + fs * 0.9f;
    };
    swatch(colors::kInk, "on", true);
    swatch(colors::kPanel, "off", true);
    swatch(colors::kPurple, "ring: P(on | rest)", false);
    swatch(colors::kRed, "w > 0", false);
    swatch(colors::kBlue, "w < 0", false);
    if (x + fs * 8 < p1.x) {
      dl->AddCircle(ImVec2(x + fs * 0.35f, y + fs * 0.5f), fs * 0.35f, colors::kOrange, 16, 2.5f);
      dl->AddText(ImVec2(x + fs * 1.2f, y), colors::kMuted, "clamped");
    }
  }

  void kl_plot(float w, float h) {
    const Series s[] = {{kl_x_.data(), kl_y_.data(), static_cast<int>(kl_x_.size()), colors::kBlue, nullptr}};
    PlotSpec spec;
    spec.title = "KL(data || model), exact, after each learning step";
    spec.x_label = "training sweeps (thousands)";
    spec.y_label = "KL (nats)";
    spec.y_min = 0.0f;
    spec.size = ImVec2(w, h);
    plot("kl", spec, s);
    register_widget("kl_plot");
  }

  void temperature_plot(float w, float h) {
    const ebm::BmTrainConfig& c = trainer_.config;
    const int64_t total = ebm::bm_run_sweeps(c);
    const int points = static_cast<int>(std::min<int64_t>(total, 400)) + 1;
    sched_x_.resize(points);
    sched_y_.resize(points);
    for (int k = 0; k < points; ++k) {
      const int64_t sweep = total * k / std::max(1, points - 1);
      sched_x_[k] = static_cast<float>(sweep);
      sched_y_[k] = ebm::schedule_temperature(c.anneal, std::min<int64_t>(sweep, c.anneal.steps));
    }
    now_x_ = static_cast<float>(std::min<int64_t>(trainer_.run_sweep, total));
    now_y_ = static_cast<float>(trainer_.temperature);
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
    spec.y_max = std::max(1.0f, *std::max_element(sched_y_.begin(), sched_y_.end()) * 1.08f);  // T = 0 throughout still gets an axis
    spec.vlines = lines;
    spec.size = ImVec2(w, h);
    plot("temperature", spec, s);
  }

  // The visible vectors shown as bars: all 2^nv when that is at most 32, otherwise every data
  // vector plus the model's most probable ones (12 in all, by index) and a last "rest" slot (-1)
  // holding the remaining probability, so the 256 vectors of the encoder stay readable.
  void choose_slots() {
    const int count = static_cast<int>(p_data_.size());
    slots_.clear();
    if (count <= 32) {
      for (int v = 0; v < count; ++v) slots_.push_back(v);
      return;
    }
    std::vector<int> order(count);
    for (int v = 0; v < count; ++v) order[v] = v;
    std::sort(order.begin(), order.end(), [&](int x, int y) {
      const double px = x < static_cast<int>(p_model_.size()) ? p_model_[x] : 0.0;
      const double py = y < static_cast<int>(p_model_.size()) ? p_model_[y] : 0.0;
      return p_data_[x] != p_data_[y] ? p_data_[x] > p_data_[y] : px > py;  // data vectors first
    });
    for (int k = 0; k < count && (k < 12 || p_data_[order[k]] > 0); ++k) slots_.push_back(order[k]);
    std::sort(slots_.begin(), slots_.end());
    slots_.push_back(-1);
  }

  // Grouped bars over the visible vectors: data (orange) beside the model's P(v) (blue).
  void pv_bars(float w, float h) {
    const float fs = ImGui::GetFontSize();
    const float width = w > 0 ? w : ImGui::GetContentRegionAvail().x;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("pv", ImVec2(width, h));
    register_widget("pv_bars");
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    choose_slots();
    const int count = static_cast<int>(slots_.size());
    auto data_of = [&](int v) { return v < 0 ? 0.0 : p_data_[v]; };
    auto model_of = [&](int v) {
      if (v >= 0) return v < static_cast<int>(p_model_.size()) ? p_model_[v] : 0.0;
      double rest = 1.0;
      for (int u : slots_) if (u >= 0 && u < static_cast<int>(p_model_.size())) rest -= p_model_[u];
      return std::max(rest, 0.0);
    };
    auto label_of = [&](int v) { return v < 0 ? std::string("rest") : bit_string(static_cast<uint32_t>(v), nv_); };
    const float plot_w = width - fs * 4.4f;
    const float slot = plot_w / static_cast<float>(std::max(count, 1));
    const bool stagger = ImGui::CalcTextSize(bit_string(0, nv_).c_str()).x + 6 > slot;  // two label rows

    ImGui::PushFont(bold_font());
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.92f, p0, colors::kInk,
                "P(v): the model's marginal over hidden units beside the data");
    ImGui::PopFont();
    const float left = fs * 3.6f, bottom = fs * (stagger ? 3.6f : 2.6f), top = fs * 2.6f, right = fs * 0.8f;
    const ImVec2 a(p0.x + left, p0.y + top), b(p0.x + width - right, p0.y + h - bottom);
    dl->AddRectFilled(a, b, colors::kPanel, 3.0f);
    dl->AddText(ImVec2(p0.x + 2, p0.y + fs * 1.25f), colors::kMuted, "probability");
    float ymax = 0.05f;
    for (int v : slots_) ymax = std::max({ymax, static_cast<float>(data_of(v)), static_cast<float>(model_of(v))});
    const float step = ymax > 0.5f ? 0.2f : ymax > 0.2f ? 0.1f : ymax > 0.1f ? 0.05f : 0.02f;
    ymax = std::ceil(ymax * 1.05f / step) * step;
    auto Y = [&](float y) { return b.y - y / ymax * (b.y - a.y); };
    char buf[32];
    for (float t = 0; t <= ymax + 1e-6f; t += step) {
      dl->AddLine(ImVec2(a.x, Y(t)), ImVec2(b.x, Y(t)), colors::kGrid);
      std::snprintf(buf, sizeof buf, step < 0.1f ? "%.2f" : "%.1f", t);
      const ImVec2 ts = ImGui::CalcTextSize(buf);
      dl->AddText(ImVec2(a.x - ts.x - 5, Y(t) - ts.y * 0.5f), colors::kMuted, buf);
    }
    const float sw = (b.x - a.x) / static_cast<float>(std::max(count, 1));
    const float bar = std::max(1.0f, sw * 0.36f);
    int hover = -1;
    const ImVec2 m = ImGui::GetIO().MousePos;
    for (int k = 0; k < count; ++k) {
      const int v = slots_[k];
      const float x0 = a.x + sw * k + sw * 0.5f - bar;
      const float pd = static_cast<float>(data_of(v)), pm = static_cast<float>(model_of(v));
      if (pd > 0) dl->AddRectFilled(ImVec2(x0, Y(pd)), ImVec2(x0 + bar, b.y), colors::kOrange, 1.5f);
      dl->AddRectFilled(ImVec2(x0 + bar, Y(pm)), ImVec2(x0 + 2 * bar, b.y), v < 0 ? colors::kMuted : colors::kBlue, 1.5f);
      const std::string s = label_of(v);
      const ImVec2 ts = ImGui::CalcTextSize(s.c_str());
      const float ly = b.y + 3 + (stagger && (k % 2) ? fs * 1.05f : 0.0f);
      dl->AddText(ImVec2(a.x + sw * (k + 0.5f) - ts.x * 0.5f, ly), pd > 0 ? colors::kInk : colors::kMuted, s.c_str());
      if (hovered && m.x >= a.x + sw * k && m.x < a.x + sw * (k + 1) && m.y >= a.y && m.y <= b.y) hover = k;
    }
    dl->AddRect(a, b, colors::kGrid, 3.0f);
    char xl[128];
    if (static_cast<int>(p_data_.size()) == count)
      std::snprintf(xl, sizeof xl, "visible vector v (v1 ... v%d); KL = %.3f nats, mean log P(v) = %.3f", nv_, kl_,
                    log_likelihood_);
    else
      std::snprintf(xl, sizeof xl, "v (v1 ... v%d): the data's and the model's likeliest of %d vectors; KL = %.3f nats",
                    nv_, static_cast<int>(p_data_.size()), kl_);
    const ImVec2 xs = ImGui::CalcTextSize(xl);
    dl->AddText(ImVec2((a.x + b.x - xs.x) * 0.5f, b.y + fs * (stagger ? 2.35f : 1.35f)), colors::kMuted, xl);
    // Legend on the title line.
    float lx = p0.x + width - right;
    const struct { const char* text; ImU32 col; } legend[] = {{"model P(v)", colors::kBlue}, {"data", colors::kOrange}};
    for (const auto& e : legend) {
      lx -= ImGui::CalcTextSize(e.text).x;
      dl->AddText(ImVec2(lx, p0.y + fs * 1.25f), colors::kInk, e.text);
      lx -= fs * 0.9f;
      dl->AddRectFilled(ImVec2(lx, p0.y + fs * 1.55f), ImVec2(lx + fs * 0.6f, p0.y + fs * 1.95f), e.col, 2.0f);
      lx -= fs * 0.8f;
    }
    if (hover >= 0) {
      const int v = slots_[hover];
      dl->AddRect(ImVec2(a.x + sw * hover, a.y), ImVec2(a.x + sw * (hover + 1), b.y), colors::kMuted);
      ImGui::SetTooltip("v = %s\ndata %.3f\nmodel %.3f", label_of(v).c_str(), data_of(v), model_of(v));
    }
  }

  // [SECTION] State
  ebm::Rng rng_{1};
  ebm::BmTrainer trainer_;
  std::vector<uint8_t> data_;
  std::vector<double> p_data_, p_model_;
  std::vector<int> slots_;  // visible vectors shown in the P(v) chart, -1 = the rest
  std::vector<float> kl_x_, kl_y_, p_on_, sched_x_, sched_y_;
  float now_x_ = 0, now_y_ = 0;
  double kl_ = 0, kl_start_ = 0, log_likelihood_ = 0;
  FieldTexture stats_tex_[3];
  std::vector<float> stats_buf_;
  float diff_range_ = 0.02f;
  bool stats_dirty_ = true;
  std::string error_;
  int nv_ = 4, rows_ = 0;
  ebm::BmDataset dataset_ = ebm::BmDataset::Bars2x2;
  int hidden_ = 2;
  float init_sigma_ = 0.5f;  // initial weights ~ N(0, sigma^2)
  bool restricted_ = false;
  float lr_ = 0.3f;
  float t_start_ = 8.0f, t_final_ = 1.0f;
  int anneal_sweeps_ = 10;
  int stat_sweeps_ = 10;
  bool exponential_ = true;
  float speed_ = 20000.0f;
  uint64_t seed_ = 1;
  double credit_ = 0;
  bool playing_ = false;
};

}  // namespace

std::unique_ptr<Scene> make_boltzmann_scene() { return std::make_unique<BoltzmannScene>(); }

}  // namespace web
