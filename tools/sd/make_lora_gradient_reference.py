#!/usr/bin/env python3
"""Write the reference for one SD-1.5 adapter training step's gradients (brands' CheckpointLoraGradientTest).

On the tiny checkpoint in float32: a LoRA of rank 4 on every attention projection (to_q/to_k/to_v/to_out.0 of attn1
and attn2), both halves random (so that both get gradients), merged as W + up @ down; the loss the Java trainer
minimises, mean(w * (unet(x_t, t, context) - target)^2), and its gradients with respect to every lora_down and
lora_up, by torch autograd. Inputs, LoRA values, loss and gradients go into one fixture file.

Usage: python3 tools/sd/make_lora_gradient_reference.py [OUT]   (default: the brands test resource)
"""
import os
import re
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_fixtures as F  # noqa: E402
import st_io  # noqa: E402

SEED = 1919
RANK = 4
REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "brands/src/test/resources/io/atelier/brands/training/"
                                 "tiny-lora-gradient-fixtures.safetensors")
ATTENTION = re.compile(r"^model\.diffusion_model\..*\.transformer_blocks\.\d+\.attn[12]\.(to_q|to_k|to_v|to_out\.0)"
                       r"\.weight$")


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    model = F.load_model(os.path.join(F.RES, "tiny-sd15.safetensors"))
    fx, _ = st_io.load(os.path.join(F.RES, "tiny-sd15-fixtures.safetensors"))
    g = torch.Generator().manual_seed(SEED)
    context = torch.from_numpy(fx["unet.context"])[:2]
    sample = torch.randn((2, 4, 8, 8), generator=g)
    t = torch.tensor([700.0, 90.0])
    target = torch.randn((2, 4, 8, 8), generator=g)
    w = torch.tensor([1.0, 0.3]).reshape(2, 1, 1, 1)

    # Step 1: a random LoRA on every attention projection, merged into the modules' weights (in the graph).
    modules = dict(model.named_modules())
    pairs = {}
    for name, p in sorted(model.state_dict().items()):
        if not ATTENTION.match(name):
            continue
        out_features, in_features = p.shape
        down = (0.1 * torch.randn((RANK, in_features), generator=g)).requires_grad_()
        up = (0.1 * torch.randn((out_features, RANK), generator=g)).requires_grad_()
        pairs[name[: -len(".weight")]] = (down, up)
    for module_name, (down, up) in pairs.items():
        module = modules[module_name]
        base = module.weight.detach()
        del module.weight
        module.weight = up @ down + base

    # Step 2: the loss and its gradients.
    pred = model.unet(sample, t, context)
    loss = ((pred - target) ** 2 * w).mean()
    loss.backward()

    out = {"sample": sample, "timesteps": t, "context": context, "target": target, "weights": w,
           "loss": loss.detach().reshape(1)}
    for module_name, (down, up) in pairs.items():
        tensor = module_name + ".weight"
        out[tensor + ".lora_down"] = down.detach()
        out[tensor + ".lora_up"] = up.detach()
        out["grad/" + tensor + ".lora_down"] = down.grad
        out["grad/" + tensor + ".lora_up"] = up.grad
    st_io.save(out_path, {k: v.contiguous().float() for k, v in out.items()},
               metadata={"atelier.description": "tools/sd/make_lora_gradient_reference.py"})
    print(f"{out_path}: loss {loss.item():.6f}, {len(pairs)} LoRA pairs")


if __name__ == "__main__":
    main()
