// capacity_model.cpp: see capacity_model.hpp.
#include "capacity_model.hpp"

#include <algorithm>

namespace web {

namespace {
using K = SettingKind;
using C = CapacitySettings;
const char* const kSourceLabels[] = {"random patterns", "your Hopfield memories"};
const Setting<C> kTable[] = {
    field<&C::rules>({.key = "rules", .label = "rules",
        .tooltip = "Which rules to compare (four learning rules, two dense memories); each gets its own curve.",
        .kind = K::ChoiceSet, .names = kCapacityRuleNames}),
    field<&C::degree>({.key = "degree", .label = "degree n",
        .tooltip = "Degree n of the dense memory's energy -sum (x . s)^n; 2 is the Hebbian network.",
        .kind = K::Int, .lo = 2, .hi = 30}),
    field<&C::beta>({.key = "beta", .label = "beta",
        .tooltip = "Sharpness of the exponential memory's energy -sum exp(beta m), m = x . s / n the overlap.",
        .kind = K::Float, .lo = 0.01, .hi = 100, .format = "%.3g", .log = true}),
    field<&C::n>({.key = "n", .label = "units n",
        .tooltip = "Network size; the curves for different n cross near the same critical load.", .kind = K::Int, .lo = 20, .hi = 400}),
    field<&C::trials>({.key = "trials", .label = "trials",
        .tooltip = "Fresh networks (new random patterns) per load; more trials give smoother curves.",
        .kind = K::Int, .lo = 1, .hi = 50}),
    field<&C::noise>({.key = "noise", .label = "probe noise",
        .tooltip = "Share of units flipped in each probe; recall succeeds when the final overlap is at least 0.95.",
        .kind = K::Float, .lo = 0, .hi = 40, .format = "%.0f %%"}),
    field<&C::max_alpha>({.key = "max_alpha", .label = "max load",
        .tooltip = "Largest load alpha = P / n tested: steps of 0.02 (classical rules up to 1), dense rules beyond 2 at four loads per doubling.",
        .kind = K::Float, .lo = 0.05, .hi = 1000, .format = "%.3g", .log = true}),
    field<&C::log_axis>({.key = "log", .label = "log load axis",
        .tooltip = "Draws the load axis logarithmically, so 0.138 and the dense rules' far larger capacities fit one figure.",
        .kind = K::Flag, .apply = Apply::Live}),
    field<&C::source>({.key = "source", .label = "##source",
        .tooltip = "Random patterns, or the memories currently stored in the Hopfield tab (letters, glyphs, drawings).",
        .kind = K::Choice, .names = kCapacitySourceNames, .labels = kSourceLabels}),
    field<&C::seed>({.key = "seed", .label = "seed", .tooltip = "Random seed for the patterns and the probes.",
        .kind = K::Seed, .lo = 0, .hi = 1e9}),
    field<&C::run>({.key = "run", .label = "run", .tooltip = "Starts the experiment at once.", .kind = K::Flag,
        .in_link = false}),
};
}  // namespace

std::span<const Setting<CapacitySettings>> capacity_settings_table() { return kTable; }

std::vector<std::string> CapacityModel::apply_link(std::span<const Param> params, const std::vector<ebm::Pattern>& yours) {
  auto notes = settings_apply(capacity_settings_table(), settings_, params, "capacity");
  clear();
  if (settings_.run) {
    settings_.run = false;
    start(yours);
  }
  return notes;
}

void CapacityModel::propose(const CapacitySettings& next) {
  const SettingsDiff d = settings_diff(capacity_settings_table(), settings_, next);
  if (!d.changed) return;
  settings_ = next;
  if (d.apply != Apply::Live) clear();  // the view settings (the log axis) keep the curves
}

void CapacityModel::clear() {
  running_ = started_ = false;
  error_.clear();
  for (int r = 0; r < kCapacityRuleCount; ++r) {
    exps_[r] = ebm::CapacityExperiment{};
    active_[r] = false;
  }
}

void CapacityModel::start(const std::vector<ebm::Pattern>& yours) {
  if (started_ && !done()) {  // resume
    running_ = true;
    return;
  }
  clear();
  if (settings_.source == CapacitySource::Yours && yours.empty()) {
    error_ = "The Hopfield tab has no memories to test yet: store some there, or choose random patterns.";
    return;
  }
  rng_.reseed(settings_.seed);
  for (int r = 0; r < kCapacityRuleCount; ++r) {
    if (!settings_.rules.has(r)) continue;
    ebm::CapacityOptions o;
    o.n = settings_.n;
    o.trials = settings_.trials;
    if (r < ebm::kRuleCount) {
      o.rule = static_cast<ebm::Rule>(r);
      o.max_alpha = std::min(settings_.max_alpha, kCapacityClassicalMaxAlpha);
    } else {
      // beta per unit of normalized overlap, as in the Hopfield tab; the engine's is per unit of x . s.
      const float beta = settings_.beta / static_cast<float>(settings_.n);
      o.dense = static_cast<CapacityRule>(r) == CapacityRule::Dense
                    ? ebm::DenseOptions{.kind = ebm::DenseKind::Polynomial, .degree = settings_.degree}
                    : ebm::DenseOptions{.kind = ebm::DenseKind::Exponential, .beta = beta};
      o.max_alpha = settings_.max_alpha;
      o.probes = kCapacityDenseProbes;  // thousands of patterns per network: probe a sample
    }
    o.recall.noise = settings_.noise / 100.0f;
    if (settings_.source == CapacitySource::Yours) o.patterns = yours;
    const ebm::Status st = ebm::capacity_begin(exps_[r], o);
    if (!st.ok()) {
      clear();
      error_ = st.message;
      return;
    }
    active_[r] = true;
  }
  if (settings_.rules.bits == 0) {
    error_ = "Choose at least one rule to measure.";
    return;
  }
  started_ = running_ = true;
}

void CapacityModel::step(double budget_ms) {
  if (!running_) return;
  int64_t budget = pacer_fit(pacer_, budget_ms, kCapacityMaxUnitsPerFrame);
  const Stopwatch sw;
  int64_t done_units = 0;
  // One rule per frame keeps the cost estimate clean; the rules finish in turn.
  for (int r = 0; r < kCapacityRuleCount && budget > 0; ++r) {
    if (!active_[r] || ebm::capacity_done(exps_[r])) continue;
    done_units = ebm::capacity_step(exps_[r], rng_, budget);
    break;
  }
  pacer_record(pacer_, done_units, sw.ms());
  if (done()) running_ = false;
}

bool CapacityModel::done() const {
  for (int r = 0; r < kCapacityRuleCount; ++r)
    if (active_[r] && !ebm::capacity_done(exps_[r])) return false;
  return true;
}

float CapacityModel::fraction() const {
  float sum = 0;
  int k = 0;
  for (int r = 0; r < kCapacityRuleCount; ++r)
    if (active_[r]) {
      sum += ebm::capacity_fraction_done(exps_[r]);
      ++k;
    }
  return k ? sum / static_cast<float>(k) : 0.0f;
}

}  // namespace web
