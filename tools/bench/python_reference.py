#!/usr/bin/python3
"""Reference text-to-image run in plain Python over a package's TorchScript files, the way Python tools run them.

Same math as the Java engine: trailing timesteps, DDIM (eta 0) with classifier-free guidance batched as
[uncond, cond] in one UNet forward, java.util.Random's Gaussian noise (re-implemented below) so both sides start
from identical latents. Used by the tools' GenerateBenchmark for the Atelier/Python time ratio, and to check that
both produce the same pixels.

  /usr/bin/python3 tools/bench/python_reference.py PACKAGE_DIR --prompt "red dress" --seed 42 [--steps N]
      [--guidance G] [--runs R] [--threads T] [--png out.png]
Prints one JSON line: {"total_ms": median, "forward_ms": median, "runs": R, "threads": T}.
Only WordLevel tokenizer.json files are handled here (no `tokenizers` package in Debian).
"""
import argparse
import json
import math
import os
import statistics
import time

import numpy as np
import torch


class JavaRandom:
    """java.util.Random: the 48-bit LCG and the polar-method nextGaussian of its specification."""

    MULTIPLIER, ADDEND, MASK = 0x5DEECE66D, 0xB, (1 << 48) - 1

    def __init__(self, seed):
        self.seed = (seed ^ self.MULTIPLIER) & self.MASK
        self.next_gaussian = None

    def _next(self, bits):
        self.seed = (self.seed * self.MULTIPLIER + self.ADDEND) & self.MASK
        return self.seed >> (48 - bits)

    def next_double(self):
        return ((self._next(26) << 27) + self._next(27)) * (1.0 / (1 << 53))

    def gaussian(self):
        if self.next_gaussian is not None:
            value, self.next_gaussian = self.next_gaussian, None
            return value
        while True:
            v1 = 2 * self.next_double() - 1
            v2 = 2 * self.next_double() - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        multiplier = math.sqrt(-2 * math.log(s) / s)
        self.next_gaussian = v2 * multiplier
        return v1 * multiplier


def word_level_ids(tokenizer, text, max_length, pad_id):
    model = tokenizer["model"]
    assert model["type"] == "WordLevel", "this reference only reads WordLevel tokenizers"
    vocab, unk = model["vocab"], vocab_id(model)
    ids = [vocab.get(word, unk) for word in text.lower().split()][:max_length]
    return ids + [pad_id] * (max_length - len(ids))


def vocab_id(model):
    return model["vocab"][model["unk_token"]]


def alphas_cumprod(scheduler):
    t = scheduler["trainTimesteps"]
    if scheduler["betaSchedule"] == "scaled_linear":
        betas = np.linspace(scheduler["betaStart"] ** 0.5, scheduler["betaEnd"] ** 0.5, t, dtype=np.float64) ** 2
    else:
        betas = np.linspace(scheduler["betaStart"], scheduler["betaEnd"], t, dtype=np.float64)
    return np.cumprod(1.0 - betas)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("package")
    parser.add_argument("--prompt", default="red stripes dress belt")
    parser.add_argument("--negative", default="")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--steps", type=int)
    parser.add_argument("--guidance", type=float)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--png")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    with open(os.path.join(args.package, "model.json")) as f:
        manifest = json.load(f)
    with open(os.path.join(args.package, manifest["components"]["tokenizer"]["file"])) as f:
        tokenizer = json.load(f)
    load = lambda name: torch.jit.load(os.path.join(args.package, manifest["components"][name]["file"]))  # noqa
    text_encoder, unet, decoder = load("textEncoder"), load("unet"), load("vaeDecoder")
    sched = manifest["scheduler"]
    steps = args.steps or sched["defaultSteps"]
    guidance = args.guidance if args.guidance is not None else sched["defaultGuidance"]
    ac = alphas_cumprod(sched)
    total_t = sched["trainTimesteps"]
    timesteps = (np.round(np.arange(total_t, 0, -total_t / steps)) - 1).astype(np.int64)
    text = manifest["text"]
    c, f = manifest["latentChannels"], manifest["vaeScaleFactor"]
    h, w = manifest["nativeHeight"] // f, manifest["nativeWidth"] // f
    eps_pred = manifest["predictionType"] == "epsilon"

    def generate():
        forward = 0.0
        ids = torch.tensor([word_level_ids(tokenizer, args.negative, text["maxLength"], text["padTokenId"]),
                            word_level_ids(tokenizer, args.prompt, text["maxLength"], text["padTokenId"])])
        rng = JavaRandom(args.seed)
        noise = np.array([rng.gaussian() for _ in range(c * h * w)], dtype=np.float32).reshape(1, c, h, w)
        with torch.no_grad():
            begin = time.perf_counter()
            context = text_encoder(ids)
            forward += time.perf_counter() - begin
            a0 = ac[timesteps[0]]
            x = torch.from_numpy(np.sqrt(1 - a0) * noise).float()
            for i, t in enumerate(timesteps):
                a = ac[t]
                a_prev = ac[timesteps[i + 1]] if i + 1 < steps else 1.0
                begin = time.perf_counter()
                out = unet(torch.cat([x, x]), torch.tensor([float(t), float(t)]), context)
                forward += time.perf_counter() - begin
                uncond, cond = out[0:1], out[1:2]
                guided = uncond + guidance * (cond - uncond)
                if eps_pred:
                    x0 = (x - math.sqrt(1 - a) * guided) / math.sqrt(a)
                else:
                    x0 = math.sqrt(a) * x - math.sqrt(1 - a) * guided
                eps = (x - math.sqrt(a) * x0) / math.sqrt(1 - a)
                x = math.sqrt(a_prev) * x0 + math.sqrt(1 - a_prev) * eps
            begin = time.perf_counter()
            image = decoder(x / manifest["latentScalingFactor"])
            forward += time.perf_counter() - begin
        return image, forward

    totals, forwards = [], []
    generate()  # warm-up, as the Java side warms up
    for _ in range(args.runs):
        begin = time.perf_counter()
        image, forward = generate()
        totals.append(time.perf_counter() - begin)
        forwards.append(forward)
    if args.png:
        from PIL import Image
        pixels = ((image[0].permute(1, 2, 0).numpy() + 1.0) * 127.5).round().clip(0, 255).astype(np.uint8)
        Image.fromarray(pixels).save(args.png)
    print(json.dumps({"total_ms": statistics.median(totals) * 1000, "forward_ms": statistics.median(forwards) * 1000,
                      "runs": args.runs, "threads": args.threads, "steps": int(steps)}))


if __name__ == "__main__":
    main()
