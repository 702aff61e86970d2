#!/usr/bin/python3
"""Writes the tiny random-weight model package `atelier-tiny` in the format of docs/models.md.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 tools/tiny_model/make_tiny_model.py [--out DIR]
Default output: engine/src/main/resources/io/atelier/engine/models/atelier-tiny/ (committed; a few hundred KB).
Deterministic: a fixed torch seed, so re-running rewrites the same weights (TorchScript zip timestamps aside).

A larger random package of the same architecture, for benchmarks only (not committed), e.g. a 128 px model with
a 96-channel UNet:  make_tiny_model.py --id atelier-bench --channels 96 --native 128 --out /tmp/atelier-bench
"""
import argparse
import hashlib
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tiny_modules import TinyTextEncoder, TinyUNet, TinyVaeDecoder, TinyVaeEncoder  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "engine/src/main/resources/io/atelier/engine/models/atelier-tiny")

# The canonical vocabulary of contracts.md, in its order: ids are positions.
SPECIAL = ["[PAD]", "[UNK]"]
CATEGORIES = ["dress", "biker_jacket", "bomber", "trousers", "skirt", "sweatshirt", "tshirt", "handbag"]
COLOURS = ["black", "red", "blue", "navy", "green", "yellow", "pink", "purple", "orange", "brown", "beige", "grey"]
PATTERNS = ["solid", "stripes", "check", "polka_dots", "leopard"]
DETAILS = ["zip", "buttons", "collar", "belt", "pockets", "hood", "long_sleeves", "short_sleeves", "sleeveless",
           "metal_corners", "clasp", "strap"]
MATERIALS = ["cotton", "denim", "leather", "silk", "wool"]
BRANDS = ["brand_%d" % i for i in range(32)]
VOCABULARY = SPECIAL + CATEGORIES + COLOURS + PATTERNS + DETAILS + MATERIALS + BRANDS

MAX_LENGTH = 16
HIDDEN = 32
LATENT_CHANNELS = 4
VAE_SCALE = 8
LATENT_SCALING = 1.5
NATIVE = 64


def word_level_tokenizer(vocabulary):
    """A HuggingFace tokenizers file: WordLevel model, Whitespace pre-tokenizer, Lowercase normalizer."""
    added = [{"id": i, "content": token, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for i, token in enumerate(SPECIAL)]
    return {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": None, "decoder": None,
        "model": {"type": "WordLevel", "vocab": {token: i for i, token in enumerate(vocabulary)},
                  "unk_token": "[UNK]"},
    }


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--id", default="atelier-tiny")
    parser.add_argument("--channels", type=int, default=32, help="UNet width")
    parser.add_argument("--native", type=int, default=NATIVE, help="native image size in pixels")
    args = parser.parse_args()
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(20261122)

    # Step 1: the near-invertible VAE projection (rank 3, so its pseudo-inverse recovers the pooled colours).
    projection = torch.linalg.qr(torch.randn(LATENT_CHANNELS, 3))[0] * 0.8  # [4, 3], orthogonal columns
    inverse = torch.linalg.pinv(projection)  # [3, 4]

    modules = {
        "textEncoder": ("text_encoder.pt", TinyTextEncoder(len(VOCABULARY), MAX_LENGTH, HIDDEN)),
        "unet": ("unet.pt", TinyUNet(LATENT_CHANNELS, args.channels, HIDDEN)),
        "vaeDecoder": ("vae_decoder.pt", TinyVaeDecoder(inverse, VAE_SCALE)),
        "vaeEncoder": ("vae_encoder.pt", TinyVaeEncoder(projection, VAE_SCALE)),
    }

    # Step 2: script and save every component, then check the saved file answers with the contract's shapes.
    components = {}
    for name, (file, module) in modules.items():
        module.eval()
        path = os.path.join(out, file)
        torch.jit.script(module).save(path)
        components[name] = {"file": file}
    check_shapes(out, args.native)

    with open(os.path.join(out, "tokenizer.json"), "w") as f:
        json.dump(word_level_tokenizer(VOCABULARY), f, indent=1)
    components["tokenizer"] = {"file": "tokenizer.json"}
    for entry in components.values():
        entry["sha256"] = sha256(os.path.join(out, entry["file"]))

    # Step 3: the preview projection: decoder(latent / scaling) is about inverse @ latent / scaling.
    preview = (inverse.T / LATENT_SCALING).tolist()  # [C][3]
    manifest = {
        "formatVersion": 1, "id": args.id, "family": "atelier-micro",
        "displayName": "Atelier tiny (random weights, for tests)" if args.id == "atelier-tiny"
        else "%s (random weights, for benchmarks)" % args.id,
        "nativeWidth": args.native, "nativeHeight": args.native, "sizeMultiple": 16,
        "latentChannels": LATENT_CHANNELS, "vaeScaleFactor": VAE_SCALE, "latentScalingFactor": LATENT_SCALING,
        "predictionType": "epsilon",
        "scheduler": {"trainTimesteps": 1000, "betaSchedule": "scaled_linear", "betaStart": 0.00085,
                      "betaEnd": 0.012, "defaultSampler": "ddim", "defaultSteps": 8, "defaultGuidance": 5.0},
        "text": {"maxLength": MAX_LENGTH, "hiddenSize": HIDDEN, "padTokenId": 0},
        "preview": {"latentRgbFactors": [[round(v, 6) for v in row] for row in preview], "rgbBias": [0.0, 0.0, 0.0]},
        "components": {k: components[k] for k in ["tokenizer", "textEncoder", "unet", "vaeDecoder", "vaeEncoder"]},
    }
    with open(os.path.join(out, "model.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(out, e["file"])) for e in components.values())
    print("wrote %s (%d bytes of components)" % (out, total))


def check_shapes(out, native):
    ids = torch.zeros(2, MAX_LENGTH, dtype=torch.long)
    text = torch.jit.load(os.path.join(out, "text_encoder.pt"))(ids)
    assert tuple(text.shape) == (2, MAX_LENGTH, HIDDEN), text.shape
    latent = torch.randn(2, LATENT_CHANNELS, native // VAE_SCALE, native // VAE_SCALE)
    eps = torch.jit.load(os.path.join(out, "unet.pt"))(latent, torch.tensor([999.0, 10.0]), text)
    assert eps.shape == latent.shape, eps.shape
    image = torch.jit.load(os.path.join(out, "vae_decoder.pt"))(latent)
    assert tuple(image.shape) == (2, 3, native, native), image.shape
    back = torch.jit.load(os.path.join(out, "vae_encoder.pt"))(image)
    assert back.shape == latent.shape, back.shape


if __name__ == "__main__":
    main()
