// discard_guard.cpp: see discard_guard.hpp.
#include "discard_guard.hpp"

#include <utility>

namespace web {

bool DiscardGuard::request(bool would_lose_work, std::function<void()> action, std::string what) {
  if (!would_lose_work) {
    action_ = nullptr;
    what_.clear();
    if (action) action();
    return true;
  }
  action_ = std::move(action);
  what_ = std::move(what);
  return false;
}

void DiscardGuard::confirm() {
  auto action = std::move(action_);
  action_ = nullptr;
  what_.clear();
  if (action) action();
}

void DiscardGuard::cancel() {
  action_ = nullptr;
  what_.clear();
}

}  // namespace web
