#!/usr/bin/env python3
"""Run the float32 reference on the tiny checkpoint and write the fixture file for the Java tests.

Loads tiny-sd15.safetensors with st_io (fp16 upcast to fp32), runs CLIP / UNet / VAE on CPU in float32
and writes tiny-sd15-fixtures.safetensors (float32; input ids int64):

  text.input_ids    int64 [2,77]  "a red dress", "robe rouge à rayures" (start, ids, end, padded with 49407)
  text.embeddings         [2,77,64] token + position embeddings (before the encoder layers)
  text.hidden             [2,77,64] last hidden state after final_layer_norm
  unet.sample             [2,4,16,24]
  unet.timesteps          [2]        (999, 250)
  unet.context            [2,77,64]  = text.hidden
  unet.temb               [2,128]    time_embed output
  unet.out                [2,4,16,24]
  vae.decode.z            [1,4,8,12] raw latent fed to post_quant_conv (already divided by 0.18215)
  vae.decode.image        [1,3,64,96]
  vae.encode.image        [1,3,64,96] in [-1, 1]
  vae.encode.mean         [1,4,8,12] mean half of quant_conv's output (unscaled)

Usage: python3 tools/sd/reference_fixtures.py [CHECKPOINT [OUT]]
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sd15_reference as R  # noqa: E402
import st_io  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
RES = os.path.join(REPO, "engine/src/test/resources/io/atelier/engine/sd")
TOKEN_IDS = "/work/shared/data/clip-bpe/reference-token-ids.jsonl"
PROMPTS = ["a red dress", "robe rouge à rayures"]
START, END, CTX = 49406, 49407, 77
SEED = 1234


def load_reference_ids():
    """Rows of the shared CLIP BPE reference (ids already include start/end), padded with END to 77."""
    rows = {}
    with open(TOKEN_IDS, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            rows.setdefault(rec["prompt"], rec["ids"])
    out = []
    for p in PROMPTS:
        ids = list(rows[p])
        assert ids[0] == START and ids[-1] == END, (p, ids)
        out.append(ids + [END] * (CTX - len(ids)))
    return torch.tensor(out, dtype=torch.int64)


def load_model(path):
    sd, _ = st_io.load(path, upcast_f32=True)
    model = R.build(R.TINY_CONFIG)
    state = {k: torch.from_numpy(v) for k, v in sd.items()}
    model.load_state_dict(state, strict=True)  # every key must match, both ways
    return model.float().eval()


def compute(model):
    torch.manual_seed(SEED)
    g = torch.Generator().manual_seed(SEED)
    f = {}
    with torch.no_grad():
        ids = load_reference_ids()
        hidden, emb = model.text_model(ids, return_embeddings=True)
        f["text.input_ids"] = ids
        f["text.embeddings"] = emb
        f["text.hidden"] = hidden

        unet = model.unet
        sample = torch.randn((2, 4, 16, 24), generator=g)
        t = torch.tensor([999.0, 250.0], dtype=torch.float32)
        f["unet.sample"] = sample
        f["unet.timesteps"] = t
        f["unet.context"] = hidden
        f["unet.temb"] = unet.time_embedding(t)
        f["unet.out"] = unet(sample, t, hidden)

        vae = model.vae
        z = torch.randn((1, 4, 8, 12), generator=g) / R.VAE_SCALE_FACTOR
        f["vae.decode.z"] = z
        f["vae.decode.image"] = vae.decode(z)

        # a smooth colour pattern plus a little noise, clipped to [-1, 1]
        yy, xx = torch.meshgrid(torch.linspace(-1, 1, 64), torch.linspace(-1, 1, 96), indexing="ij")
        img = torch.stack([torch.sin(3 * xx + 1.0) * torch.cos(2 * yy),
                           xx * yy,
                           torch.cos(4 * (xx * xx + yy * yy))])[None]
        img = (0.9 * img + 0.1 * torch.randn(img.shape, generator=g)).clamp(-1, 1)
        f["vae.encode.image"] = img
        mean, _ = vae.encode_moments(img)
        f["vae.encode.mean"] = mean
    return {k: v.contiguous() for k, v in f.items()}


def main():
    ckpt = sys.argv[1] if len(sys.argv) > 1 else os.path.join(RES, "tiny-sd15.safetensors")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(RES, "tiny-sd15-fixtures.safetensors")
    model = load_model(ckpt)
    fx = compute(model)
    for k, v in fx.items():
        if v.is_floating_point():
            print(f"  {k:18s} {str(list(v.shape)):16s} mean {v.mean():+.4f} std {v.std():.4f} "
                  f"absmax {v.abs().max():.4f}")
        else:
            print(f"  {k:18s} {str(list(v.shape)):16s} {v.dtype}")
    meta = {"format": "pt",
            "atelier.description": "float32 reference outputs of tools/sd/sd15_reference.py on tiny-sd15.safetensors",
            "atelier.prompts": json.dumps(PROMPTS, ensure_ascii=True),
            "atelier.vae_scale_factor": str(R.VAE_SCALE_FACTOR)}
    n = st_io.save(out, fx, metadata=meta)
    print(f"wrote {out}: {len(fx)} tensors, {n:,d} bytes")


if __name__ == "__main__":
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    main()
