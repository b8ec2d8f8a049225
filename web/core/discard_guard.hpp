// discard_guard.hpp: nothing the user made is lost silently. An action that would throw away
// work (a trained model, a drawing) waits here until the user agrees or cancels; the scene's
// view draws the question. UI-free: the rule is tested natively.
#pragma once
#include <functional>
#include <string>

namespace web {

class DiscardGuard {
 public:
  /// Runs action now when would_lose_work is false and returns true; otherwise keeps it pending
  /// (replacing an older pending one) with `what` describing the loss, and returns false.
  bool request(bool would_lose_work, std::function<void()> action, std::string what = {});
  /// True while an action waits for the user's answer.
  bool pending() const { return static_cast<bool>(action_); }
  /// What the pending action would lose ("a model trained for 1,240 updates").
  const std::string& what() const { return what_; }
  /// The user agreed: runs the pending action (if any) and clears it.
  void confirm();
  /// The user said no: drops the pending action; nothing changes.
  void cancel();

 private:
  std::function<void()> action_;
  std::string what_;
};

}  // namespace web
