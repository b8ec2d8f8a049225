#!/usr/bin/python3
"""bench_classify.py: held-out accuracy on the MNIST asset's fixed split (9,000 training digits,
the last 1,000 held out; engine/datasets.hpp) for scikit-learn's LogisticRegression on raw
pixels, beside the engine's deep belief net (its generative classifier: the label whose clamped
free energy in the top RBM is lowest), for BENCHMARKS.md. A measurement script, not a test.

LogisticRegression: multinomial, lbfgs, pixels scaled to [0, 1]; C is picked by 5-fold
cross-validation on the training digits only (the held-out digits are touched once, at the end),
and the default C = 1 is reported too.

With --ebm, it also runs `ebm dbn mnist ... --json` with --dbn-args and prints both figures.

Usage: /usr/bin/python3 scripts/bench_classify.py --asset build/native/assets/mnist.bin
           [--ebm build/native/ebm --dbn-args "--layers 256,256 --top 512 --epochs 10"] [--json]
"""
import argparse
import json
import shlex
import struct
import subprocess
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV

HELD_OUT = 1000  # engine/datasets.hpp: kMnistHeldOut


def load_asset(path):
    """The engine's MNIST asset: (train x, train y, held-out x, held-out y), pixels in [0, 1]."""
    with open(path, "rb") as f:
        b = f.read()
    if b[:8] != b"EBMMNIST":
        sys.exit(f"{path}: not an MNIST asset")
    version, count, rows, cols = struct.unpack("<IIII", b[8:24])
    dim = rows * cols
    x = np.frombuffer(b, dtype=np.uint8, count=count * dim, offset=28).reshape(count, dim) / 255.0
    y = np.frombuffer(b, dtype=np.uint8, count=count, offset=28 + count * dim).astype(np.int64)
    return x[:-HELD_OUT], y[:-HELD_OUT], x[-HELD_OUT:], y[-HELD_OUT:]


def logistic(xtr, ytr, xte, yte):
    t0 = time.perf_counter()
    default = LogisticRegression(max_iter=2000).fit(xtr, ytr)
    acc_default = float((default.predict(xte) == yte).mean())
    grid = GridSearchCV(LogisticRegression(max_iter=2000), {"C": [0.01, 0.03, 0.1, 0.3, 1.0]}, cv=5).fit(xtr, ytr)
    acc_cv = float((grid.predict(xte) == yte).mean())
    return {"accuracy_c1": round(acc_default, 4), "accuracy_cv": round(acc_cv, 4),
            "best_c": grid.best_params_["C"], "seconds": round(time.perf_counter() - t0, 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--asset", required=True)
    ap.add_argument("--ebm", help="path of the native ebm CLI, to run the DBN beside")
    ap.add_argument("--dbn-args", default="--layers 256,256 --top 512 --epochs 10")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    xtr, ytr, xte, yte = load_asset(a.asset)
    out = {"sklearn": sklearn.__version__, "train_rows": len(ytr), "held_out_rows": len(yte),
           "logistic_regression": logistic(xtr, ytr, xte, yte)}
    if a.ebm:
        cmd = [a.ebm, "dbn", "mnist", "--asset", a.asset, *shlex.split(a.dbn_args), "--json"]
        d = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        out["dbn"] = {"command": " ".join(cmd), "held_out_accuracy": d["held_out_accuracy"],
                      "train_seconds": d["train_seconds"],
                      "stage_seconds": [s["train_seconds"] for s in d["stages"]]}
    if a.json:
        print(json.dumps(out))
        return
    lr = out["logistic_regression"]
    print(f"MNIST asset split: {len(ytr)} training digits, {len(yte)} held out; scikit-learn {sklearn.__version__}")
    print(f"  LogisticRegression, raw pixels: {100 * lr['accuracy_cv']:.1f}% (C = {lr['best_c']} by 5-fold CV), "
          f"{100 * lr['accuracy_c1']:.1f}% at the default C = 1  ({lr['seconds']} s)")
    if "dbn" in out:
        d = out["dbn"]
        print(f"  DBN, free-energy classifier:    {100 * d['held_out_accuracy']:.1f}%  "
              f"(training {d['train_seconds']:.1f} s; per stage {d['stage_seconds']} s)")
        print(f"    {d['command']}")


if __name__ == "__main__":
    main()
