// shared.hpp: what one scene publishes for another, owned by the app (no globals between
// scenes): the Hopfield scene's memories for the capacity scene's "your memories" source, and
// the RBM scene's model for the Gibbs scene. A scene writes only its own fields. UI-free.
#pragma once
#include <cstdint>
#include <vector>

namespace ebm {
struct Rbm;
}  // namespace ebm

namespace web {

struct SharedState {
  std::vector<std::vector<int8_t>> hopfield_memories;  // (P, n) +-1 patterns stored in the Hopfield scene
  const ebm::Rbm* rbm = nullptr;  // the RBM scene's model (null before its digits load)
  uint64_t rbm_version = 0;       // changes whenever that model does (training, loading)
};

}  // namespace web
