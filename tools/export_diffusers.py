#!/usr/bin/env python3
"""Convert a diffusers Stable Diffusion 1.x/2.x-family folder (SD 1.5, SD-Turbo, LCM) into an Atelier model package.

For users who have such weights and Python with torch, diffusers and transformers on another machine:

    python3 tools/export_diffusers.py /path/to/stable-diffusion-v1-5 ~/.atelier/models/sd15 \
        --id sd15 --display-name "Stable Diffusion 1.5" [--preset sd15|turbo|lcm] [--fp16]

The package layout, tensor conventions and model.json fields are those of docs/models.md. What was and was not
verified here (no weights and no diffusers on the build machine) is stated there too; `--self-test OUT` runs the
tracing, hashing and model.json code on the repository's tiny random modules, which needs only torch.
"""
import argparse
import hashlib
import json
import os
import sys

import torch

PRESETS = {
    # defaultSampler, defaultSteps, defaultGuidance (guidance <= 1 disables classifier-free guidance)
    "sd15": ("ddim", 25, 7.5),
    "turbo": ("euler_a", 1, 1.0),
    "lcm": ("lcm", 4, 1.0),
}
# Stable Diffusion's 4-channel latent to RGB, for the cheap preview (the factors ComfyUI uses).
SD_PREVIEW = [[0.3512, 0.2297, 0.3227], [0.3250, 0.4974, 0.2350], [-0.2829, 0.1762, 0.2721],
              [-0.2120, -0.2616, -0.7177]]


# ---------------------------------------------------------------------------------------------------------------
# Wrappers giving each diffusers sub-model the engine's plain-tensor signature (contracts.md).
# ---------------------------------------------------------------------------------------------------------------
class TextEncoderWrapper(torch.nn.Module):
    """input_ids int64 [B, L] -> last hidden state [B, L, hidden] (what SD's UNet attends to)."""

    def __init__(self, text_encoder):
        super().__init__()
        self.text_encoder = text_encoder

    def forward(self, input_ids):
        return self.text_encoder(input_ids, return_dict=False)[0]


class UNetWrapper(torch.nn.Module):
    """(sample, timestep [B], encoder_hidden_states) -> noise (or v) prediction.

    LCM-distilled UNets (config.time_cond_proj_dim set) take a guidance embedding: it is baked in as a constant
    (--lcm-guidance), since the engine's UNet signature has no such input.
    """

    def __init__(self, unet, lcm_guidance=None):
        super().__init__()
        self.unet = unet
        self.lcm_guidance = lcm_guidance

    def forward(self, sample, timestep, encoder_hidden_states):
        timestep_cond = None
        if self.lcm_guidance is not None:
            w = torch.full((sample.shape[0],), self.lcm_guidance - 1.0, dtype=sample.dtype, device=sample.device)
            timestep_cond = guidance_embedding(w, self.unet.config.time_cond_proj_dim).to(sample.dtype)
        return self.unet(sample, timestep, encoder_hidden_states=encoder_hidden_states,
                         timestep_cond=timestep_cond, return_dict=False)[0]


def guidance_embedding(w, dim):
    # As diffusers' LatentConsistencyModelPipeline.get_guidance_scale_embedding.
    w = w * 1000.0
    half = dim // 2
    emb = torch.log(torch.tensor(10000.0)) / (half - 1)
    emb = torch.exp(torch.arange(half, dtype=w.dtype, device=w.device) * -emb)
    emb = w[:, None] * emb[None, :]
    emb = torch.cat([torch.sin(emb), torch.cos(emb)], dim=1)
    if dim % 2 == 1:
        emb = torch.nn.functional.pad(emb, (0, 1))
    return emb


class VaeDecoderWrapper(torch.nn.Module):
    """latents already divided by the scaling factor -> image in [-1, 1]."""

    def __init__(self, vae):
        super().__init__()
        self.vae = vae

    def forward(self, latents):
        return self.vae.decode(latents, return_dict=False)[0]


class VaeEncoderWrapper(torch.nn.Module):
    """image in [-1, 1] -> latent distribution mean (the engine multiplies by the scaling factor)."""

    def __init__(self, vae):
        super().__init__()
        self.vae = vae

    def forward(self, image):
        moments = self.vae.quant_conv(self.vae.encoder(image))
        mean, _ = torch.chunk(moments, 2, dim=1)
        return mean


# ---------------------------------------------------------------------------------------------------------------
# Generic package writing: trace, check against eager at another batch size and resolution, hash, write model.json.
# ---------------------------------------------------------------------------------------------------------------
def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def trace_and_check(name, module, example, other, out_path, tolerance):
    """Traces `module` on `example`, saves it, reloads it and compares with eager on `other` (another shape)."""
    module.eval()
    with torch.no_grad():
        traced = torch.jit.trace(module, example, check_trace=False)
        traced.save(out_path)
        reloaded = torch.jit.load(out_path, map_location=other[0].device)
        expected = module(*other)
        actual = reloaded(*other)
    if tuple(actual.shape) != tuple(expected.shape):
        raise SystemExit("%s: traced output shape %s differs from eager %s at another input size"
                         % (name, tuple(actual.shape), tuple(expected.shape)))
    error = (actual.float() - expected.float()).abs().max().item()
    print("%-12s traced; at another batch/size max |traced - eager| = %.2e" % (name, error))
    if error > tolerance:
        raise SystemExit("%s: the traced module does not generalise to other sizes (error %.3g)" % (name, error))


def write_package(out, wrappers, tokenizer_json, settings, native, size_multiple, latent_channels, vae_scale,
                  hidden, max_length, pad_id, device, dtype, tolerance):
    """wrappers: dict component -> module. Traces at batch 2 at native size, checks at batch 1 at another size."""
    os.makedirs(out, exist_ok=True)
    lat = native // vae_scale
    other_h, other_w = native - size_multiple, native + size_multiple
    ids2 = torch.full((2, max_length), pad_id, dtype=torch.long, device=device)
    ids1 = torch.full((1, max_length), pad_id, dtype=torch.long, device=device)
    ctx2 = torch.randn(2, max_length, hidden, device=device, dtype=dtype)
    ctx1 = torch.randn(1, max_length, hidden, device=device, dtype=dtype)
    x2 = torch.randn(2, latent_channels, lat, lat, device=device, dtype=dtype)
    x1 = torch.randn(1, latent_channels, other_h // vae_scale, other_w // vae_scale, device=device, dtype=dtype)
    t2 = torch.tensor([999.0, 500.0], device=device, dtype=dtype)
    t1 = torch.tensor([250.0], device=device, dtype=dtype)
    img2 = torch.rand(2, 3, native, native, device=device, dtype=dtype) * 2 - 1
    img1 = torch.rand(1, 3, other_h, other_w, device=device, dtype=dtype) * 2 - 1
    plan = {
        "textEncoder": ("text_encoder.pt", (ids2,), (ids1,)),
        "unet": ("unet.pt", (x2, t2, ctx2), (x1, t1, ctx1)),
        "vaeDecoder": ("vae_decoder.pt", (x2,), (x1,)),
        "vaeEncoder": ("vae_encoder.pt", (img2,), (img1,)),
    }
    components = {}
    for name, (file, example, other) in plan.items():
        trace_and_check(name, wrappers[name], example, other, os.path.join(out, file), tolerance)
        components[name] = {"file": file}
    with open(tokenizer_json, "rb") as src, open(os.path.join(out, "tokenizer.json"), "wb") as dst:
        dst.write(src.read())
    components["tokenizer"] = {"file": "tokenizer.json"}
    for entry in components.values():
        entry["sha256"] = sha256(os.path.join(out, entry["file"]))
    manifest = dict(settings)
    manifest.update({
        "nativeWidth": native, "nativeHeight": native, "sizeMultiple": size_multiple,
        "latentChannels": latent_channels, "vaeScaleFactor": vae_scale,
        "text": {"maxLength": max_length, "hiddenSize": hidden, "padTokenId": pad_id},
        "components": {k: components[k] for k in ["tokenizer", "textEncoder", "unet", "vaeDecoder", "vaeEncoder"]},
    })
    if dtype == torch.float16:
        manifest["dtype"] = "float16"
    with open(os.path.join(out, "model.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print("wrote", os.path.abspath(out))


# ---------------------------------------------------------------------------------------------------------------
# diffusers export
# ---------------------------------------------------------------------------------------------------------------
def export_diffusers(args):
    from diffusers import AutoencoderKL, UNet2DConditionModel
    from transformers import CLIPTextModel, CLIPTokenizerFast

    device = "cuda" if args.fp16 else "cpu"
    if args.fp16 and not torch.cuda.is_available():
        raise SystemExit("--fp16 traces on a CUDA GPU (CPU half convolutions are not supported); none found")
    dtype = torch.float16 if args.fp16 else torch.float32
    src = args.source
    text_encoder = CLIPTextModel.from_pretrained(src, subfolder="text_encoder", torch_dtype=dtype).to(device)
    unet = UNet2DConditionModel.from_pretrained(src, subfolder="unet", torch_dtype=dtype).to(device)
    vae = AutoencoderKL.from_pretrained(src, subfolder="vae", torch_dtype=dtype).to(device)
    tokenizer = CLIPTokenizerFast.from_pretrained(src, subfolder="tokenizer")
    with open(os.path.join(src, "scheduler", "scheduler_config.json")) as f:
        scheduler = json.load(f)

    # Step 1: the tokenizer as one tokenizer.json (diffusers folders ship vocab.json + merges.txt).
    tokenizer_json = os.path.join(args.out, "tokenizer.json.tmp")
    os.makedirs(args.out, exist_ok=True)
    tokenizer.backend_tokenizer.save(tokenizer_json)

    # Step 2: settings from the diffusers configs and the preset.
    lcm_guidance = None
    if getattr(unet.config, "time_cond_proj_dim", None):
        lcm_guidance = args.lcm_guidance
        print("UNet takes a guidance embedding (LCM-distilled): baking in guidance %.1f" % lcm_guidance)
    sampler, steps, guidance = PRESETS[args.preset]
    vae_scale = 2 ** (len(vae.config.block_out_channels) - 1)
    hidden = text_encoder.config.hidden_size
    settings = {
        "formatVersion": 1, "id": args.id, "family": "sd15" if hidden == 768 else "sd21",
        "displayName": args.display_name or args.id,
        "latentScalingFactor": vae.config.scaling_factor,
        "predictionType": scheduler.get("prediction_type", "epsilon"),
        "scheduler": {"trainTimesteps": scheduler["num_train_timesteps"],
                      "betaSchedule": scheduler["beta_schedule"], "betaStart": scheduler["beta_start"],
                      "betaEnd": scheduler["beta_end"], "defaultSampler": sampler, "defaultSteps": steps,
                      "defaultGuidance": guidance},
        "preview": {"latentRgbFactors": SD_PREVIEW, "rgbBias": [0.0, 0.0, 0.0]},
    }
    wrappers = {"textEncoder": TextEncoderWrapper(text_encoder), "unet": UNetWrapper(unet, lcm_guidance),
                "vaeDecoder": VaeDecoderWrapper(vae), "vaeEncoder": VaeEncoderWrapper(vae)}
    # SD UNets downsample 3 times from the latent: sizes must be multiples of 8 latent pixels = 64 image pixels, and
    # tracing at such a size bakes that assumption in.
    write_package(args.out, wrappers, tokenizer_json, settings, native=unet.config.sample_size * vae_scale,
                  size_multiple=8 * vae_scale, latent_channels=unet.config.in_channels, vae_scale=vae_scale,
                  hidden=hidden, max_length=tokenizer.model_max_length, pad_id=tokenizer.pad_token_id,
                  device=device, dtype=dtype, tolerance=args.tolerance)
    os.remove(tokenizer_json)


# ---------------------------------------------------------------------------------------------------------------
# Self-test without diffusers: the repository's tiny random modules through the same tracing and writing code.
# ---------------------------------------------------------------------------------------------------------------
def self_test(out):
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, "tiny_model"))
    import make_tiny_model as tiny
    from tiny_modules import TinyTextEncoder, TinyUNet, TinyVaeDecoder, TinyVaeEncoder

    torch.manual_seed(1)
    projection = torch.linalg.qr(torch.randn(4, 3))[0] * 0.8
    wrappers = {"textEncoder": TinyTextEncoder(len(tiny.VOCABULARY), tiny.MAX_LENGTH, tiny.HIDDEN),
                "unet": TinyUNet(4, 32, tiny.HIDDEN), "vaeDecoder": TinyVaeDecoder(torch.linalg.pinv(projection), 8),
                "vaeEncoder": TinyVaeEncoder(projection, 8)}
    tokenizer_json = os.path.join(out + ".tokenizer.json")
    os.makedirs(os.path.dirname(os.path.abspath(tokenizer_json)), exist_ok=True)
    with open(tokenizer_json, "w") as f:
        json.dump(tiny.word_level_tokenizer(tiny.VOCABULARY), f)
    sampler, steps, guidance = PRESETS["sd15"]
    settings = {"formatVersion": 1, "id": "export-self-test", "family": "atelier-micro",
                "displayName": "export_diffusers.py self-test (tiny random modules)", "latentScalingFactor": 1.0,
                "predictionType": "epsilon",
                "scheduler": {"trainTimesteps": 1000, "betaSchedule": "scaled_linear", "betaStart": 0.00085,
                              "betaEnd": 0.012, "defaultSampler": sampler, "defaultSteps": 8,
                              "defaultGuidance": guidance}}
    write_package(out, wrappers, tokenizer_json, settings, native=64, size_multiple=16, latent_channels=4,
                  vae_scale=8, hidden=tiny.HIDDEN, max_length=tiny.MAX_LENGTH, pad_id=0, device="cpu",
                  dtype=torch.float32, tolerance=1e-4)
    os.remove(tokenizer_json)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", help="diffusers model folder")
    parser.add_argument("out", nargs="?", help="package folder to write, e.g. ~/.atelier/models/<id>")
    parser.add_argument("--id", help="model id (lowercase letters, digits, '.', '_', '-')")
    parser.add_argument("--display-name")
    parser.add_argument("--preset", choices=sorted(PRESETS), default="sd15")
    parser.add_argument("--fp16", action="store_true", help="trace in float16 on CUDA (GPU-only package)")
    parser.add_argument("--lcm-guidance", type=float, default=8.0,
                        help="guidance baked into LCM-distilled UNets that take a guidance embedding")
    parser.add_argument("--tolerance", type=float, default=1e-3, help="max |traced - eager| at another size")
    parser.add_argument("--self-test", metavar="OUT", help="export the tiny random modules to OUT (torch only)")
    args = parser.parse_args()
    if args.self_test:
        self_test(args.self_test)
        return
    if not (args.source and args.out and args.id):
        parser.error("source, out and --id are required")
    export_diffusers(args)


if __name__ == "__main__":
    main()
