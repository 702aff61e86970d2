#!/usr/bin/env python3
"""Write two small kohya-format LoRAs for the tiny checkpoint and the reference outputs of the merged model.

  tiny-lora-a.safetensors   F16, rank 4, alpha 2 (scale alpha/rank = 0.5): attn1 q/k/v/out, attn2 k/v, GEGLU ff,
                            1x1-conv proj_in/proj_out, a 3x3-conv resnet conv1 (LoCon), text-encoder q_proj and fc1
  tiny-lora-b.safetensors   BF16, rank 2, alpha on some modules only (default: rank): overlaps A on attn1 to_q and
                            the text q_proj; one module under its CompVis name (lora_unet_input_blocks_8_1_...), and a
                            1x1 conv given in linear form ([r, c] / [c, r])
  tiny-lora-fixtures.safetensors (F32):
    a.text.hidden / a.unet.out         A at weight 1
    a-half.unet.out                    A at weight 0.5
    ab.text.hidden / ab.unet.out       A at 1 plus B at 1
  computed by sd15_reference.py with MERGED weights, W' = W + sum(weight * alpha / rank * up @ down), on the inputs of
  tiny-sd15-fixtures.safetensors (text.input_ids; unet.sample, unet.timesteps, unet.context).

The kohya names are mapped to the checkpoint's here independently of the Java table, the way diffusers' conversion
script does (down_blocks.i.resnets.j <-> input_blocks.(1 + i*(n+1) + j).0, and so on).

Usage: python3 tools/sd/make_tiny_lora.py   (deterministic; writes into the engine's test resources)
"""
import os
import re
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_fixtures as F  # noqa: E402
import st_io  # noqa: E402

RES = F.RES
SEED = 4242
UNET = "model.diffusion_model."
TEXT = "cond_stage_model.transformer."
N_RES = 2  # TINY_CONFIG num_res_blocks

RESNET_INNER = {"norm1": "in_layers.0", "conv1": "in_layers.2", "time_emb_proj": "emb_layers.1",
                "norm2": "out_layers.0", "conv2": "out_layers.3", "conv_shortcut": "skip_connection"}

A_MODULES = [
    "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q",
    "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_k",
    "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_v",
    "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_out_0",
    "lora_unet_down_blocks_1_attentions_1_transformer_blocks_0_attn2_to_k",
    "lora_unet_down_blocks_1_attentions_1_transformer_blocks_0_attn2_to_v",
    "lora_unet_mid_block_attentions_0_transformer_blocks_0_ff_net_0_proj",
    "lora_unet_mid_block_attentions_0_transformer_blocks_0_ff_net_2",
    "lora_unet_up_blocks_1_attentions_2_proj_in",
    "lora_unet_up_blocks_1_attentions_2_proj_out",
    "lora_unet_up_blocks_2_resnets_0_conv1",
    "lora_te_text_model_encoder_layers_0_self_attn_q_proj",
    "lora_te_text_model_encoder_layers_1_mlp_fc1",
]
B_MODULES = [
    "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q",
    "lora_unet_input_blocks_8_1_transformer_blocks_0_attn1_to_v",
    "lora_unet_down_blocks_2_attentions_0_proj_out",
    "lora_te_text_model_encoder_layers_0_self_attn_q_proj",
    "lora_te_text_model_encoder_layers_1_self_attn_out_proj",
]
B_LINEAR_FORM = {"lora_unet_down_blocks_2_attentions_0_proj_out"}
B_WITH_ALPHA = {"lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q": 1.0,
                "lora_te_text_model_encoder_layers_1_self_attn_out_proj": 4.0}


def checkpoint_module(kohya):
    """kohya module -> checkpoint module, as diffusers' convert_diffusers_to_original_stable_diffusion maps it."""
    text = re.fullmatch(r"lora_te_text_model_encoder_layers_(\d+)_(self_attn|mlp)_(\w+)", kohya)
    if text:
        return f"{TEXT}text_model.encoder.layers.{text[1]}.{text[2]}.{text[3]}"
    name = kohya[len("lora_unet_"):]
    if name.startswith("input_blocks_"):  # CompVis-style kohya name: input_blocks_8_1_transformer_blocks_0_attn1_to_v
        _, _, block, sub, rest = name.split("_", 4)
        return f"{UNET}input_blocks.{block}.{sub}." + transformer_inner(rest)
    parts = name.split("_")
    if name.startswith("mid_block_"):
        kind, j, rest = parts[2], int(parts[3]), "_".join(parts[4:])
        return f"{UNET}middle_block.{1 if kind == 'attentions' else 2 * j}." + inner(kind, rest)
    i, kind, j, rest = int(parts[2]), parts[3], int(parts[4]), "_".join(parts[5:])
    sub = 0 if kind == "resnets" else 1
    if parts[0] == "down":
        return f"{UNET}input_blocks.{1 + i * (N_RES + 1) + j}.{sub}." + inner(kind, rest)
    return f"{UNET}output_blocks.{i * (N_RES + 1) + j}.{sub}." + inner(kind, rest)


def inner(kind, rest):
    return RESNET_INNER[rest] if kind == "resnets" else transformer_inner(rest)


def transformer_inner(rest):
    if rest in ("proj_in", "proj_out"):
        return rest
    # transformer_blocks_0_attn1_to_out_0 / transformer_blocks_0_ff_net_0_proj
    _, _, k, tail = rest.split("_", 3)
    tail = {"ff_net_0_proj": "ff.net.0.proj", "ff_net_2": "ff.net.2"}.get(tail, tail)
    if tail.startswith("attn"):
        tail = tail[:5] + "." + tail[6:]
        tail = tail.replace("to_out_0", "to_out.0")
    return f"transformer_blocks.{k}.{tail}"


def make_lora(modules, base, rank, gen, alphas, linear_form=()):
    """Random kohya pairs sized from the base weights: down [r, in(,kh,kw)], up [out, r(,1,1)]."""
    lora = {}
    for kohya in modules:
        w = base[checkpoint_module(kohya) + ".weight"]
        out_ch, rest = w.shape[0], w.shape[1:]
        fan_in = int(np.prod(rest))
        down = torch.randn((rank,) + tuple(rest), generator=gen) / fan_in ** 0.5
        up = 0.5 * torch.randn((out_ch, rank) + (1,) * (len(rest) - 1), generator=gen) / rank ** 0.5
        if kohya in linear_form:
            down, up = down.reshape(rank, -1), up.reshape(out_ch, rank)
        lora[kohya + ".lora_down.weight"] = down
        lora[kohya + ".lora_up.weight"] = up
        if alphas.get(kohya) is not None:
            lora[kohya + ".alpha"] = torch.tensor(alphas[kohya])
    return lora


def merged(base, loras):
    """W + sum(weight * alpha / rank * up @ down), in float64, cast back to float32."""
    state = {k: torch.from_numpy(v) for k, v in base.items()}
    for lora, weight in loras:
        for key in lora:
            if not key.endswith(".lora_down.weight"):
                continue
            kohya = key[: -len(".lora_down.weight")]
            down = torch.as_tensor(lora[key], dtype=torch.float64)
            up = torch.as_tensor(lora[kohya + ".lora_up.weight"], dtype=torch.float64)
            rank = down.shape[0]
            alpha = float(lora[kohya + ".alpha"]) if kohya + ".alpha" in lora else rank
            name = checkpoint_module(kohya) + ".weight"
            w = state[name]
            delta = (up.reshape(up.shape[0], rank) @ down.reshape(rank, -1)).reshape(w.shape)
            state[name] = (w.double() + weight * alpha / rank * delta).float()
    return state


def run(state, fx):
    model = F.R.build(F.R.TINY_CONFIG)
    model.load_state_dict(state, strict=True)
    model = model.float().eval()
    with torch.no_grad():
        hidden = model.text_model(torch.from_numpy(fx["text.input_ids"]))
        out = model.unet(torch.from_numpy(fx["unet.sample"]), torch.from_numpy(fx["unet.timesteps"]),
                         torch.from_numpy(fx["unet.context"]))
    return hidden.contiguous(), out.contiguous()


def stored(lora, code):
    """The LoRA as the file holds it (F16 or BF16) and as its readers see it again (float32)."""
    if code == "F16":
        on_disk = {k: v.to(torch.float16) for k, v in lora.items()}
        return on_disk, {k: v.float().numpy() for k, v in on_disk.items()}
    on_disk = {k: ("BF16", st_io.f32_to_bf16_bits(v.float().numpy())) for k, v in lora.items()}
    return on_disk, {k: st_io.bf16_bits_to_f32(b).reshape(lora[k].shape) for k, (_, b) in on_disk.items()}


def main():
    base, _ = st_io.load(os.path.join(RES, "tiny-sd15.safetensors"), upcast_f32=True)
    fx, _ = st_io.load(os.path.join(RES, "tiny-sd15-fixtures.safetensors"))
    gen = torch.Generator().manual_seed(SEED)
    a_disk, a = stored(make_lora(A_MODULES, base, 4, gen, {m: 2.0 for m in A_MODULES}), "F16")
    b_disk, b = stored(make_lora(B_MODULES, base, 2, gen, B_WITH_ALPHA, B_LINEAR_FORM), "BF16")
    meta = {"ss_network_module": "networks.lora", "atelier.description": "tools/sd/make_tiny_lora.py"}
    st_io.save(os.path.join(RES, "tiny-lora-a.safetensors"), a_disk, metadata=dict(meta, ss_network_dim="4",
                                                                                   ss_network_alpha="2.0"))
    st_io.save(os.path.join(RES, "tiny-lora-b.safetensors"), b_disk, metadata=dict(meta, ss_network_dim="2"))

    out = {}
    out["a.text.hidden"], out["a.unet.out"] = run(merged(base, [(a, 1.0)]), fx)
    _, out["a-half.unet.out"] = run(merged(base, [(a, 0.5)]), fx)
    out["ab.text.hidden"], out["ab.unet.out"] = run(merged(base, [(a, 1.0), (b, 1.0)]), fx)
    for k, v in out.items():
        ref = torch.from_numpy(fx["unet.out" if "unet" in k else "text.hidden"])
        print(f"  {k:16s} absmax {v.abs().max():.4f}  max |diff to base| {(v - ref).abs().max():.4f}")
    path = os.path.join(RES, "tiny-lora-fixtures.safetensors")
    n = st_io.save(path, out, metadata={"atelier.description": "merged-weight reference, tools/sd/make_tiny_lora.py"})
    print(f"wrote {path}: {len(out)} tensors, {n:,d} bytes")


if __name__ == "__main__":
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    main()
