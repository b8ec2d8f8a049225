// guard.hpp: numerical guards shared by every trainer. A health check of parameter arrays (all
// finite, the largest magnitude within a limit) and the words for a stopped run. Each trainer
// (rbm_train, boltzmann, hopfield_rules' optimized rule, dbn) checks its parameters with these
// before it keeps an update, stops with a message when they fail, and keeps a copy of its last
// good parameters (taken at its own checkpoints while healthy) that the caller can restore.
#pragma once
#include <span>
#include <string>

namespace ebm {

/// What a pass over parameter arrays found.
struct ParamHealth {
  bool finite = true;   // no NaN or infinity
  double max_abs = 0;   // largest |x| among the finite values
  /// Finite and max_abs <= limit.
  bool ok(double limit) const { return finite && max_abs <= limit; }
};

/// Health of one array (float or double); combine several with `merge`.
ParamHealth param_health(std::span<const float> x);
ParamHealth param_health(std::span<const double> x);
ParamHealth merge(ParamHealth a, ParamHealth b);

/// Why parameters failed, for a message: "non-finite (NaN or infinity)" or
/// "too large (max |w| = 1.2e+03, limit 1000)". Empty when h.ok(limit).
std::string param_health_problem(const ParamHealth& h, double limit);

}  // namespace ebm
