// fuzz_check.hpp: the one assertion the fuzz targets use. A broken property is a finding like a
// crash: it prints what failed and aborts, so libFuzzer saves the input as crash-<sha1>.
#pragma once
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                   \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed\n", __FILE__, __LINE__, #cond);   \
      std::abort();                                                                        \
    }                                                                                      \
  } while (0)
