"""Reference implementation of the Stable Diffusion 1.x architecture (UNet, CLIP text encoder,
KL autoencoder) in plain torch, written from the published architecture descriptions
(CompVis ldm: openaimodel.UNetModel, attention.SpatialTransformer, diffusionmodules/model.py
Encoder/Decoder; HF transformers CLIPTextModel).

state_dict() of StableDiffusion(...) has EXACTLY the key names of an original single-file
SD-1.x checkpoint (model.diffusion_model.*, cond_stage_model.transformer.text_model.*,
first_stage_model.*, the 12 schedule buffers, model_ema.decay / model_ema.num_updates).

Authoring/reference tool for Atelier's Java loader; python3-torch is never used at run time.
"""
import math
from contextlib import contextmanager

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# ---------------------------------------------------------------------------------------------
# Configurations
# ---------------------------------------------------------------------------------------------

SD15_CONFIG = {
    "unet": dict(in_channels=4, out_channels=4, model_channels=320, channel_mult=(1, 2, 4, 4),
                 num_res_blocks=2, attention_levels=(0, 1, 2), num_heads=8, transformer_depth=1,
                 context_dim=768),
    "clip": dict(vocab_size=49408, max_positions=77, width=768, layers=12, mlp_ratio=4),
    "vae": dict(in_channels=3, out_ch=3, ch=128, ch_mult=(1, 2, 4, 4), num_res_blocks=2,
                z_channels=4, embed_dim=4),
}

TINY_CONFIG = {
    "unet": dict(in_channels=4, out_channels=4, model_channels=32, channel_mult=(1, 2, 2, 2),
                 num_res_blocks=2, attention_levels=(0, 1, 2), num_heads=8, transformer_depth=1,
                 context_dim=64),
    "clip": dict(vocab_size=49408, max_positions=77, width=64, layers=2, mlp_ratio=4),
    "vae": dict(in_channels=3, out_ch=3, ch=32, ch_mult=(1, 1, 2, 2), num_res_blocks=2,
                z_channels=4, embed_dim=4),
}

# Facts about the real v1-5-pruned-emaonly.safetensors (shared/VERIFIED-FACTS.md)
SD15_FACTS = {
    "tensors": 1145,
    "file_bytes_fp32": 4_265_146_304,
    "header_bytes": 156_444,
    "prefixes": {
        "model.diffusion_model.": (686, 859_520_964),
        "cond_stage_model.transformer.text_model.": (196, 123_060_480),  # parameters; +position_ids buffer
        "first_stage_model.": (248, 83_653_863),
    },
}

VAE_SCALE_FACTOR = 0.18215
LINEAR_START, LINEAR_END, NUM_TIMESTEPS = 0.00085, 0.012, 1000

SCHEDULE_BUFFERS = ("betas", "alphas_cumprod", "alphas_cumprod_prev", "sqrt_alphas_cumprod",
                    "sqrt_one_minus_alphas_cumprod", "log_one_minus_alphas_cumprod",
                    "sqrt_recip_alphas_cumprod", "sqrt_recipm1_alphas_cumprod", "posterior_variance",
                    "posterior_log_variance_clipped", "posterior_mean_coef1", "posterior_mean_coef2")

# ---------------------------------------------------------------------------------------------
# Layer factories (so the full model can be built on the meta device without allocating 4 GB)
# ---------------------------------------------------------------------------------------------

_DEVICE = None


@contextmanager
def build_on(device):
    """Build modules on `device` (e.g. 'meta' to only get names/shapes)."""
    global _DEVICE
    old = _DEVICE
    _DEVICE = device
    try:
        yield
    finally:
        _DEVICE = old


def conv(cin, cout, k, stride=1, padding=0, bias=True):
    return nn.Conv2d(cin, cout, k, stride=stride, padding=padding, bias=bias, device=_DEVICE)


def linear(cin, cout, bias=True):
    return nn.Linear(cin, cout, bias=bias, device=_DEVICE)


def group_norm(c, eps):
    return nn.GroupNorm(32, c, eps=eps, affine=True, device=_DEVICE)


def layer_norm(c, eps=1e-5):
    return nn.LayerNorm(c, eps=eps, device=_DEVICE)


def embedding(n, d):
    return nn.Embedding(n, d, device=_DEVICE)


def attention(q, k, v, heads, scale, mask=None):
    """q: [B, N, heads*d], k/v: [B, M, heads*d]; heads split as (h d) (head-major), like
    CompVis rearrange('b n (h d) -> (b h) n d') and HF view(b, n, h, d)."""
    b, n, inner = q.shape
    m = k.shape[1]
    d = inner // heads
    q = q.reshape(b, n, heads, d).transpose(1, 2)
    k = k.reshape(b, m, heads, d).transpose(1, 2)
    v = v.reshape(b, m, heads, d).transpose(1, 2)
    w = torch.matmul(q, k.transpose(-1, -2)) * scale
    if mask is not None:
        w = w + mask
    w = w.softmax(dim=-1)
    out = torch.matmul(w, v)  # b h n d
    return out.transpose(1, 2).reshape(b, n, inner)


# ---------------------------------------------------------------------------------------------
# UNet (CompVis openaimodel.UNetModel, SD-1.x settings)
# ---------------------------------------------------------------------------------------------

def timestep_embedding(timesteps, dim, max_period=10000):
    """CompVis timestep_embedding (repeat_only=False): cat([cos, sin])."""
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(0, half, dtype=torch.float32) / half)
    args = timesteps[:, None].float() * freqs[None]
    emb = torch.cat([torch.cos(args), torch.sin(args)], dim=-1)
    if dim % 2:
        emb = torch.cat([emb, torch.zeros_like(emb[:, :1])], dim=-1)
    return emb


class ResBlock(nn.Module):
    def __init__(self, channels, emb_channels, out_channels):
        super().__init__()
        self.in_layers = nn.Sequential(group_norm(channels, 1e-5), nn.SiLU(),
                                       conv(channels, out_channels, 3, padding=1))
        self.emb_layers = nn.Sequential(nn.SiLU(), linear(emb_channels, out_channels))
        self.out_layers = nn.Sequential(group_norm(out_channels, 1e-5), nn.SiLU(), nn.Dropout(0.0),
                                        conv(out_channels, out_channels, 3, padding=1))
        self.skip_connection = nn.Identity() if out_channels == channels else conv(channels, out_channels, 1)

    def forward(self, x, emb):
        h = self.in_layers(x)
        h = h + self.emb_layers(emb)[:, :, None, None]
        h = self.out_layers(h)
        return self.skip_connection(x) + h


class CrossAttention(nn.Module):
    def __init__(self, query_dim, context_dim, heads, dim_head):
        super().__init__()
        inner = heads * dim_head
        self.heads = heads
        self.scale = dim_head ** -0.5
        self.to_q = linear(query_dim, inner, bias=False)
        self.to_k = linear(context_dim, inner, bias=False)
        self.to_v = linear(context_dim, inner, bias=False)
        self.to_out = nn.Sequential(linear(inner, query_dim), nn.Dropout(0.0))

    def forward(self, x, context=None):
        context = x if context is None else context
        out = attention(self.to_q(x), self.to_k(context), self.to_v(context), self.heads, self.scale)
        return self.to_out(out)


class GEGLU(nn.Module):
    def __init__(self, dim_in, dim_out):
        super().__init__()
        self.proj = linear(dim_in, dim_out * 2)

    def forward(self, x):
        x, gate = self.proj(x).chunk(2, dim=-1)  # first half = value, second half = gate
        return x * F.gelu(gate)  # exact (erf) gelu


class FeedForward(nn.Module):
    def __init__(self, dim, mult=4):
        super().__init__()
        inner = dim * mult
        self.net = nn.Sequential(GEGLU(dim, inner), nn.Dropout(0.0), linear(inner, dim))

    def forward(self, x):
        return self.net(x)


class BasicTransformerBlock(nn.Module):
    def __init__(self, dim, heads, dim_head, context_dim):
        super().__init__()
        self.attn1 = CrossAttention(dim, dim, heads, dim_head)
        self.ff = FeedForward(dim)
        self.attn2 = CrossAttention(dim, context_dim, heads, dim_head)
        self.norm1 = layer_norm(dim)
        self.norm2 = layer_norm(dim)
        self.norm3 = layer_norm(dim)

    def forward(self, x, context):
        x = self.attn1(self.norm1(x)) + x
        x = self.attn2(self.norm2(x), context) + x
        x = self.ff(self.norm3(x)) + x
        return x


class SpatialTransformer(nn.Module):
    def __init__(self, in_channels, heads, dim_head, depth, context_dim):
        super().__init__()
        inner = heads * dim_head
        self.norm = group_norm(in_channels, 1e-6)
        self.proj_in = conv(in_channels, inner, 1)  # 1x1 conv in SD-1.x (linear in SD-2.x)
        self.transformer_blocks = nn.ModuleList(
            [BasicTransformerBlock(inner, heads, dim_head, context_dim) for _ in range(depth)])
        self.proj_out = conv(inner, in_channels, 1)

    def forward(self, x, context):
        b, c, h, w = x.shape
        x_in = x
        x = self.proj_in(self.norm(x))
        x = x.reshape(b, x.shape[1], h * w).transpose(1, 2)  # b (h w) c
        for block in self.transformer_blocks:
            x = block(x, context)
        x = x.transpose(1, 2).reshape(b, -1, h, w)
        return self.proj_out(x) + x_in


class Downsample(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.op = conv(channels, channels, 3, stride=2, padding=1)

    def forward(self, x):
        return self.op(x)


class Upsample(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = conv(channels, channels, 3, padding=1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


class TimestepEmbedSequential(nn.Sequential):
    def forward(self, x, emb, context):
        for layer in self:
            if isinstance(layer, ResBlock):
                x = layer(x, emb)
            elif isinstance(layer, SpatialTransformer):
                x = layer(x, context)
            else:
                x = layer(x)
        return x


class UNetModel(nn.Module):
    def __init__(self, in_channels, out_channels, model_channels, channel_mult, num_res_blocks,
                 attention_levels, num_heads, transformer_depth, context_dim):
        super().__init__()
        self.model_channels = model_channels
        ted = model_channels * 4
        self.time_embed = nn.Sequential(linear(model_channels, ted), nn.SiLU(), linear(ted, ted))

        def st(ch):  # SD-1.x: num_heads fixed, dim_head = ch // num_heads
            return SpatialTransformer(ch, num_heads, ch // num_heads, transformer_depth, context_dim)

        self.input_blocks = nn.ModuleList([TimestepEmbedSequential(conv(in_channels, model_channels, 3, padding=1))])
        chans = [model_channels]
        ch = model_channels
        for level, mult in enumerate(channel_mult):
            for _ in range(num_res_blocks):
                layers = [ResBlock(ch, ted, mult * model_channels)]
                ch = mult * model_channels
                if level in attention_levels:
                    layers.append(st(ch))
                self.input_blocks.append(TimestepEmbedSequential(*layers))
                chans.append(ch)
            if level != len(channel_mult) - 1:
                self.input_blocks.append(TimestepEmbedSequential(Downsample(ch)))
                chans.append(ch)

        self.middle_block = TimestepEmbedSequential(ResBlock(ch, ted, ch), st(ch), ResBlock(ch, ted, ch))

        self.output_blocks = nn.ModuleList([])
        for level, mult in list(enumerate(channel_mult))[::-1]:
            for i in range(num_res_blocks + 1):
                ich = chans.pop()
                layers = [ResBlock(ch + ich, ted, model_channels * mult)]
                ch = model_channels * mult
                if level in attention_levels:
                    layers.append(st(ch))
                if level and i == num_res_blocks:
                    layers.append(Upsample(ch))
                self.output_blocks.append(TimestepEmbedSequential(*layers))

        self.out = nn.Sequential(group_norm(ch, 1e-5), nn.SiLU(), conv(model_channels, out_channels, 3, padding=1))

    def time_embedding(self, timesteps):
        return self.time_embed(timestep_embedding(timesteps, self.model_channels))

    def forward(self, x, timesteps, context):
        emb = self.time_embedding(timesteps)
        hs = []
        h = x
        for module in self.input_blocks:
            h = module(h, emb, context)
            hs.append(h)
        h = self.middle_block(h, emb, context)
        for module in self.output_blocks:
            h = torch.cat([h, hs.pop()], dim=1)
            h = module(h, emb, context)
        return self.out(h)


class DiffusionWrapper(nn.Module):
    def __init__(self, unet_cfg):
        super().__init__()
        self.diffusion_model = UNetModel(**unet_cfg)


# ---------------------------------------------------------------------------------------------
# CLIP text encoder (HF CLIPTextModel; SD-1.x uses ViT-L/14's: width 768, 12 layers, 12 heads)
# ---------------------------------------------------------------------------------------------

class CLIPAttention(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.heads = width // 64
        self.scale = (width // self.heads) ** -0.5
        self.q_proj = linear(width, width)
        self.k_proj = linear(width, width)
        self.v_proj = linear(width, width)
        self.out_proj = linear(width, width)

    def forward(self, x, mask):
        out = attention(self.q_proj(x), self.k_proj(x), self.v_proj(x), self.heads, self.scale, mask)
        return self.out_proj(out)


class CLIPMLP(nn.Module):
    def __init__(self, width, ratio):
        super().__init__()
        self.fc1 = linear(width, width * ratio)
        self.fc2 = linear(width * ratio, width)

    def forward(self, x):
        x = self.fc1(x)
        x = x * torch.sigmoid(1.702 * x)  # quick_gelu
        return self.fc2(x)


class CLIPEncoderLayer(nn.Module):
    def __init__(self, width, ratio):
        super().__init__()
        self.self_attn = CLIPAttention(width)
        self.layer_norm1 = layer_norm(width)
        self.mlp = CLIPMLP(width, ratio)
        self.layer_norm2 = layer_norm(width)

    def forward(self, x, mask):
        x = x + self.self_attn(self.layer_norm1(x), mask)
        x = x + self.mlp(self.layer_norm2(x))
        return x


class CLIPEmbeddings(nn.Module):
    def __init__(self, vocab_size, max_positions, width):
        super().__init__()
        self.token_embedding = embedding(vocab_size, width)
        self.position_embedding = embedding(max_positions, width)
        self.register_buffer("position_ids", torch.arange(max_positions, dtype=torch.int64,
                                                          device=_DEVICE).expand((1, -1)).clone())

    def forward(self, input_ids):
        n = input_ids.shape[1]
        return self.token_embedding(input_ids) + self.position_embedding(self.position_ids[:, :n])


class CLIPEncoder(nn.Module):
    def __init__(self, width, layers, ratio):
        super().__init__()
        self.layers = nn.ModuleList([CLIPEncoderLayer(width, ratio) for _ in range(layers)])


class CLIPTextTransformer(nn.Module):
    def __init__(self, vocab_size, max_positions, width, layers, mlp_ratio):
        super().__init__()
        self.embeddings = CLIPEmbeddings(vocab_size, max_positions, width)
        self.encoder = CLIPEncoder(width, layers, mlp_ratio)
        self.final_layer_norm = layer_norm(width)

    def forward(self, input_ids, return_embeddings=False):
        x = self.embeddings(input_ids)
        emb = x
        n = x.shape[1]
        mask = torch.full((n, n), float("-inf"), dtype=x.dtype).triu(1)  # causal
        for layer in self.encoder.layers:
            x = layer(x, mask)
        x = self.final_layer_norm(x)  # SD-1.x conditioning = last_hidden_state
        return (x, emb) if return_embeddings else x


class CLIPTextModel(nn.Module):
    def __init__(self, clip_cfg):
        super().__init__()
        self.text_model = CLIPTextTransformer(**clip_cfg)


class FrozenCLIPEmbedder(nn.Module):
    def __init__(self, clip_cfg):
        super().__init__()
        self.transformer = CLIPTextModel(clip_cfg)


# ---------------------------------------------------------------------------------------------
# KL autoencoder (CompVis diffusionmodules/model.py Encoder/Decoder, AutoencoderKL)
# ---------------------------------------------------------------------------------------------

def vae_norm(c):
    return group_norm(c, 1e-6)


class ResnetBlock(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.norm1 = vae_norm(in_channels)
        self.conv1 = conv(in_channels, out_channels, 3, padding=1)
        self.norm2 = vae_norm(out_channels)
        self.dropout = nn.Dropout(0.0)
        self.conv2 = conv(out_channels, out_channels, 3, padding=1)
        if in_channels != out_channels:
            self.nin_shortcut = conv(in_channels, out_channels, 1)
        else:
            self.nin_shortcut = None

    def forward(self, x):
        h = self.conv1(F.silu(self.norm1(x)))
        h = self.conv2(self.dropout(F.silu(self.norm2(h))))
        if self.nin_shortcut is not None:
            x = self.nin_shortcut(x)
        return x + h


class AttnBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.norm = vae_norm(c)
        self.q = conv(c, c, 1)
        self.k = conv(c, c, 1)
        self.v = conv(c, c, 1)
        self.proj_out = conv(c, c, 1)

    def forward(self, x):
        b, c, h, w = x.shape
        y = self.norm(x)
        q = self.q(y).reshape(b, c, h * w).transpose(1, 2)  # b hw c
        k = self.k(y).reshape(b, c, h * w).transpose(1, 2)
        v = self.v(y).reshape(b, c, h * w).transpose(1, 2)
        out = attention(q, k, v, 1, c ** -0.5)  # single head
        out = out.transpose(1, 2).reshape(b, c, h, w)
        return x + self.proj_out(out)


class VAEDownsample(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = conv(c, c, 3, stride=2, padding=0)

    def forward(self, x):
        return self.conv(F.pad(x, (0, 1, 0, 1), mode="constant", value=0.0))


class VAEUpsample(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = conv(c, c, 3, padding=1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


class Mid(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.block_1 = ResnetBlock(c, c)
        self.attn_1 = AttnBlock(c)
        self.block_2 = ResnetBlock(c, c)

    def forward(self, x):
        return self.block_2(self.attn_1(self.block_1(x)))


class Level(nn.Module):
    """One encoder.down.N / decoder.up.N entry: `block` (+ empty `attn`), downsample/upsample."""

    def __init__(self):
        super().__init__()
        self.block = nn.ModuleList()
        self.attn = nn.ModuleList()  # empty in SD (attn_resolutions = [])


class Encoder(nn.Module):
    def __init__(self, in_channels, ch, ch_mult, num_res_blocks, z_channels):
        super().__init__()
        self.conv_in = conv(in_channels, ch, 3, padding=1)
        in_mult = (1,) + tuple(ch_mult)
        self.down = nn.ModuleList()
        block_in = ch
        for i, mult in enumerate(ch_mult):
            lvl = Level()
            block_in = ch * in_mult[i]
            block_out = ch * mult
            for _ in range(num_res_blocks):
                lvl.block.append(ResnetBlock(block_in, block_out))
                block_in = block_out
            if i != len(ch_mult) - 1:
                lvl.downsample = VAEDownsample(block_in)
            self.down.append(lvl)
        self.mid = Mid(block_in)
        self.norm_out = vae_norm(block_in)
        self.conv_out = conv(block_in, 2 * z_channels, 3, padding=1)

    def forward(self, x):
        h = self.conv_in(x)
        for lvl in self.down:
            for blk in lvl.block:
                h = blk(h)
            if hasattr(lvl, "downsample"):
                h = lvl.downsample(h)
        h = self.mid(h)
        return self.conv_out(F.silu(self.norm_out(h)))


class Decoder(nn.Module):
    def __init__(self, out_ch, ch, ch_mult, num_res_blocks, z_channels):
        super().__init__()
        block_in = ch * ch_mult[-1]
        self.conv_in = conv(z_channels, block_in, 3, padding=1)
        self.mid = Mid(block_in)
        levels = []
        for i in reversed(range(len(ch_mult))):
            lvl = Level()
            block_out = ch * ch_mult[i]
            for _ in range(num_res_blocks + 1):
                lvl.block.append(ResnetBlock(block_in, block_out))
                block_in = block_out
            if i != 0:
                lvl.upsample = VAEUpsample(block_in)
            levels.insert(0, lvl)
        self.up = nn.ModuleList(levels)  # up[N]: highest N applied first
        self.norm_out = vae_norm(block_in)
        self.conv_out = conv(block_in, out_ch, 3, padding=1)

    def forward(self, z):
        h = self.mid(self.conv_in(z))
        for i in reversed(range(len(self.up))):
            lvl = self.up[i]
            for blk in lvl.block:
                h = blk(h)
            if hasattr(lvl, "upsample"):
                h = lvl.upsample(h)
        return self.conv_out(F.silu(self.norm_out(h)))


class AutoencoderKL(nn.Module):
    def __init__(self, in_channels, out_ch, ch, ch_mult, num_res_blocks, z_channels, embed_dim):
        super().__init__()
        self.encoder = Encoder(in_channels, ch, ch_mult, num_res_blocks, z_channels)
        self.decoder = Decoder(out_ch, ch, ch_mult, num_res_blocks, z_channels)
        self.quant_conv = conv(2 * z_channels, 2 * embed_dim, 1)
        self.post_quant_conv = conv(embed_dim, z_channels, 1)

    def encode_moments(self, x):
        """Returns (mean, logvar) of the diagonal Gaussian posterior (no scaling)."""
        moments = self.quant_conv(self.encoder(x))
        mean, logvar = torch.chunk(moments, 2, dim=1)
        return mean, logvar

    def decode(self, z):
        """z: raw latent (already divided by the 0.18215 scale factor)."""
        return self.decoder(self.post_quant_conv(z))


# ---------------------------------------------------------------------------------------------
# Whole checkpoint
# ---------------------------------------------------------------------------------------------

def make_schedule(linear_start=LINEAR_START, linear_end=LINEAR_END, n=NUM_TIMESTEPS):
    """The 12 buffers of CompVis DDPM.register_schedule ('linear' = scaled linear), float64 -> float32."""
    betas = np.linspace(linear_start ** 0.5, linear_end ** 0.5, n, dtype=np.float64) ** 2
    alphas = 1.0 - betas
    ac = np.cumprod(alphas, axis=0)
    ac_prev = np.append(1.0, ac[:-1])
    post_var = betas * (1.0 - ac_prev) / (1.0 - ac)  # v_posterior = 0
    s = {
        "betas": betas,
        "alphas_cumprod": ac,
        "alphas_cumprod_prev": ac_prev,
        "sqrt_alphas_cumprod": np.sqrt(ac),
        "sqrt_one_minus_alphas_cumprod": np.sqrt(1.0 - ac),
        "log_one_minus_alphas_cumprod": np.log(1.0 - ac),
        "sqrt_recip_alphas_cumprod": np.sqrt(1.0 / ac),
        "sqrt_recipm1_alphas_cumprod": np.sqrt(1.0 / ac - 1),
        "posterior_variance": post_var,
        "posterior_log_variance_clipped": np.log(np.maximum(post_var, 1e-20)),
        "posterior_mean_coef1": betas * np.sqrt(ac_prev) / (1.0 - ac),
        "posterior_mean_coef2": (1.0 - ac_prev) * np.sqrt(alphas) / (1.0 - ac),
    }
    return {k: torch.tensor(s[k], dtype=torch.float32) for k in SCHEDULE_BUFFERS}


class LitEmaBuffers(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("decay", torch.tensor(0.9999, dtype=torch.float32, device=_DEVICE))
        # CompVis LitEma registers num_updates as torch.int; VERIFIED-FACTS says every tensor of the
        # real file except position_ids is F32, so float32 here (both are 4 bytes).
        self.register_buffer("num_updates", torch.tensor(0.0, dtype=torch.float32, device=_DEVICE))


class StableDiffusion(nn.Module):
    def __init__(self, config=SD15_CONFIG):
        super().__init__()
        self.config = config
        self.model = DiffusionWrapper(config["unet"])
        self.cond_stage_model = FrozenCLIPEmbedder(config["clip"])
        self.first_stage_model = AutoencoderKL(**config["vae"])
        for k, v in make_schedule().items():
            self.register_buffer(k, v.to(_DEVICE) if _DEVICE is not None else v)
        self.model_ema = LitEmaBuffers()

    @property
    def unet(self):
        return self.model.diffusion_model

    @property
    def text_model(self):
        return self.cond_stage_model.transformer.text_model

    @property
    def vae(self):
        return self.first_stage_model


def build(config=SD15_CONFIG, device=None):
    with build_on(device):
        return StableDiffusion(config)


def checkpoint_layout(config=SD15_CONFIG):
    """[(name, torch dtype, shape)] of every tensor of the checkpoint, built on the meta device."""
    m = build(config, device="meta")
    return [(k, v.dtype, tuple(v.shape)) for k, v in m.state_dict().items()]


def layout_summary(layout):
    """Counts per prefix: tensors/params excluding the position_ids buffer (as VERIFIED-FACTS counts them)."""
    out = {}
    for prefix in SD15_FACTS["prefixes"]:
        ts = [(n, s) for n, _, s in layout if n.startswith(prefix) and not n.endswith("position_ids")]
        out[prefix] = (len(ts), sum(int(np.prod(s)) for _, s in ts))
    return out


if __name__ == "__main__":
    lay = checkpoint_layout()
    print("tensors:", len(lay))
    for p, (n, c) in layout_summary(lay).items():
        print(f"  {p:45s} {n:5d} tensors {c:,d} params (expected {SD15_FACTS['prefixes'][p]})")
