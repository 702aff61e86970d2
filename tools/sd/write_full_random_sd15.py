#!/usr/bin/env python3
"""Stream a full-size random-weight SD-1.5 checkpoint (for loader benchmarks) to disk, tensor by tensor.

Every tensor name, shape and dtype of the real v1-5-pruned-emaonly.safetensors (1,145 tensors; all float
except cond_stage_model.transformer.text_model.embeddings.position_ids, int64 [1,77]), in the same file
layout: {"__metadata__":{"format":"pt"}}, tensors in name order, unpadded header (so --dtype fp32 gives
exactly 4,265,146,304 bytes, like the real file). Weights normal(0, 0.02), norm weights 1, biases 0,
real noise-schedule buffers, position_ids 0..76. Never holds more than one tensor in memory.

Usage: python3 tools/sd/write_full_random_sd15.py OUT.safetensors [--dtype fp16|fp32] [--seed N] [--pad]
"""
import argparse
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sd15_reference as R  # noqa: E402
import st_io  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--dtype", choices=("fp16", "fp32"), default="fp32")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--pad", action="store_true", help="pad the header to 8 bytes (modern writers)")
    args = ap.parse_args()

    t0 = time.time()
    model = R.build(R.SD15_CONFIG, device="meta")  # names and shapes only, nothing allocated
    modules = dict(model.named_modules())
    params = dict(model.named_parameters())
    state = model.state_dict()
    schedule = R.make_schedule()
    fcode, fdt = ("F16", np.float16) if args.dtype == "fp16" else ("F32", np.float32)

    entries = []
    for name in sorted(state):
        v = state[name]
        code = "I64" if v.dtype == torch.int64 else fcode
        entries.append((name, code, tuple(v.shape)))

    rng = np.random.default_rng(args.seed)

    def produce(name):
        shape = tuple(state[name].shape)
        if name.endswith("embeddings.position_ids"):
            return np.arange(shape[1], dtype=np.int64).reshape(shape)
        if name in schedule:
            return schedule[name].numpy().astype(fdt)
        if name == "model_ema.decay":
            return np.array(0.9999, dtype=fdt)
        if name == "model_ema.num_updates":
            return np.array(0, dtype=fdt)
        assert name in params, name
        mod = modules[name.rpartition(".")[0]]
        if name.endswith(".bias"):
            return np.zeros(shape, dtype=fdt)
        if isinstance(mod, (nn.GroupNorm, nn.LayerNorm)):
            return np.ones(shape, dtype=fdt)
        a = rng.standard_normal(shape, dtype=np.float32)
        a *= 0.02
        return a.astype(fdt, copy=False)

    n = st_io.write_stream(args.out, entries, produce, metadata={"format": "pt"}, pad=args.pad)
    dt = time.time() - t0
    header, _, data_start = st_io.read_header(args.out)
    size = os.path.getsize(args.out)
    summary = R.layout_summary([(k, state[k].dtype, tuple(state[k].shape)) for k in state])
    print(f"wrote {args.out}: {len(entries)} tensors, {size:,d} bytes (expected {n:,d}), "
          f"header {data_start - 8:,d} bytes JSON, data at byte {data_start}, {dt:.1f} s")
    for p, (cnt, par) in summary.items():
        print(f"  {p:45s} {cnt:4d} tensors {par:,d} parameters")
    if args.dtype == "fp32" and not args.pad:
        ok = size == R.SD15_FACTS["file_bytes_fp32"] and data_start - 8 == R.SD15_FACTS["header_bytes"]
        print("matches the real v1-5-pruned-emaonly size and header length:", ok)


if __name__ == "__main__":
    torch.set_num_threads(1)
    main()
