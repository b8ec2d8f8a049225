// history.hpp: a growing (x, y) series a plot draws: energy vs updates, error vs epochs. Once it
// holds kHistoryMaxPoints points every other point is dropped, so old detail thins while the
// shape stays and memory stays bounded however long a scene runs. UI-free.
#pragma once
#include <cstddef>
#include <vector>

namespace web {

/// Points a History keeps before it halves itself.
inline constexpr size_t kHistoryMaxPoints = 20000;

struct History {
  std::vector<float> x, y;  // equal sizes; x ascending as pushed
  size_t max_points = kHistoryMaxPoints;

  void push(float xv, float yv);
  void clear() { x.clear(); y.clear(); }
  size_t size() const { return y.size(); }
  bool empty() const { return y.empty(); }
  float last() const { return y.empty() ? 0.0f : y.back(); }
  int count() const { return static_cast<int>(y.size()); }
};

}  // namespace web
