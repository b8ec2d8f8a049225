// scene_hopfield.cpp: the Hopfield lab. Memories (letters, 32x32 glyph images, random
// patterns, your drawings) are stored by a chosen rule; a corrupted cue then evolves under
// asynchronous, synchronous, Glauber (temperature T) or annealed dynamics. Figures: the state
// grid (unit being updated outlined), energy and temperature vs time, overlaps with every
// memory, and the weight matrix. UI and pacing only: every number comes from the engine.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "fonts.hpp"
#include "gfx.hpp"
#include "glyphs.hpp"
#include "hopfield.hpp"
#include "hopfield_analysis.hpp"
#include "hopfield_dynamics.hpp"
#include "hopfield_rules.hpp"
#include "imgui.h"
#include "mnist_data.hpp"
#include "params.hpp"
#include "patterns.hpp"
#include "scene.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {

// [SECTION] Settings

enum class PatternSet : int { Letters = 0, Glyphs = 1, Random = 2, Digits = 3 };
const std::vector<const char*> kSetNames = {"letters", "glyphs", "random", "digits"};
const char* const kSetLabels[] = {"Letters 10x10 (A C X Z T H)", "Glyph images 32x32 (12)", "Random 16x16",
                                  "MNIST digits 28x28 (0-9)"};

enum class Dynamics : int { Async = 0, Sync = 1, Glauber = 2, Anneal = 3 };
const std::vector<const char*> kDynNames = {"async", "sync", "glauber", "anneal"};
const char* const kDynLabels[] = {"Asynchronous, T = 0", "Synchronous, T = 0", "Glauber at temperature T",
                                  "Simulated annealing"};

const std::vector<const char*> kRuleNames = {"hebbian", "storkey", "pseudo-inverse", "optimized"};
const char* const kRuleLabels[] = {"Hebbian", "Storkey", "Pseudo-inverse", "Optimized (unlearn parasites)"};

constexpr int kMaxMemories = 64;

class HopfieldScene final : public Scene {
 public:
  const char* id() const override { return "hopfield"; }
  const char* title() const override { return "Hopfield network"; }

  // [SECTION] Model lifecycle
  void reset() override {
    cue_draws_ = 0;  // a shared link reproduces the same first cue
    build_memories();
    retrain();
    new_cue();
  }

  void step(const Frame& f) override {
    if (waiting_digits()) {
      if (!mnist_poll().ready) return;  // hold play until the digits the user asked for are here
      reset();
    }
    if (!playing_) return;
    credit_ += speed_ * f.dt_s;
    const auto n = static_cast<int64_t>(credit_);
    credit_ -= static_cast<double>(n);
    advance(n);
    if (finished()) playing_ = false;
  }

  bool animating() const override { return playing_; }

  // [SECTION] UI
  void ui(const Frame& f) override {
    const float fs = ImGui::GetFontSize();
    if (!f.embed) {
      figure_title("Hopfield energy descent",
                   "A corrupted memory slides downhill in energy E(s) = -1/2 s^T W s, one unit at a time, "
                   "until it rests in a minimum: the stored memory, its mirror image, or a spurious mixture.");
      ImGui::Spacing();
    }
    transport();
    settings_beside_figures(fs * 19, fs * 52, "Settings: memories, rule, corruption, temperature",
                            [this] { settings(); }, [this] { figures(); });
  }

  std::string apply_param(const Param& p) override {
    double d = 0;
    long long i = 0;
    int c = 0;
    std::string err;
    if (p.key == "noise") { if ((err = parse_number(p, 0, 50, d)).empty()) noise_ = static_cast<float>(d); }
    else if (p.key == "speed") { if ((err = parse_number(p, 1, 50000, d)).empty()) speed_ = static_cast<float>(d); }
    else if (p.key == "seed") { if ((err = parse_int(p, 0, 1000000000, i)).empty()) seed_ = static_cast<uint64_t>(i); }
    else if (p.key == "stored" || p.key == "patterns") { if ((err = parse_int(p, 1, kMaxMemories, i)).empty()) stored_ = static_cast<int>(i); }
    else if (p.key == "cue") { if ((err = parse_int(p, 1, kMaxMemories, i)).empty()) cue_ = static_cast<int>(i) - 1; }
    else if (p.key == "set") { if ((err = parse_choice(p, kSetNames, c)).empty()) set_ = static_cast<PatternSet>(c); }
    else if (p.key == "rule") { if ((err = parse_choice(p, kRuleNames, c)).empty()) rule_ = c; }
    else if (p.key == "dyn") { if ((err = parse_choice(p, kDynNames, c)).empty()) dyn_ = static_cast<Dynamics>(c); }
    else if (p.key == "T") { if ((err = parse_number(p, 0, 10, d)).empty()) temperature_ = static_cast<float>(d); }
    else if (p.key == "blank") { blank_ = p.value != "0"; }
    else if (p.key == "skip") {  // comma-separated 1-based patterns left out
      excluded_ = 0;
      size_t i0 = 0;
      while (i0 < p.value.size()) {
        size_t e = p.value.find(',', i0);
        if (e == std::string::npos) e = p.value.size();
        const Param one{p.key, p.value.substr(i0, e - i0)};
        long long k = 0;
        if (const std::string m = parse_int(one, 1, 64, k); !m.empty()) { err = m; break; }
        excluded_ |= uint64_t{1} << (k - 1);
        i0 = e + 1;
      }
    }
    else if (p.key == "play") { playing_ = p.value != "0"; return ""; }
    else return "unknown parameter " + p.key + " for the Hopfield scene (ignored).";
    reset();
    return err;
  }

  std::vector<Param> params() const override {
    char n[32], s[32], t[32];
    std::snprintf(n, sizeof n, "%g", noise_);
    std::snprintf(s, sizeof s, "%g", speed_);
    std::snprintf(t, sizeof t, "%g", temperature_);
    std::vector<Param> ps = {{"set", kSetNames[static_cast<int>(set_)]}, {"patterns", std::to_string(stored_)},
                             {"cue", std::to_string(cue_ + 1)}, {"rule", kRuleNames[rule_]},
                             {"dyn", kDynNames[static_cast<int>(dyn_)]}, {"noise", n}, {"speed", s},
                             {"seed", std::to_string(seed_)}};
    if (blank_) ps.push_back({"blank", "1"});
    if (excluded_) {
      std::string skip;
      for (int k = 0; k < 64; ++k)
        if ((excluded_ >> k) & 1u) skip += (skip.empty() ? "" : ",") + std::to_string(k + 1);
      ps.push_back({"skip", skip});
    }
    if (dyn_ == Dynamics::Glauber) ps.push_back({"T", t});
    return ps;
  }

  nlohmann::json query() const override {
    nlohmann::json j;
    j["n"] = net_.n;
    j["set"] = kSetNames[static_cast<int>(set_)];
    j["rule"] = kRuleNames[rule_];
    j["dynamics"] = kDynNames[static_cast<int>(dyn_)];
    j["memories"] = memories_.size();
    j["updates"] = time_now();
    j["flips"] = run_.flips;
    j["energy"] = energy_now();
    j["energy_start"] = energy_y_.empty() ? energy_now() : energy_y_.front();
    j["converged"] = finished();
    j["playing"] = playing_;
    j["noise"] = noise_;
    j["speed"] = speed_;
    j["stored"] = stored_;
    j["last_unit"] = run_.last_unit;
    j["sync_status"] = dyn_ == Dynamics::Sync ? ebm::sync_status_name(sync_.status) : "";
    j["overlaps"] = ebm::overlaps(memories_, state());
    const ebm::Classification c = ebm::classify_state(memories_, state());
    j["class"] = ebm::recall_kind_name(c.kind);
    j["class_index"] = c.index;
    j["drawn_memories"] = drawn_.size();
    j["ink"] = std::count(state().begin(), state().end(), int8_t{1});
    j["train_error"] = train_error_;
    return j;
  }

  /// The patterns currently stored (for the capacity scene's "your memories").
  const std::vector<ebm::Pattern>& memories() const { return memories_; }

  bool command(const std::string& name) override {
    if (name == "play") playing_ = true;
    else if (name == "pause") playing_ = false;
    else if (name == "toggle") { if (!playing_ && finished()) new_cue(); playing_ = !playing_; }
    else if (name == "step") { playing_ = false; advance(dyn_ == Dynamics::Sync ? net_.n : 1); }
    else if (name == "sweep") { playing_ = false; advance(net_.n); }
    else if (name == "reset") { playing_ = false; new_cue(); }
    else if (name == "store_drawing") store_drawing();
    else return false;
    return true;
  }

 private:
  // [SECTION] Memories and training
  int side() const {
    return built_ == PatternSet::Glyphs ? 32 : built_ == PatternSet::Random ? 16 : built_ == PatternSet::Digits ? 28 : 10;
  }
  static int size_of(PatternSet s) {
    return s == PatternSet::Letters ? 6 : s == PatternSet::Glyphs ? 12 : s == PatternSet::Digits ? 10 : kMaxMemories;
  }
  int set_size() const { return size_of(built_); }
  // The user asked for the digits but they are still downloading (letters stand in meanwhile).
  bool waiting_digits() const { return set_ == PatternSet::Digits && built_ != PatternSet::Digits; }

  void build_memories() {
    ebm::Rng prng(seed_ * 7919 + 17);  // the memories depend on the seed, not on the cue draws
    all_.clear();
    labels_.clear();
    // Until the digits arrive the letters stand in; step() rebuilds once they are ready. set_ keeps
    // the user's choice so a shared link or a later reset still asks for the digits.
    built_ = set_ == PatternSet::Digits && !mnist_poll().ready ? PatternSet::Letters : set_;
    stored_ = std::clamp(stored_, 1, size_of(set_));  // the requested count survives the wait
    if (built_ == PatternSet::Digits) {
      // The first held-out example of each class, thresholded at half intensity.
      const ebm::Dataset& h = mnist_poll().split.held_out;
      for (int label = 0; label < 10; ++label)
        for (int i = 0; i < h.count; ++i)
          if (h.labels[i] == label) {
            ebm::Pattern p(h.dim());
            for (int u = 0; u < h.dim(); ++u) p[u] = h.pixels[static_cast<size_t>(i) * h.dim() + u] >= 128 ? 1 : -1;
            all_.push_back(std::move(p));
            labels_.push_back(std::to_string(label));
            break;
          }
    } else if (built_ == PatternSet::Letters) {
      all_ = ebm::letters_10x10(6);
      labels_ = {"A", "C", "X", "Z", "T", "H"};
    } else if (built_ == PatternSet::Glyphs) {
      auto imgs = ebm::glyph_image_set({kRobotoRegularTtf, kRobotoRegularTtf_size},
                                       {kDejaVuSansBoldTtf, kDejaVuSansBoldTtf_size}, 32);
      if (imgs.ok())
        for (auto& g : imgs.value()) { all_.push_back(g.pattern); labels_.push_back(g.label); }
    } else {
      for (int k = 0; k < kMaxMemories; ++k) {
        all_.push_back(ebm::random_pattern(side() * side(), prng));
        labels_.push_back("#" + std::to_string(k + 1));
      }
    }
    // Candidates: the first `stored_` patterns of the set, then your drawings of this size
    // (drawings of another size cannot be stored with this set; they wait in drawn_).
    // A candidate unticked by the user (excluded_) is shown but not stored.
    candidates_.assign(all_.begin(), all_.begin() + std::min<size_t>(stored_, all_.size()));
    cand_names_.assign(labels_.begin(), labels_.begin() + static_cast<long>(candidates_.size()));
    for (size_t k = 0; k < drawn_.size(); ++k)
      if (static_cast<int>(drawn_[k].size()) == side() * side()) {
        candidates_.push_back(drawn_[k]);
        cand_names_.push_back("yours " + std::to_string(k + 1));
      }
    memories_.clear();
    names_.clear();
    mem_of_cand_.assign(candidates_.size(), -1);
    for (size_t k = 0; k < candidates_.size(); ++k) {
      if (k < 64 && (excluded_ >> k) & 1u) continue;
      mem_of_cand_[k] = static_cast<int>(memories_.size());
      memories_.push_back(candidates_[k]);
      names_.push_back(cand_names_[k]);
    }
    if (memories_.empty()) {  // never leave the network without a memory
      excluded_ = 0;
      build_memories();
      return;
    }
    cue_ = std::clamp(cue_, 0, static_cast<int>(memories_.size()) - 1);
  }

  void retrain() {
    const int n = side() * side();
    net_ = ebm::hopfield_make(n);
    ebm::Rng trng(seed_ + 101);
    auto r = ebm::train(static_cast<ebm::Rule>(rule_), net_, memories_, trng);
    train_error_ = r.ok() ? "" : r.error();
    if (!r.ok()) ebm::train_hebbian(net_, memories_);
    pinv_dropped_ = r.ok() ? r.value().pinv.dropped : 0;
    // Weight heatmap: colour range from the largest |w|.
    float wmax = 1e-6f;
    for (float w : net_.w) wmax = std::max(wmax, std::fabs(w));
    weight_range_ = wmax;
    field_upload(weights_tex_, net_.w.data(), n, n);
    thumbs_.resize(candidates_.size());
    for (size_t k = 0; k < candidates_.size(); ++k) {
      // Unticked candidates are drawn faded (values scaled towards the paper colour).
      const float fade = mem_of_cand_[k] < 0 ? 0.3f : 1.0f;
      std::vector<float> v(candidates_[k].size());
      for (size_t u = 0; u < v.size(); ++u) v[u] = candidates_[k][u] > 0 ? fade * 2.0f - 1.0f : -1.0f;
      field_upload(thumbs_[k], v.data(), side(), side());
    }
  }

  void store_drawing() {
    if (static_cast<int>(drawn_.size()) >= kMaxMemories) return;
    drawn_.push_back(state());
    const ebm::Pattern s = state();
    build_memories();
    retrain();
    restart(s);
  }

  // [SECTION] Dynamics
  void new_cue() {
    // A drawing on the grid is kept (not lost silently) so it can be restored.
    if (drawn_since_restart_) { last_drawing_ = state(); drawn_since_restart_ = false; }
    rng_.reseed(seed_ + 1000003ull * static_cast<uint64_t>(++cue_draws_));
    const ebm::Pattern& x = memories_[cue_];
    ebm::Pattern s = ebm::corrupt(x, noise_ / 100.0f, rng_);
    if (blank_) s = ebm::blank_center(s, side(), side(), 0.5f);
    restart(s);
  }

  void restart(const ebm::Pattern& s) {
    ebm::run_reset(net_, run_, s);
    ebm::sync_reset(net_, sync_, s);
    ebm::Schedule sch{.kind = exp_schedule_ ? ebm::ScheduleKind::Exponential : ebm::ScheduleKind::Linear,
                      .t_start = t_start_, .t_end = t_end_, .steps = anneal_sweeps_};
    ebm::anneal_reset(net_, anneal_, s, sch);
    energy_x_.clear();
    energy_y_.clear();
    temp_x_.clear();
    temp_y_.clear();
    credit_ = 0;
    record();
    upload_state();
  }

  const ebm::Pattern& state() const {
    return dyn_ == Dynamics::Sync ? sync_.s : dyn_ == Dynamics::Anneal ? anneal_.run.s : run_.s;
  }
  double energy_now() const {
    return dyn_ == Dynamics::Sync ? sync_.energy : dyn_ == Dynamics::Anneal ? anneal_.run.energy : run_.energy;
  }
  // Time in unit updates (a synchronous step counts n).
  int64_t time_now() const {
    return dyn_ == Dynamics::Sync ? static_cast<int64_t>(sync_.steps) * net_.n
           : dyn_ == Dynamics::Anneal ? anneal_.run.updates : run_.updates;
  }
  bool finished() const {
    switch (dyn_) {
      case Dynamics::Async: return ebm::run_converged(net_, run_);
      case Dynamics::Sync: return sync_.status != ebm::SyncStatus::Moving;
      case Dynamics::Glauber: return temperature_ <= 0.0f && ebm::run_converged(net_, run_);
      case Dynamics::Anneal: return ebm::anneal_done(net_, anneal_);
    }
    return true;
  }

  void record() {
    thin_history(energy_x_, energy_y_);
    energy_x_.push_back(static_cast<float>(time_now()));
    energy_y_.push_back(static_cast<float>(energy_now()));
    if (dyn_ == Dynamics::Anneal) {
      thin_history(temp_x_, temp_y_);
      temp_x_.push_back(static_cast<float>(anneal_.run.updates) / static_cast<float>(net_.n));
      temp_y_.push_back(anneal_.temperature);
    }
  }

  // Makes `budget` unit updates (a synchronous step costs n), recording the energy. Large
  // budgets are chunked so the plot keeps a point per chunk without a point per update.
  void advance(int64_t budget) {
    if (budget <= 0 || finished()) return;
    const int64_t chunk = std::max<int64_t>(1, budget / 400);
    while (budget > 0 && !finished()) {
      switch (dyn_) {
        case Dynamics::Async: budget -= std::max<int64_t>(1, ebm::run_async(net_, run_, rng_, std::min(chunk, budget))); break;
        case Dynamics::Glauber:
          budget -= std::max<int64_t>(1, ebm::run_glauber(net_, run_, rng_, temperature_, std::min(chunk, budget)));
          break;
        case Dynamics::Anneal:
          budget -= std::max<int64_t>(1, ebm::anneal_step(net_, anneal_, rng_, std::min(chunk, budget)));
          break;
        case Dynamics::Sync:
          if (budget < net_.n && sync_.steps > 0) { credit_ += static_cast<double>(budget); budget = 0; break; }
          ebm::sync_run(net_, sync_, 1);
          budget -= net_.n;
          break;
      }
      record();
    }
    upload_state();
  }

  void upload_state() {
    const ebm::Pattern& s = state();
    values_.assign(s.begin(), s.end());
    field_upload(state_tex_, values_.data(), side(), side());
  }

  // [SECTION] Widgets
  void transport() {
    const float fs = ImGui::GetFontSize();
    if (button(playing_ ? "Pause" : "Play", "play",
               "Runs or pauses the dynamics (shortcut: space). At a fixed point, Play starts from a fresh cue.",
               ImVec2(fs * 4.5f, 0))) {
      command("toggle");
    }
    ImGui::SameLine();
    if (button("Step", "step",
               "One update: a single unit (or one synchronous step of all units) (shortcut: S).")) {
      command("step");
    }
    ImGui::SameLine();
    if (button("Sweep", nullptr, "n single-unit updates: every unit once on average.")) command("sweep");
    ImGui::SameLine();
    if (button("New cue", "reset",
               "Corrupts the cue memory afresh and restarts the dynamics (shortcut: R).")) {
      command("reset");
    }
    ImGui::SameLine();
    speed_slider(&speed_, 1.0f, 50000.0f, "%.0f updates/s", fs * 9,
                 "Single-unit updates per second of wall time (a synchronous step counts as n).");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 13);
    int dyn = static_cast<int>(dyn_);
    if (ImGui::Combo("##dynamics", &dyn, kDynLabels, 4)) {
      const ebm::Pattern s = state();
      dyn_ = static_cast<Dynamics>(dyn);
      restart(s);
    }
    register_widget("dynamics");
    tip("How units update: one at a time (async), all at once (sync, may 2-cycle), stochastically at temperature T, or with T lowered over time.");
  }

  void settings() {
    const float fs = ImGui::GetFontSize();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("Memories");
    ImGui::PopFont();
    ImGui::SetNextItemWidth(-1);
    int set = static_cast<int>(set_);
    if (ImGui::Combo("##set", &set, kSetLabels, 4)) {
      set_ = static_cast<PatternSet>(set);
      cue_ = 0;
      excluded_ = 0;
      stored_ = set_ == PatternSet::Glyphs ? 12 : set_ == PatternSet::Random ? 8 : set_ == PatternSet::Digits ? 5 : 3;
      reset();
    }
    if (waiting_digits()) {
      const MnistData& d = mnist_poll();
      if (d.failed) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "digits unavailable: %s", d.error.c_str());
      } else {
        ImGui::TextDisabled("loading the MNIST digits (letters meanwhile)...");
        ImGui::ProgressBar(d.progress, ImVec2(-1, fs * 0.8f), "");
      }
    }
    tip("Which patterns the network stores: hand-drawn letters, 12 correlated font glyphs, random patterns or MNIST digits.");
    if (built_ == PatternSet::Digits && rule_ == 0) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("Digits share most of their background, so Hebbian storage blends them into spurious "
                          "states; the pseudo-inverse rule keeps them apart.");
      ImGui::PopTextWrapPos();
    }
    ImGui::SetNextItemWidth(fs * 8);
    if (ImGui::SliderInt("patterns", &stored_, 1, set_size())) reset();
    register_widget("stored");
    tip("How many of the set's patterns are written into the weights; load alpha = P / n.");
    ImGui::SameLine();
    ImGui::TextDisabled("alpha = %.3f", static_cast<double>(memories_.size()) / net_.n);

    ImGui::Spacing();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("Learning rule");
    ImGui::PopFont();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::Combo("##rule", &rule_, kRuleLabels, 4)) { retrain(); new_cue(); }
    register_widget("rule");
    tip("How the weights are set: Hebbian (local), Storkey (less crosstalk), pseudo-inverse (every memory a fixed point), or optimized (Hebbian, then dig targets and fill nearby parasites).");
    if (!train_error_.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", train_error_.c_str());
    if (pinv_dropped_ > 0) ImGui::TextDisabled("%d dependent pattern(s) left out", pinv_dropped_);

    ImGui::Spacing();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("Cue");
    ImGui::PopFont();
    ImGui::SetNextItemWidth(fs * 8);
    if (ImGui::SliderFloat("noise", &noise_, 0.0f, 50.0f, "%.0f %%")) new_cue();
    register_widget("noise");
    tip("Percentage of the cue's units flipped at random before the dynamics start.");
    if (ImGui::Checkbox("blank the centre", &blank_)) new_cue();
    tip("Also erases the central half-width block of the cue, as the seed library's example does.");

    ImGui::Spacing();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("Temperature");
    ImGui::PopFont();
    if (dyn_ == Dynamics::Glauber) {
      ImGui::SetNextItemWidth(fs * 8);
      ImGui::SliderFloat("T", &temperature_, 0.0f, 3.0f, "%.2f");
      register_widget("temperature");
      tip("Noise level: each unit turns on with probability 1 / (1 + exp(-2 h / T)); T = 0 is the deterministic rule.");
    } else if (dyn_ == Dynamics::Anneal) {
      bool changed = false;
      ImGui::SetNextItemWidth(fs * 8);
      changed |= ImGui::SliderFloat("T start", &t_start_, 0.05f, 5.0f, "%.2f");
      tip("Temperature at the first sweep: high enough that the state wanders freely.");
      ImGui::SetNextItemWidth(fs * 8);
      changed |= ImGui::SliderFloat("T end", &t_end_, 0.0f, 1.0f, "%.2f");
      tip("Temperature at the end of the schedule; a zero-temperature quench follows.");
      ImGui::SetNextItemWidth(fs * 8);
      int sweeps = static_cast<int>(anneal_sweeps_);
      changed |= ImGui::SliderInt("sweeps", &sweeps, 5, 500);
      anneal_sweeps_ = sweeps;
      tip("Length of the cooling schedule in sweeps (n unit updates each).");
      changed |= ImGui::Checkbox("exponential cooling", &exp_schedule_);
      tip("Geometric cooling T(t) = T0 (T1/T0)^(t/steps) instead of a straight line.");
      if (changed) restart(state());
    } else {
      ImGui::TextDisabled("T = 0 (choose Glauber or annealing above)");
    }

    ImGui::Spacing();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("Your drawings");
    ImGui::PopFont();
    if (!last_drawing_.empty() && static_cast<int>(last_drawing_.size()) == net_.n) {
      if (button("Restore your drawing", "restore_drawing",
                 "Puts your last drawing back on the grid (it was replaced by a new cue).")) {
        restart(last_drawing_);
        drawn_since_restart_ = true;
      }
    }
    if (button("Store the grid as a memory", "store_drawing",
               "Adds the current grid (draw on it first) to the stored memories and retrains the weights.")) {
      command("store_drawing");
    }
    if (!drawn_.empty()) {
      ImGui::TextDisabled("%zu stored drawing(s)", drawn_.size());
      ImGui::SameLine();
      if (ImGui::SmallButton("forget")) { drawn_.clear(); build_memories(); retrain(); new_cue(); }
      tip("Removes your drawn memories from the network.");
    }
    ImGui::SetNextItemWidth(fs * 7);
    int seed = static_cast<int>(seed_);
    if (ImGui::InputInt("seed", &seed)) { seed_ = static_cast<uint64_t>(std::max(0, seed)); reset(); }
    tip("Random seed for the patterns, the corruption and the update order.");
  }

  void figures() {
    const float fs = ImGui::GetFontSize();
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool side_by_side = avail > fs * 34;
    const float grid = std::min(fs * 17.0f, side_by_side ? avail * 0.42f : avail);
    ImGui::BeginGroup();
    state_view(grid);
    ImGui::EndGroup();
    if (side_by_side) ImGui::SameLine(0, fs * 1.2f);
    ImGui::BeginGroup();
    const float w = side_by_side ? ImGui::GetContentRegionAvail().x : 0.0f;
    energy_plot(w, dyn_ == Dynamics::Anneal ? grid * 0.55f : grid + fs * 3);
    if (dyn_ == Dynamics::Anneal) temperature_plot(w, grid * 0.55f);
    ImGui::EndGroup();
    ImGui::Spacing();
    memories_view();
    ImGui::Spacing();
    weights_view();
  }

  void state_view(float size) {
    ImGui::TextDisabled("State s: drag to draw, right-drag to erase");
    FieldStyle st;
    st.highlight = dyn_ == Dynamics::Sync ? -1 : dyn_ == Dynamics::Anneal ? anneal_.run.last_unit : run_.last_unit;
    const FieldHit hit = field_view("state", state_tex_, ImVec2(size, size), st);
    register_widget("state_grid");
    // Drawing sets units directly; the dynamics restart from the drawn state.
    if (hit.cell >= 0 && (hit.paint || hit.erase)) {
      const int8_t v = hit.paint ? 1 : -1;
      if (state()[hit.cell] != v) {
        playing_ = false;
        ebm::Pattern s = state();
        s[hit.cell] = v;
        restart(s);
        drawn_since_restart_ = true;
      }
    }
    ImGui::Text("E = %.3f after %lld updates", energy_now(), static_cast<long long>(time_now()));
    status_line();
  }

  void status_line() {
    const ebm::Classification c = ebm::classify_state(memories_, state());
    const char* what = c.kind == ebm::RecallKind::Stored ? "recalled" : c.kind == ebm::RecallKind::Inverted ? "mirror image of" : "";
    const bool done = finished();
    if (dyn_ == Dynamics::Sync && sync_.status == ebm::SyncStatus::TwoCycle) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kOrange), "2-cycle: the state flips between two patterns");
    } else if (!done) {
      ImGui::TextDisabled(playing_ ? "descending..." : "paused");
    } else if (c.kind == ebm::RecallKind::Spurious) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "fixed point: a spurious state (nearest %s, m = %+.2f)",
                         c.index >= 0 ? names_[c.index].c_str() : "-", c.overlap);
    } else {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kGreen), "fixed point: %s memory %s", what,
                         names_[c.index].c_str());
    }
  }

  void energy_plot(float width, float height) {
    const Series s[] = {{energy_x_.data(), energy_y_.data(), static_cast<int>(energy_x_.size()), colors::kBlue, nullptr}};
    PlotSpec spec;
    spec.title = "Energy";
    spec.x_label = "unit updates";
    spec.y_label = "E(s)";
    spec.size = ImVec2(width, height);
    plot("energy", spec, s);
    register_widget("energy_plot");
  }

  void temperature_plot(float width, float height) {
    const std::vector<float> sched = ebm::schedule_sample(anneal_.schedule, 64);
    std::vector<float> sx(sched.size());
    for (size_t i = 0; i < sx.size(); ++i)
      sx[i] = static_cast<float>(anneal_.schedule.steps) * static_cast<float>(i) / static_cast<float>(sx.size() - 1);
    const Series s[] = {{sx.data(), sched.data(), static_cast<int>(sx.size()), colors::kGrid, "schedule"},
                        {temp_x_.data(), temp_y_.data(), static_cast<int>(temp_x_.size()), colors::kOrange, "T now"}};
    PlotSpec spec;
    spec.title = "Temperature";
    spec.x_label = "sweeps (n updates)";
    spec.y_label = "T";
    spec.y_min = 0.0f;
    spec.size = ImVec2(width, height);
    plot("temperature", spec, s);
  }

  void memories_view() {
    const float fs = ImGui::GetFontSize();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("Memories");
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("tick to store; click an image to use it as the cue; bar = overlap m = (1/n) sum x_i s_i with the state");
    const std::vector<float> m = ebm::overlaps(candidates_, state());
    const float thumb = fs * 3.4f;
    const float avail = ImGui::GetContentRegionAvail().x;
    const int per_row = std::max(1, static_cast<int>(avail / (thumb + fs * 0.8f)));
    bool changed = false;
    for (size_t k = 0; k < candidates_.size() && k < thumbs_.size(); ++k) {
      if (k % per_row) ImGui::SameLine(0, fs * 0.8f);
      ImGui::BeginGroup();
      ImGui::PushID(static_cast<int>(k));
      FieldStyle st;
      st.grid = false;
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const FieldHit hit = field_view("memory", thumbs_[k], ImVec2(thumb, thumb), st);
      const int mem = mem_of_cand_[k];
      if (mem >= 0 && mem == cue_)
        ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x - 3, p.y - 3), ImVec2(p.x + thumb + 3, p.y + thumb + 3), colors::kOrange, 3.0f, 0, 2.0f);
      if (hit.paint && ImGui::IsItemActivated() && mem >= 0) { cue_ = mem; new_cue(); }
      // Overlap bar: centre is m = 0, right full is +1, left full is -1.
      ImDrawList* dl = ImGui::GetWindowDrawList();
      const ImVec2 b0 = ImGui::GetCursorScreenPos();
      const float bw = thumb, bh = fs * 0.55f, mid = b0.x + bw * 0.5f;
      dl->AddRectFilled(b0, ImVec2(b0.x + bw, b0.y + bh), colors::kGrid, 2.0f);
      const float mk = k < m.size() ? m[k] : 0.0f;
      dl->AddRectFilled(ImVec2(std::min(mid, mid + mk * bw * 0.5f), b0.y), ImVec2(std::max(mid, mid + mk * bw * 0.5f), b0.y + bh),
                        mk >= 0 ? colors::kBlue : colors::kOrange, 2.0f);
      ImGui::Dummy(ImVec2(bw, bh));
      bool stored = mem >= 0;
      ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, 1));
      if (k < 64 && ImGui::Checkbox("##stored", &stored)) {
        excluded_ ^= (uint64_t{1} << k);
        changed = true;
      }
      ImGui::PopStyleVar();
      if (k == 0) register_widget("store_toggle_0");
      tip("Store this pattern in the weights (untick to leave it out and retrain).");
      ImGui::SameLine(0, 3);
      ImGui::Text("%s %+.2f", cand_names_[k].c_str(), mk);
      ImGui::PopID();
      ImGui::EndGroup();
    }
    if (changed) {
      const ebm::Pattern s = state();
      build_memories();
      retrain();
      restart(s);
    }
  }

  void weights_view() {
    const float fs = ImGui::GetFontSize();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("Weight matrix W");
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("n x n, blue negative, red positive, |w| up to %.3f; row i holds unit i's incoming weights",
                        weight_range_);
    const float size = std::min(fs * 16.0f, ImGui::GetContentRegionAvail().x);
    FieldStyle st;
    st.map = ColorMap::Diverging;
    st.range = weight_range_;
    st.grid = false;
    field_view("weights", weights_tex_, ImVec2(size, size), st);
    register_widget("weights");
  }

  // [SECTION] State
  ebm::Rng rng_{1};
  ebm::HopfieldNet net_;
  ebm::HopfieldRun run_;
  ebm::SyncRun sync_;
  ebm::AnnealRun anneal_;
  std::vector<ebm::Pattern> all_, candidates_, memories_, drawn_;
  std::vector<std::string> labels_, cand_names_, names_;
  std::vector<int> mem_of_cand_;  // (candidates) index into memories_, -1 when unticked
  uint64_t excluded_ = 0;         // bit k set: candidate k is not stored
  ebm::Pattern last_drawing_;     // the last drawing a new cue replaced (restorable)
  bool drawn_since_restart_ = false;
  PatternSet built_ = PatternSet::Letters;  // the set all_ was built from
  std::vector<float> energy_x_, energy_y_, temp_x_, temp_y_, values_;
  FieldTexture state_tex_, weights_tex_;
  std::vector<FieldTexture> thumbs_;
  std::string train_error_;
  int pinv_dropped_ = 0;
  float weight_range_ = 1.0f;
  PatternSet set_ = PatternSet::Letters;
  Dynamics dyn_ = Dynamics::Async;
  int rule_ = 0;
  uint64_t seed_ = 1;
  int cue_draws_ = 0;
  int stored_ = 3;
  int cue_ = 0;
  float noise_ = 20.0f;
  bool blank_ = false;
  float speed_ = 60.0f;
  float temperature_ = 0.5f;
  float t_start_ = 2.0f, t_end_ = 0.0f;
  int64_t anneal_sweeps_ = 60;
  bool exp_schedule_ = false;
  double credit_ = 0;
  bool playing_ = false;
};

}  // namespace

namespace {
const HopfieldScene* g_instance = nullptr;  // the app owns the scene; this only reads it
}  // namespace

std::unique_ptr<Scene> make_hopfield_scene() {
  auto s = std::make_unique<HopfieldScene>();
  g_instance = s.get();
  return s;
}

std::vector<std::vector<int8_t>> hopfield_scene_memories() {
  return g_instance ? g_instance->memories() : std::vector<std::vector<int8_t>>{};
}

}  // namespace web
