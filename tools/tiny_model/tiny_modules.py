"""Small versions of the Stable Diffusion sub-models, shared by make_tiny_model.py and the export checks.

Each module follows the engine's component conventions (docs/models.md): float32 CPU, the tensor order fixed by
contracts.md. The weights are random; the VAE is built near-invertible on purpose (an 8x8 average pool projected
to 4 latent channels, and its pseudo-inverse back) so that "redraw with low strength stays close to the input"
is a property the tests can observe even without training.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyTextEncoder(nn.Module):
    """Token embedding + position embedding + one pre-norm transformer layer + final norm."""

    def __init__(self, vocab_size: int, max_length: int, hidden: int, heads: int = 2):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab_size, hidden)
        self.position_embedding = nn.Parameter(torch.randn(max_length, hidden) * 0.02)
        self.norm1 = nn.LayerNorm(hidden)
        self.attn = nn.MultiheadAttention(hidden, heads, batch_first=True)
        self.norm2 = nn.LayerNorm(hidden)
        self.mlp = nn.Sequential(nn.Linear(hidden, hidden * 2), nn.GELU(), nn.Linear(hidden * 2, hidden))
        self.final_norm = nn.LayerNorm(hidden)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        length = input_ids.shape[1]
        x = self.token_embedding(input_ids) + self.position_embedding[:length].unsqueeze(0)
        h = self.norm1(x)
        attended, _ = self.attn(h, h, h, need_weights=False)
        x = x + attended
        x = x + self.mlp(self.norm2(x))
        return self.final_norm(x)


def timestep_embedding(timestep: torch.Tensor, dim: int) -> torch.Tensor:
    # Sinusoidal embedding as in DDPM / diffusers get_timestep_embedding (flip_sin_to_cos=True).
    half = dim // 2
    exponent = -math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half
    args = timestep.float().unsqueeze(1) * torch.exp(exponent).unsqueeze(0)
    return torch.cat([torch.cos(args), torch.sin(args)], dim=1)


class ResBlock(nn.Module):
    def __init__(self, channels: int, time_dim: int):
        super().__init__()
        self.norm1 = nn.GroupNorm(4, channels)
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.time = nn.Linear(time_dim, channels)
        self.norm2 = nn.GroupNorm(4, channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.time(t).unsqueeze(-1).unsqueeze(-1)
        h = self.conv2(F.silu(self.norm2(h)))
        return x + h


class CrossAttention(nn.Module):
    def __init__(self, channels: int, context_dim: int):
        super().__init__()
        self.norm = nn.GroupNorm(4, channels)
        self.q = nn.Linear(channels, channels, bias=False)
        self.k = nn.Linear(context_dim, channels, bias=False)
        self.v = nn.Linear(context_dim, channels, bias=False)
        self.out = nn.Linear(channels, channels)
        self.scale = channels ** -0.5

    def forward(self, x: torch.Tensor, context: torch.Tensor) -> torch.Tensor:
        b, c, h, w = x.shape
        tokens = self.norm(x).flatten(2).transpose(1, 2)  # [B, hw, C]
        weights = torch.softmax(self.q(tokens) @ self.k(context).transpose(1, 2) * self.scale, dim=-1)
        attended = self.out(weights @ self.v(context))  # [B, hw, C]
        return x + attended.transpose(1, 2).reshape(b, c, h, w)


class TinyUNet(nn.Module):
    """conv_in -> res -> down -> res + cross-attention -> up (+skip) -> conv_out, conditioned on time and text."""

    def __init__(self, latent_channels: int, channels: int, context_dim: int):
        super().__init__()
        self.channels = channels
        self.time_mlp = nn.Sequential(nn.Linear(channels, channels * 2), nn.SiLU(), nn.Linear(channels * 2, channels))
        self.conv_in = nn.Conv2d(latent_channels, channels, 3, padding=1)
        self.res_down = ResBlock(channels, channels)
        self.down = nn.Conv2d(channels, channels, 3, stride=2, padding=1)
        self.res_mid = ResBlock(channels, channels)
        self.attn_mid = CrossAttention(channels, context_dim)
        self.up = nn.Conv2d(channels * 2, channels, 3, padding=1)
        self.norm_out = nn.GroupNorm(4, channels)
        self.conv_out = nn.Conv2d(channels, latent_channels, 3, padding=1)

    def forward(self, sample: torch.Tensor, timestep: torch.Tensor,
                encoder_hidden_states: torch.Tensor) -> torch.Tensor:
        t = self.time_mlp(timestep_embedding(timestep, self.channels))
        skip = self.res_down(self.conv_in(sample), t)
        h = self.res_mid(self.down(skip), t)
        h = self.attn_mid(h, encoder_hidden_states)
        h = F.interpolate(h, size=skip.shape[-2:], mode="nearest")
        h = self.up(torch.cat([h, skip], dim=1))
        return self.conv_out(F.silu(self.norm_out(h)))


class TinyVaeEncoder(nn.Module):
    """image [-1,1] -> latent mean: average pool by the scale factor, fixed projection 3->C, small random detail."""

    def __init__(self, projection: torch.Tensor, scale: int):
        super().__init__()
        self.scale = scale
        self.register_buffer("projection", projection)  # [C, 3]
        self.detail = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.SiLU(), nn.Conv2d(8, projection.shape[0], 1))

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        pooled = F.avg_pool2d(image, self.scale)
        base = torch.einsum("ck,bkhw->bchw", self.projection, pooled)
        return base + 0.05 * F.avg_pool2d(self.detail(image), self.scale)


class TinyVaeDecoder(nn.Module):
    """latent -> image [-1,1]: pseudo-inverse projection C->3, bilinear upsample, small random detail, clamp."""

    def __init__(self, inverse: torch.Tensor, scale: int):
        super().__init__()
        self.scale = scale
        self.register_buffer("inverse", inverse)  # [3, C]
        self.detail = nn.Sequential(nn.Conv2d(inverse.shape[1], 8, 3, padding=1), nn.SiLU(), nn.Conv2d(8, 3, 1))

    def forward(self, latents: torch.Tensor) -> torch.Tensor:
        rgb = torch.einsum("kc,bchw->bkhw", self.inverse, latents) + 0.05 * self.detail(latents)
        rgb = F.interpolate(rgb, scale_factor=float(self.scale), mode="bilinear", align_corners=False)
        return torch.clamp(rgb, -1.0, 1.0)
