#!/usr/bin/env python3
"""Write the tiny SD-1.5-layout checkpoint (random, well-scaled weights, stored as float16).

Same key names and block structure as v1-5-pruned-emaonly, scaled down (sd15_reference.TINY_CONFIG):
UNet model_channels 32, channel_mult (1,2,2,2), 2 res blocks, attention at levels 0-2, depth 1,
8 heads, context 64; CLIP vocab 49408, 77 positions, width 64 (1 head), 2 layers, MLP 4x;
VAE ch 32, ch_mult (1,1,2,2), 2 res blocks, z 4.

Every tensor is initialised from its own generator seeded by (SEED, crc32(name)), so the result does not
depend on module construction order. Nothing is zero: norms 1 + N(0, 0.1), biases N(0, 0.05),
convs/linears N(0, 1/sqrt(fan_in)), query projections twice that (attention logits have std ~2, so
softmax is far from uniform and scale/ordering bugs show), embeddings N(0, 0.5).

Usage: python3 tools/sd/make_tiny_sd15.py [OUT]   (default: the engine test resource)
"""
import os
import sys
import zlib

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sd15_reference as R  # noqa: E402
import st_io  # noqa: E402

SEED = 20240615
REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "engine/src/test/resources/io/atelier/engine/sd/tiny-sd15.safetensors")


# query projections get gain 2 so attention logits have std ~2 (softmax clearly non-uniform)
QUERY_PROJ = ("to_q", "q_proj", "q")


def _gen(name):
    g = torch.Generator()
    g.manual_seed((SEED * 1_000_003 + zlib.crc32(name.encode())) % (2 ** 63))
    return g


def init_tiny_weights(model):
    """Deterministic, well-scaled, nowhere-zero init of every parameter of `model` (in place)."""
    modules = dict(model.named_modules())
    with torch.no_grad():
        for name, p in model.named_parameters():
            mod_name, _, pname = name.rpartition(".")
            mod = modules[mod_name]
            g = _gen(name)
            if isinstance(mod, (nn.GroupNorm, nn.LayerNorm)):
                if pname == "weight":
                    p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
                else:
                    p.copy_(0.05 * torch.randn(p.shape, generator=g))
            elif isinstance(mod, nn.Embedding):
                p.copy_(0.5 * torch.randn(p.shape, generator=g))
            elif isinstance(mod, (nn.Conv2d, nn.Linear)):
                if pname == "weight":
                    fan_in = int(np.prod(p.shape[1:]))
                    gain = 2.0 if pname == "weight" and mod_name.rpartition(".")[2] in QUERY_PROJ else 1.0
                    p.copy_(gain * torch.randn(p.shape, generator=g) / fan_in ** 0.5)
                else:
                    p.copy_(0.05 * torch.randn(p.shape, generator=g))
            else:
                raise ValueError(f"no init rule for {name} ({type(mod).__name__})")


def tiny_state_dict_fp16():
    torch.manual_seed(SEED)
    model = R.build(R.TINY_CONFIG)
    init_tiny_weights(model)
    sd = {}
    for k, v in model.state_dict().items():
        v = v.detach()
        sd[k] = v.to(torch.float16) if v.is_floating_point() else v
    return sd


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    os.makedirs(os.path.dirname(out), exist_ok=True)
    sd = tiny_state_dict_fp16()
    meta = {"format": "pt",
            "atelier.description": "tiny random-weight SD-1.5 layout checkpoint (tools/sd/make_tiny_sd15.py)",
            "atelier.seed": str(SEED)}
    # unpadded header, tensors in name order: the layout of the real v1-5-pruned-emaonly file
    n = st_io.save(out, sd, metadata=meta, order="sorted", pad=False)
    params = sum(v.numel() for k, v in sd.items())
    _, _, data_start = st_io.read_header(out)
    print(f"wrote {out}: {len(sd)} tensors, {params:,d} elements, {n:,d} bytes, data starts at byte {data_start}")


if __name__ == "__main__":
    torch.set_num_threads(1)
    main()
