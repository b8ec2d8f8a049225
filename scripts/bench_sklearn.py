#!/usr/bin/python3
"""bench_sklearn.py: scikit-learn's BernoulliRBM training throughput on the same MNIST asset
and workloads as bench/bench_rbm.cpp, for BENCHMARKS.md. A measurement script, not a test.

BernoulliRBM trains with PCD-1 (Tieleman 2008): per minibatch five matrix products, as many as
the engine's CD-1, so samples/s compare like for like. It has no CD-k, so the seed-003 line is
PCD-1 at 256 hidden / batch 64 (fewer products than the engine's CD-10; stated in the output).

Usage: /usr/bin/python3 scripts/bench_sklearn.py --asset build-rbm/assets/mnist.bin [--json]
Run with OPENBLAS_NUM_THREADS=1 (scripts/bench.sh does) for single-thread figures; the script
also limits BLAS threads with threadpoolctl when it can.
"""
import argparse
import json
import struct
import sys
import time

import numpy as np
import sklearn
from sklearn.neural_network import BernoulliRBM

try:
    from threadpoolctl import threadpool_limits, threadpool_info
except ImportError:  # pragma: no cover
    threadpool_limits = None
    threadpool_info = None

HELD_OUT = 1000  # engine/datasets.hpp: kMnistHeldOut


def load_asset(path):
    """The engine's MNIST asset (format in engine/datasets.hpp): training rows as floats in [0,1]."""
    with open(path, "rb") as f:
        b = f.read()
    if b[:8] != b"EBMMNIST":
        sys.exit(f"{path}: not an MNIST asset")
    version, count, rows, cols = struct.unpack("<IIII", b[8:24])
    pixels = np.frombuffer(b, dtype=np.uint8, count=count * rows * cols, offset=28)
    x = pixels.reshape(count, rows * cols).astype(np.float64) / 255.0
    return x[: count - HELD_OUT]


def run(x, n_components, batch_size, dtype, epochs):
    data = x.astype(dtype)
    rbm = BernoulliRBM(n_components=n_components, learning_rate=0.05, batch_size=batch_size,
                       n_iter=1, random_state=0, verbose=0)
    rbm.fit(data[: batch_size * 10])  # warm-up: allocations, BLAS initialisation
    rbm = BernoulliRBM(n_components=n_components, learning_rate=0.05, batch_size=batch_size,
                       n_iter=epochs, random_state=0, verbose=0)
    t0 = time.perf_counter()
    rbm.fit(data)
    seconds = time.perf_counter() - t0
    return {"samples_per_s": round(epochs * len(data) / seconds), "seconds": round(seconds, 3),
            "epochs": epochs, "dtype": np.dtype(dtype).name}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--asset", required=True)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    x = load_asset(a.asset)
    loads = [("784x500 PCD-1 batch 100", 500, 100), ("784x256 PCD-1 batch 64 (seed 003 shape)", 256, 64)]
    results = []
    ctx = threadpool_limits(limits=a.threads) if threadpool_limits else None
    try:
        for name, nh, batch in loads:
            for dtype in (np.float64, np.float32):
                r = run(x, nh, batch, dtype, a.epochs)
                r["name"] = name
                results.append(r)
    finally:
        if ctx is not None:
            ctx.__exit__(None, None, None)
    blas = [f"{i.get('internal_api')} {i.get('version')} ({i.get('num_threads')} threads)"
            for i in (threadpool_info() if threadpool_info else []) if i.get("user_api") == "blas"]
    if a.json:
        print(json.dumps({"target": "scikit-learn", "sklearn": sklearn.__version__, "numpy": np.__version__,
                          "blas": blas, "train_rows": len(x), "workloads": results}))
    else:
        print(f"scikit-learn {sklearn.__version__} BernoulliRBM (numpy {np.__version__}, BLAS: {', '.join(blas) or '?'}), "
              f"{len(x)} MNIST training digits, {a.threads} thread(s)")
        for r in results:
            print(f"  {r['name']:<40} {r['dtype']:<8} {r['samples_per_s']:>8} samples/s  "
                  f"({r['epochs']} epochs in {r['seconds']:.2f} s)")


if __name__ == "__main__":
    main()
