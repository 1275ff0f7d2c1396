"""numpy's whole training loop: the peer of `dpt train --workers 0` (bench/peers.ts).

The `mnist` preset's network and step in numpy float32 on one thread, the
way a numpy user writes it: the training set converted to float32 in [0, 1]
once, then per epoch a shuffled order and per mini-batch a gather of its
rows, forward, backward (the article's squared error and sigmoid), and the
SGD update  W -= eta * dW / B.  Only the epoch's training loop is timed, as
dpt times its epochs (no evaluation inside).

Usage: python3 numpy_loop.py DIR BATCH EPOCHS
DIR holds meta.json ({"count": N, "inputSize": D, "classes": K, "hidden": H,
"eta": ETA}), images.u8 (N, D) and labels.u8 (N). Prints one JSON line per
epoch: {"epoch", "seconds", "samplesPerSecond"}; the first line describes
the setup. The caller sets OPENBLAS_NUM_THREADS=1 (and the others).
"""

import json
import os
import platform
import sys
import time


def main():
    try:
        import numpy as np
    except ImportError as e:
        print(json.dumps({"error": f"numpy is not importable: {e}"}))
        return 3
    folder, B, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    N, D, K, H, eta = meta["count"], meta["inputSize"], meta["classes"], meta["hidden"], np.float32(meta["eta"])
    X = (np.fromfile(os.path.join(folder, "images.u8"), dtype=np.uint8).reshape(N, D).astype(np.float32) / np.float32(255))
    labels = np.fromfile(os.path.join(folder, "labels.u8"), dtype=np.uint8).astype(np.int64)
    Y = np.zeros((N, K), dtype=np.float32)
    Y[np.arange(N), labels] = 1
    rng = np.random.default_rng(0)

    def xavier(fan_out, fan_in):
        limit = np.sqrt(6 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, (fan_out, fan_in)).astype(np.float32)

    W1, b1, W2, b2 = xavier(H, D), np.zeros(H, np.float32), xavier(K, H), np.zeros(K, np.float32)
    print(json.dumps({"python": platform.python_version(), "numpy": np.__version__, "batch": B}), flush=True)
    for epoch in range(epochs):
        order = rng.permutation(N)
        started = time.perf_counter()
        for start in range(0, N, B):
            idx = order[start : start + B]
            x, y = X[idx], Y[idx]
            a1 = 1 / (1 + np.exp(-(x @ W1.T + b1)))
            a2 = 1 / (1 + np.exp(-(a1 @ W2.T + b2)))
            d2 = np.float32(-2) * (y - a2) * (a2 * (1 - a2))
            d1 = (d2 @ W2) * (a1 * (1 - a1))
            step = eta / np.float32(len(idx))
            W2 -= step * (d2.T @ a1)
            b2 -= step * d2.sum(axis=0)
            W1 -= step * (d1.T @ x)
            b1 -= step * d1.sum(axis=0)
        seconds = time.perf_counter() - started
        assert W1.dtype == np.float32 and a2.dtype == np.float32, "not float32 throughout"
        print(json.dumps({"epoch": epoch, "seconds": seconds, "samplesPerSecond": N / seconds}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
