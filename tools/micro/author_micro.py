#!/usr/bin/python3
"""Authors the atelier-micro architecture and saves it UNTRAINED as TorchScript.

Run with Debian's python3-torch 1.13:  /usr/bin/python3 tools/micro/author_micro.py OUT_DIR
Training happens in Java (io.atelier.micro.train); this script only fixes the architecture
and the initial weights (seeded, so the files are reproducible).

Components (contracts.md conventions, float32, CPU):
  text_encoder(input_ids int64 [B,16])                       -> [B,16,64]
  unet(sample [B,4,16,16], timestep float [B], text [B,16,64]) -> [B,4,16,16]
  vae_encoder(image [B,3,128,128] in [-1,1])                  -> latent mean [B,4,16,16] (unscaled)
  vae_decoder(latents [B,4,16,16] unscaled)                   -> image [B,3,128,128] in [-1,1]

The UNet's attention projections are named like diffusers (attn1/attn2 . to_q/to_k/to_v/to_out.0)
and each carries a LoRA slot (lora_down random, lora_up zero, lora_scale parameter), so brand
adapters (issue 5) train from Java without touching the architecture. With lora_up = 0 the slot
changes nothing.
"""
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB_ROWS = 128      # canonical vocabulary (76 tokens) plus room for growth
MAX_LENGTH = 16
HIDDEN = 64
LATENT_CHANNELS = 4
LORA_RANK = 8


# ---------------------------------------------------------------- LoRA-ready linear
class LoRALinear(nn.Module):
    """nn.Linear whose weight/bias keep the plain names, plus a low-rank slot.

    y = x W^T + b + lora_scale * lora_up(lora_down(x)). lora_up starts at zero (so the slot is
    inert), lora_down random (so gradients reach lora_up). lora_scale is a parameter so Java can
    set the adapter weight in place; trainers must keep it frozen.
    """

    def __init__(self, in_features: int, out_features: int, bias: bool = True, rank: int = LORA_RANK):
        super().__init__()
        base = nn.Linear(in_features, out_features, bias=bias)
        self.weight = base.weight
        self.bias = base.bias
        self.lora_down = nn.Linear(in_features, rank, bias=False)
        self.lora_up = nn.Linear(rank, out_features, bias=False)
        nn.init.normal_(self.lora_down.weight, std=1.0 / rank)
        nn.init.zeros_(self.lora_up.weight)
        self.lora_scale = nn.Parameter(torch.ones(1), requires_grad=False)

    def forward(self, x):
        return F.linear(x, self.weight, self.bias) + self.lora_up(self.lora_down(x)) * self.lora_scale


class Attention(nn.Module):
    """Multi-head attention with diffusers' projection names."""

    def __init__(self, query_dim: int, context_dim: int, heads: int):
        super().__init__()
        self.heads = heads
        self.to_q = LoRALinear(query_dim, query_dim, bias=False)
        self.to_k = LoRALinear(context_dim, query_dim, bias=False)
        self.to_v = LoRALinear(context_dim, query_dim, bias=False)
        self.to_out = nn.ModuleList([LoRALinear(query_dim, query_dim)])

    def forward(self, x, context):
        b, n, c = x.shape
        m = context.shape[1]
        h = self.heads
        q = self.to_q(x).reshape(b, n, h, c // h).transpose(1, 2)
        k = self.to_k(context).reshape(b, m, h, c // h).transpose(1, 2)
        v = self.to_v(context).reshape(b, m, h, c // h).transpose(1, 2)
        w = torch.softmax(torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(c // h)), dim=-1)
        out = torch.matmul(w, v).transpose(1, 2).reshape(b, n, c)
        for proj in self.to_out:
            out = proj(out)
        return out


class FeedForward(nn.Module):
    def __init__(self, dim: int, mult: int = 2):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim * mult)
        self.fc2 = nn.Linear(dim * mult, dim)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class TransformerBlock(nn.Module):
    """Self-attention (attn1), cross-attention to the text (attn2), feed-forward (ff)."""

    def __init__(self, dim: int, context_dim: int, heads: int):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn1 = Attention(dim, dim, heads)
        self.norm2 = nn.LayerNorm(dim)
        self.attn2 = Attention(dim, context_dim, heads)
        self.norm3 = nn.LayerNorm(dim)
        self.ff = FeedForward(dim)

    def forward(self, x, context):
        n = self.norm1(x)
        x = x + self.attn1(n, n)
        x = x + self.attn2(self.norm2(x), context)
        x = x + self.ff(self.norm3(x))
        return x


class CrossTransformerBlock(nn.Module):
    """Cross-attention to the text (attn2) and feed-forward (ff) only: at 16x16 (256 tokens)
    self-attention costs more than it brings for flats, whose layout the convolutions handle."""

    def __init__(self, dim: int, context_dim: int, heads: int):
        super().__init__()
        self.norm2 = nn.LayerNorm(dim)
        self.attn2 = Attention(dim, context_dim, heads)
        self.norm3 = nn.LayerNorm(dim)
        self.ff = FeedForward(dim)

    def forward(self, x, context):
        x = x + self.attn2(self.norm2(x), context)
        x = x + self.ff(self.norm3(x))
        return x


class SpatialTransformer(nn.Module):
    def __init__(self, channels: int, context_dim: int, self_attention: bool, heads: int = 4):
        super().__init__()
        self.norm = nn.GroupNorm(16, channels)
        self.proj_in = nn.Linear(channels, channels)
        block = TransformerBlock if self_attention else CrossTransformerBlock
        self.transformer_blocks = nn.ModuleList([block(channels, context_dim, heads)])
        self.proj_out = nn.Linear(channels, channels)

    def forward(self, x, context):
        b, c, h, w = x.shape
        residual = x
        t = self.norm(x).reshape(b, c, h * w).transpose(1, 2)
        t = self.proj_in(t)
        for block in self.transformer_blocks:
            t = block(t, context)
        t = self.proj_out(t)
        return t.transpose(1, 2).reshape(b, c, h, w) + residual


class ResnetBlock(nn.Module):
    def __init__(self, in_ch: int, out_ch: int, temb_dim: int):
        super().__init__()
        self.norm1 = nn.GroupNorm(16, in_ch)
        self.conv1 = nn.Conv2d(in_ch, out_ch, 3, padding=1)
        self.time_emb_proj = nn.Linear(temb_dim, out_ch)
        self.norm2 = nn.GroupNorm(16, out_ch)
        self.conv2 = nn.Conv2d(out_ch, out_ch, 3, padding=1)
        self.conv_shortcut = nn.Conv2d(in_ch, out_ch, 1) if in_ch != out_ch else nn.Identity()

    def forward(self, x, temb):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.time_emb_proj(F.silu(temb))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return self.conv_shortcut(x) + h


class DownBlock(nn.Module):
    def __init__(self, in_ch: int, out_ch: int, temb_dim: int, downsample: bool, self_attention: bool):
        super().__init__()
        self.resnets = nn.ModuleList([ResnetBlock(in_ch, out_ch, temb_dim)])
        self.attentions = nn.ModuleList([SpatialTransformer(out_ch, HIDDEN, self_attention)])
        self.downsamplers = nn.ModuleList([nn.Conv2d(out_ch, out_ch, 3, stride=2, padding=1)] if downsample else [])

    def forward(self, x, temb, context):
        for res, attn in zip(self.resnets, self.attentions):
            x = attn(res(x, temb), context)
        skip = x
        for down in self.downsamplers:
            x = down(x)
        return x, skip


class UpBlock(nn.Module):
    def __init__(self, in_ch: int, skip_ch: int, out_ch: int, temb_dim: int, upsample_to: int, self_attention: bool):
        super().__init__()
        self.resnets = nn.ModuleList([ResnetBlock(in_ch + skip_ch, out_ch, temb_dim)])
        self.attentions = nn.ModuleList([SpatialTransformer(out_ch, HIDDEN, self_attention)])
        # The upsampler also narrows to the next level's width, so the 16x16 level stays at 64 channels.
        self.upsamplers = nn.ModuleList([nn.Conv2d(out_ch, upsample_to, 3, padding=1)] if upsample_to > 0 else [])

    def forward(self, x, skip, temb, context):
        x = torch.cat([x, skip], dim=1)
        for res, attn in zip(self.resnets, self.attentions):
            x = attn(res(x, temb), context)
        for up in self.upsamplers:
            x = up(F.interpolate(x, scale_factor=2.0, mode="nearest"))
        return x


class MicroUNet(nn.Module):
    """~2.3 M parameters on 4x16x16 latents: 16x16 (64 ch, cross-attention) and 8x8 (128 ch,
    self- and cross-attention).

    Besides cross-attention, the mean of the text states is added to the time embedding
    (like SDXL's pooled text embedding) so that global attributes such as colour reach every
    ResBlock cheaply.
    """

    def __init__(self):
        super().__init__()
        c0, c1, temb = 64, 128, 256
        self.time_embedding = nn.ModuleDict({"linear_1": nn.Linear(c0, temb), "linear_2": nn.Linear(temb, temb)})
        self.add_embedding = nn.ModuleDict({"linear_1": nn.Linear(HIDDEN, temb), "linear_2": nn.Linear(temb, temb)})
        self.conv_in = nn.Conv2d(LATENT_CHANNELS, c0, 3, padding=1)
        self.down_blocks = nn.ModuleList([DownBlock(c0, c0, temb, True, False), DownBlock(c0, c1, temb, False, True)])
        self.mid_block = nn.ModuleDict({
            "resnets": nn.ModuleList([ResnetBlock(c1, c1, temb)]),
            "attentions": nn.ModuleList([SpatialTransformer(c1, HIDDEN, True)]),
        })
        self.up_blocks = nn.ModuleList([UpBlock(c1, c1, c1, temb, c0, True), UpBlock(c0, c0, c0, temb, 0, False)])
        self.conv_norm_out = nn.GroupNorm(16, c0)
        self.conv_out = nn.Conv2d(c0, LATENT_CHANNELS, 3, padding=1)
        self.time_channels = c0

    def timestep_embedding(self, timestep):
        half = self.time_channels // 2
        freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=timestep.device) / half)
        args = timestep.float()[:, None] * freqs[None, :]
        return torch.cat([torch.cos(args), torch.sin(args)], dim=1)

    def forward(self, sample, timestep, encoder_hidden_states):
        t = self.timestep_embedding(timestep)
        temb = self.time_embedding["linear_2"](F.silu(self.time_embedding["linear_1"](t)))
        pooled = encoder_hidden_states.mean(dim=1)
        temb = temb + self.add_embedding["linear_2"](F.silu(self.add_embedding["linear_1"](pooled)))

        x = self.conv_in(sample)
        skips = []
        for block in self.down_blocks:
            x, skip = block(x, temb, encoder_hidden_states)
            skips.append(skip)
        mid_resnets = self.mid_block["resnets"]
        mid_attn = self.mid_block["attentions"]
        x = mid_resnets[0](x, temb)
        x = mid_attn[0](x, encoder_hidden_states)
        i = len(skips) - 1
        for block in self.up_blocks:
            x = block(x, skips[i], temb, encoder_hidden_states)
            i -= 1
        return self.conv_out(F.silu(self.conv_norm_out(x)))


# ---------------------------------------------------------------- text encoder
class TextLayer(nn.Module):
    def __init__(self, dim: int, heads: int = 4):
        super().__init__()
        self.layer_norm1 = nn.LayerNorm(dim)
        self.self_attn = Attention(dim, dim, heads)
        self.layer_norm2 = nn.LayerNorm(dim)
        self.mlp = FeedForward(dim)

    def forward(self, x):
        n = self.layer_norm1(x)
        x = x + self.self_attn(n, n)
        return x + self.mlp(self.layer_norm2(x))


class MicroTextEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.token_embedding = nn.Embedding(VOCAB_ROWS, HIDDEN)
        self.position_embedding = nn.Parameter(torch.randn(MAX_LENGTH, HIDDEN) * 0.02)
        self.layers = nn.ModuleList([TextLayer(HIDDEN), TextLayer(HIDDEN)])
        self.final_layer_norm = nn.LayerNorm(HIDDEN)
        nn.init.normal_(self.token_embedding.weight, std=0.02)

    def forward(self, input_ids):
        x = self.token_embedding(input_ids) + self.position_embedding[: input_ids.shape[1]][None]
        for layer in self.layers:
            x = layer(x)
        return self.final_layer_norm(x)


# ---------------------------------------------------------------- autoencoder
class VaeResBlock(nn.Module):
    def __init__(self, ch: int):
        super().__init__()
        self.conv1 = nn.Conv2d(ch, ch, 3, padding=1)
        self.conv2 = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x):
        return x + self.conv2(F.silu(self.conv1(F.silu(x))))


class MicroVaeEncoder(nn.Module):
    """128x128x3 -> 16x16x4 (three stride-2 stages). Returns the latent mean, unscaled."""

    def __init__(self):
        super().__init__()
        self.conv_in = nn.Conv2d(3, 32, 3, padding=1)
        self.down = nn.ModuleList([
            nn.Conv2d(32, 48, 4, stride=2, padding=1),
            nn.Conv2d(48, 96, 4, stride=2, padding=1),
            nn.Conv2d(96, 128, 4, stride=2, padding=1),
        ])
        self.mid = nn.ModuleList([VaeResBlock(48), VaeResBlock(96), VaeResBlock(128)])
        self.conv_out = nn.Conv2d(128, LATENT_CHANNELS, 1)

    def forward(self, image):
        x = F.silu(self.conv_in(image))
        for down, res in zip(self.down, self.mid):
            x = res(F.silu(down(x)))
        return self.conv_out(F.silu(x))


class MicroVaeDecoder(nn.Module):
    """16x16x4 -> 128x128x3 in [-1, 1]. Clamps only in eval mode (so training keeps gradients)."""

    def __init__(self):
        super().__init__()
        self.conv_in = nn.Conv2d(LATENT_CHANNELS, 128, 3, padding=1)
        self.mid = VaeResBlock(128)
        self.up = nn.ModuleList([
            nn.Conv2d(128, 96, 3, padding=1),
            nn.Conv2d(96, 64, 3, padding=1),
            nn.Conv2d(64, 32, 3, padding=1),
        ])
        self.refine = nn.ModuleList([
            nn.Conv2d(96, 96, 3, padding=1),
            nn.Conv2d(64, 64, 3, padding=1),
            nn.Conv2d(32, 32, 3, padding=1),
        ])
        self.conv_out = nn.Conv2d(32, 3, 3, padding=1)

    def forward(self, latents):
        x = self.mid(self.conv_in(latents))
        for up, refine in zip(self.up, self.refine):
            x = F.silu(up(F.interpolate(x, scale_factor=2.0, mode="nearest")))
            x = x + refine(F.silu(x))
        x = self.conv_out(F.silu(x))
        if self.training:
            return x
        return torch.clamp(x, -1.0, 1.0)


def count(module):
    return sum(p.numel() for p in module.parameters())


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "work-runs/micro/init"
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(20261122)
    parts = {
        "text_encoder.pt": MicroTextEncoder(),
        "unet.pt": MicroUNet(),
        "vae_encoder.pt": MicroVaeEncoder(),
        "vae_decoder.pt": MicroVaeDecoder(),
    }
    for name, module in parts.items():
        module.eval()
        scripted = torch.jit.script(module)
        scripted.save(os.path.join(out, name))
        print(f"{name}: {count(module):,} parameters")

    # Step: smoke-check the shapes the contract promises.
    with torch.no_grad():
        ids = torch.zeros(2, MAX_LENGTH, dtype=torch.long)
        text = parts["text_encoder.pt"](ids)
        lat = parts["vae_encoder.pt"](torch.zeros(2, 3, 128, 128))
        eps = parts["unet.pt"](lat, torch.tensor([10.0, 500.0]), text)
        img = parts["vae_decoder.pt"](lat)
        print("text", tuple(text.shape), "latent", tuple(lat.shape), "unet", tuple(eps.shape), "image", tuple(img.shape))


if __name__ == "__main__":
    main()
