// history.cpp: bounded plot series (see history.hpp).
#include "history.hpp"

namespace web {

void History::push(float xv, float yv) {
  if (y.size() >= max_points && max_points >= 2) {
    size_t k = 0;
    for (size_t i = 0; i < y.size(); i += 2, ++k) {
      x[k] = x[i];
      y[k] = y[i];
    }
    x.resize(k);
    y.resize(k);
  }
  x.push_back(xv);
  y.push_back(yv);
}

}  // namespace web
