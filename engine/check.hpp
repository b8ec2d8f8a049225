// check.hpp: EBM_ASSERT for programmer errors (bad shapes, broken invariants). It prints the
// expression, a message and file:line, then aborts. User errors never go through here: they
// come back as values with a message the UI can show (see result.hpp).
#pragma once
#include <cstdio>
#include <cstdlib>

#define EBM_ASSERT(cond, msg)                                                              \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      std::fprintf(stderr, "%s:%d: EBM_ASSERT(%s) failed: %s\n", __FILE__, __LINE__, #cond, \
                   msg);                                                                   \
      std::abort();                                                                        \
    }                                                                                      \
  } while (0)
