// result.hpp: how user errors travel. A Result<T> holds a value or a message meant for a
// person ("line 3: learning rate must be in (0, 10]"). Programmer errors use EBM_ASSERT.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace ebm {

/// A message for the user explaining why an input was rejected.
struct Error {
  std::string message;
};

/// Value or Error; test with ok(), read with value() or error().
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  const std::string& error() const { return std::get<1>(v_).message; }

 private:
  std::variant<T, Error> v_;
};

/// Result of an operation with no value: ok, or an error message.
struct Status {
  std::string message;  // empty when ok
  bool ok() const { return message.empty(); }
  static Status success() { return {}; }
  static Status fail(std::string msg) { return {std::move(msg)}; }
};

}  // namespace ebm
