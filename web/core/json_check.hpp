// json_check.hpp: a check of the machine-readable state the page reports (ebm_query()): where
// it holds a number that is NaN or infinite. JSON cannot carry those (they are written as
// null), so the app lists their paths beside the state and tests assert the list is empty.
// UI-free; compiled into the native tests.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace web {

/// Paths of every non-finite number in j, as "state.kl" or "state.p_visible[3]" (at most
/// `limit` of them), in document order.
std::vector<std::string> nonfinite_numbers(const nlohmann::json& j, size_t limit = 20);

}  // namespace web
