// hopfield_model_dense.cpp: the Hopfield lab's two engines without a weight matrix (see
// hopfield_model.hpp): a dense associative memory with energy E(s) = -sum_mu F(x_mu . s),
// F(x) = x^n or exp(beta x), stepped by exact asynchronous updates (ebm::dense_step); and the
// continuous modern Hopfield network xi <- X softmax(beta X^T xi), stepped one whole-state update
// at a time, with the softmax weights over memories its next update uses.
#include <algorithm>

#include "hopfield_model.hpp"

namespace web {

namespace {
constexpr bool names_match() {  // the classical rules keep ebm::Rule's values and link names
  for (int r = 0; r < ebm::kRuleCount; ++r) {
    const char *a = kHopfieldRuleNames[r], *b = ebm::kRuleNames[r];
    while (*a && *a == *b) ++a, ++b;
    if (*a != *b) return false;
  }
  return true;
}
static_assert(names_match(), "the first rules of kHopfieldRuleNames must be ebm::kRuleNames");
static_assert(static_cast<int>(HopfieldRule::Optimized) == static_cast<int>(ebm::Rule::Optimized));
}  // namespace

HopfieldEngine hopfield_engine(HopfieldRule rule) {
  switch (rule) {
    case HopfieldRule::Dense:
    case HopfieldRule::DenseExp: return HopfieldEngine::Dense;
    case HopfieldRule::Modern: return HopfieldEngine::Modern;
    default: return HopfieldEngine::Classical;
  }
}

// The reader's beta is per unit of normalized overlap m = x . s / n in [-1, 1], so one slider
// means the same sharpness at 100 units and at 784; the engine takes it per unit of raw overlap.
float HopfieldModel::beta_per_unit() const { return settings_.beta / static_cast<float>(std::max(1, net_.n)); }

void HopfieldModel::build_dense() {
  attention_.clear();
  if (engine_ == HopfieldEngine::Modern) {
    modern_ = ebm::modern_make(memories_);  // memories_ is never empty (build_memories)
    return;
  }
  ebm::DenseOptions o;
  o.kind = settings_.rule == HopfieldRule::DenseExp ? ebm::DenseKind::Exponential : ebm::DenseKind::Polynomial;
  o.degree = settings_.degree;
  o.beta = beta_per_unit();
  auto mem = ebm::dense_make(memories_, o);
  if (mem.ok()) {
    dense_ = std::move(mem.value());
    return;
  }
  train_error_ = std::string("The dense memory could not be built (") + mem.error() + "); Hebbian weights stand in.";
  engine_ = HopfieldEngine::Classical;
}

void HopfieldModel::restart_dense(const ebm::Pattern& s) {
  if (engine_ == HopfieldEngine::Dense) {
    ebm::dense_run_reset(dense_, dense_run_, s);
    return;
  }
  scratch_.assign(s.begin(), s.end());  // the binary cue as a point of the continuous space
  ebm::modern_reset(modern_, modern_run_, beta_per_unit(), scratch_);
  refresh_attention();
}

// Modern: one whole-state update per n units of budget (at least one). Dense: exact single-unit
// updates, chunked so the energy plot keeps a point per chunk.
int64_t HopfieldModel::advance_dense(int64_t budget) {
  int64_t done = 0;
  if (engine_ == HopfieldEngine::Modern) {
    const int64_t steps = std::max<int64_t>(1, budget / net_.n);
    for (int64_t k = 0; k < steps && !finished(); ++k) {
      ebm::modern_step(modern_, modern_run_, beta_per_unit(), 1);
      refresh_attention();
      record();
      done += net_.n;
    }
    return done;
  }
  const int64_t chunk = std::max<int64_t>(1, budget / kHopfieldPlotPointsPerFrame);
  while (done < budget && !finished()) {
    const int64_t made = ebm::dense_step(dense_, dense_run_, rng_, std::min(chunk, budget - done));
    done += std::max<int64_t>(1, made);
    record();
  }
  return done;
}

void HopfieldModel::modern_beta_changed() {
  ebm::modern_set_beta(modern_, modern_run_, beta_per_unit());
  refresh_attention();
  energy_.clear();  // another beta is another energy function: its curve starts here
  record();
}

// The sign of xi (what overlaps and the classification read) and the softmax weights at xi.
void HopfieldModel::refresh_attention() {
  if (engine_ != HopfieldEngine::Modern) {
    attention_.clear();
    return;
  }
  const std::vector<float>& xi = modern_run_.xi;
  modern_sign_.resize(xi.size());
  for (size_t i = 0; i < xi.size(); ++i) modern_sign_[i] = xi[i] > 0.0f ? 1 : -1;
  attention_.resize(modern_.p);
  scratch_.resize(modern_.n);
  ebm::modern_update(modern_, beta_per_unit(), xi, scratch_, attention_);
}

}  // namespace web
