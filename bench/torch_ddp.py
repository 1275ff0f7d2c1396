"""PyTorch DistributedDataParallel: the peer of `dpt train --workers 2` (bench/peers.ts).

The `mnist` preset's network (784-32-10, sigmoid, squared error summed over
the batch, plain SGD) trained by WORLD processes of one thread each with
DDP over gloo on 127.0.0.1: every rank takes its contiguous share of each
global mini-batch of BATCH samples, and DDP's allreduce averages the
gradients (the loss is divided by the global batch, so the step equals
eta * the batch's mean gradient, as dpt's). The training set is converted
to float32 in [0, 1] once. Only the epochs' training loops are timed, from
a barrier to a barrier, as dpt times its epochs.

Usage: python3 torch_ddp.py DIR BATCH EPOCHS WORLD
(DIR as for numpy_loop.py.) Prints one JSON line per epoch from rank 0:
{"epoch", "seconds", "samplesPerSecond"}, after a first line describing the
setup; when torch cannot be imported, one line {"skipped": why} and exit 0.
"""

import json
import os
import sys
import time


def worker(rank, world, folder, B, epochs, port):
    import numpy as np
    import torch
    import torch.distributed as dist
    from torch.nn.parallel import DistributedDataParallel as DDP

    torch.set_num_threads(1)
    os.environ["MASTER_ADDR"] = "127.0.0.1"
    os.environ["MASTER_PORT"] = str(port)
    dist.init_process_group("gloo", rank=rank, world_size=world)
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    N, D, K, H, eta = meta["count"], meta["inputSize"], meta["classes"], meta["hidden"], meta["eta"]
    X = torch.from_numpy(np.fromfile(os.path.join(folder, "images.u8"), dtype=np.uint8).reshape(N, D).astype(np.float32) / np.float32(255))
    labels = torch.from_numpy(np.fromfile(os.path.join(folder, "labels.u8"), dtype=np.uint8).astype(np.int64))
    Y = torch.nn.functional.one_hot(labels, K).float()
    torch.manual_seed(0)
    model = DDP(torch.nn.Sequential(torch.nn.Linear(D, H), torch.nn.Sigmoid(), torch.nn.Linear(H, K), torch.nn.Sigmoid()))
    opt = torch.optim.SGD(model.parameters(), lr=eta)
    g = torch.Generator().manual_seed(0)  # the same order on every rank
    if rank == 0:
        print(json.dumps({"torch": torch.__version__, "world": world, "threadsPerRank": torch.get_num_threads(), "batch": B}), flush=True)
    for epoch in range(epochs):
        order = torch.randperm(N, generator=g)
        dist.barrier()
        started = time.perf_counter()
        for start in range(0, N, B):
            batch = order[start : start + B]
            share = (len(batch) + world - 1) // world
            idx = batch[rank * share : (rank + 1) * share]
            opt.zero_grad(set_to_none=True)
            out = model(X[idx])
            # DDP averages over ranks: world * (sum over this share) / batch = the batch's summed loss / batch.
            loss = ((Y[idx] - out) ** 2).sum() * (world / len(batch))
            loss.backward()
            opt.step()
        dist.barrier()
        seconds = time.perf_counter() - started
        if rank == 0:
            print(json.dumps({"epoch": epoch, "seconds": seconds, "samplesPerSecond": N / seconds}), flush=True)
    dist.destroy_process_group()


def main():
    folder, B, epochs, world = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    try:
        import torch  # noqa: F401
        import torch.multiprocessing as mp
    except Exception as e:  # not installed, or a wheel that does not load here
        print(json.dumps({"skipped": f"torch is not importable: {e}"}), flush=True)
        return 0
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    mp.spawn(worker, args=(world, folder, B, epochs, port), nprocs=world, join=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
