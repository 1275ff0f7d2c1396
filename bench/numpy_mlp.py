"""The numpy reference for the kernel benchmark (bench/kernels.ts).

The same network, batch and parameters as dpt's kernel benchmark: a batched
sigmoid MLP with the article's squared error, forward and backward, float32
arrays, gradients summed over the batch:

    a_0 = x,  z_l = a_{l-1} W_l^T + b_l,  a_l = sigmoid(z_l)
    E = sum_j (y_j - a_L,j)^2
    delta_L = -2 (y - a_L) * a_L (1 - a_L)
    delta_l = (delta_{l+1} W_{l+1}) * a_l (1 - a_l)
    dE/dW_l = delta_l^T a_{l-1},  dE/db_l = sum over the batch of delta_l

Usage: python3 numpy_mlp.py DIR
DIR holds meta.json ({"structure": [...], "batch": B}), inputs.f32 (B, C0),
labels.u8 (B), params.f32 (dpt's flat layout: per layer W (OC, C) row-major,
then b (OC)). Writes DIR/grad.f32 (the summed gradient of one pass, same
layout) and prints one JSON line about the setup. Then, for each line
SECONDS read from stdin, it trains that long and prints one JSON line with
the throughput: the caller interleaves these runs with its own, so that
both sides of a ratio see the same machine (a shared VM's speed drifts by
tens of percent within a minute). It exits at the end of stdin.

The caller sets the thread count (OPENBLAS_NUM_THREADS=1, ...) in this
process's environment; numpy reads it when it loads.
"""

import ctypes
import glob
import json
import os
import platform
import sys
import time


def blas_info(np):
    """Which BLAS library and kernel (core type) numpy runs, and its thread count."""
    try:
        import threadpoolctl

        for lib in threadpoolctl.threadpool_info():
            if lib.get("user_api") == "blas":
                return {
                    "source": "threadpoolctl",
                    "library": lib.get("internal_api"),
                    "version": lib.get("version"),
                    "coreType": lib.get("architecture"),
                    "threads": lib.get("num_threads"),
                    "path": lib.get("filepath"),
                }
    except ImportError:
        pass
    info = {"source": "numpy.show_config + OpenBLAS via ctypes"}
    try:
        deps = np.show_config(mode="dicts").get("Build Dependencies", {}).get("blas", {})
        info["library"] = deps.get("name")
        info["version"] = deps.get("version")
        info["buildConfig"] = deps.get("openblas configuration")
    except Exception as e:  # older numpy: no dict mode
        info["showConfigError"] = str(e)
    # What threadpoolctl does: ask the loaded OpenBLAS itself.
    here = os.path.dirname(np.__file__)
    candidates = glob.glob(os.path.join(os.path.dirname(here), "numpy.libs", "*openblas*")) + glob.glob(
        os.path.join(here, ".dylibs", "*openblas*")
    )
    for path in candidates:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", ""):
                corename = getattr(lib, f"{prefix}get_corename{suffix}", None)
                if corename is None:
                    continue
                corename.restype = ctypes.c_char_p
                threads = getattr(lib, f"{prefix}get_num_threads{suffix}")
                threads.restype = ctypes.c_int
                info["coreType"] = corename().decode()
                info["threads"] = threads()
                info["path"] = path
                return info
    info["coreType"] = None
    return info


def main():
    try:
        import numpy as np
    except ImportError as e:
        print(json.dumps({"error": f"numpy is not importable: {e}"}))
        return 3

    folder = sys.argv[1]
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    structure, B = meta["structure"], meta["batch"]
    x = np.fromfile(os.path.join(folder, "inputs.f32"), dtype=np.float32).reshape(B, structure[0])
    labels = np.fromfile(os.path.join(folder, "labels.u8"), dtype=np.uint8).astype(np.int64)
    flat = np.fromfile(os.path.join(folder, "params.f32"), dtype=np.float32)
    Ws, bs, offset = [], [], 0
    for C, OC in zip(structure[:-1], structure[1:]):
        Ws.append(flat[offset : offset + OC * C].reshape(OC, C))
        offset += OC * C
        bs.append(flat[offset : offset + OC])
        offset += OC
    assert offset == flat.size, "parameter file does not match the structure"
    K = structure[-1]
    y = np.zeros((B, K), dtype=np.float32)
    y[np.arange(B), labels] = 1

    def step():
        acts = [x]
        for W, b in zip(Ws, bs):
            z = acts[-1] @ W.T + b
            acts.append(1 / (1 + np.exp(-z)))
        a = acts[-1]
        diff = y - a
        error_sum = float((diff * diff).sum(dtype=np.float64))
        correct = int((a.argmax(axis=1) == labels).sum())
        delta = -2 * diff * (a * (1 - a))
        grads = [None] * len(Ws)
        for l in range(len(Ws) - 1, -1, -1):
            grads[l] = (delta.T @ acts[l], delta.sum(axis=0))
            if l > 0:
                delta = (delta @ Ws[l]) * (acts[l] * (1 - acts[l]))
        return grads, error_sum, correct

    grads, error_sum, correct = step()
    assert all(g.dtype == np.float32 and gb.dtype == np.float32 for g, gb in grads), "not float32 throughout"
    np.concatenate([part.ravel() for g in grads for part in g]).tofile(os.path.join(folder, "grad.f32"))
    for _ in range(3):  # warm-up
        step()
    print(json.dumps({
        "errorSum": error_sum,
        "correct": correct,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": blas_info(np),
        "env": {k: os.environ.get(k) for k in (
            "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
    }), flush=True)
    for line in sys.stdin:
        seconds = float(line)
        passes = 0
        cpu_started = time.process_time()
        started = time.perf_counter()
        while True:
            step()
            passes += 1
            elapsed = time.perf_counter() - started
            if elapsed >= seconds:
                break
        print(json.dumps({
            "samplesPerSecond": passes * B / elapsed,
            "passes": passes,
            "seconds": elapsed,
            # CPU seconds per wall second: about 1 when BLAS really runs on one thread.
            "cpuPerWall": (time.process_time() - cpu_started) / elapsed,
        }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
