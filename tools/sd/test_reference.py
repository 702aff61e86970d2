"""Self-checks of the SD-1.5 reference tooling (not wired into CI: CI does not install torch).

Run:  python3 -m pytest tools/sd/test_reference.py      (Debian python3-pytest + python3-torch)
  or: python3 tools/sd/test_reference.py                  (no pytest needed)
"""
import json
import math
import os
import sys
import tempfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_tiny_sd15 as MT  # noqa: E402
import reference_fixtures as RF  # noqa: E402
import sd15_reference as R  # noqa: E402
import st_io  # noqa: E402

RES = os.path.join(HERE, "..", "..", "engine/src/test/resources/io/atelier/engine/sd")
TINY = os.path.join(RES, "tiny-sd15.safetensors")
FIXTURES = os.path.join(RES, "tiny-sd15-fixtures.safetensors")
POS_IDS = "cond_stage_model.transformer.text_model.embeddings.position_ids"

_cache = {}


def full_layout():
    if "full" not in _cache:
        _cache["full"] = R.checkpoint_layout(R.SD15_CONFIG)
    return _cache["full"]


def tiny_model():
    if "tiny" not in _cache:
        _cache["tiny"] = RF.load_model(TINY)
    return _cache["tiny"]


# ---------------------------------------------------------------- full-size layout

def test_full_tensor_count_and_dtypes():
    lay = full_layout()
    assert len(lay) == R.SD15_FACTS["tensors"] == 1145
    names = [n for n, _, _ in lay]
    assert len(set(names)) == len(names)
    for n, dt, shape in lay:
        if n == POS_IDS:
            assert dt == torch.int64 and shape == (1, 77)
        else:
            assert dt == torch.float32, n
    for b in R.SCHEDULE_BUFFERS:
        assert (b, torch.float32, (1000,)) in lay
    assert ("model_ema.decay", torch.float32, ()) in lay
    assert ("model_ema.num_updates", torch.float32, ()) in lay


def test_full_counts_per_prefix():
    summary = R.layout_summary(full_layout())
    assert summary == {
        "model.diffusion_model.": (686, 859_520_964),
        "cond_stage_model.transformer.text_model.": (196, 123_060_480),
        "first_stage_model.": (248, 83_653_863),
    }


def test_full_file_size_matches_real_file():
    """Name order + {"format":"pt"} + unpadded header reproduces the real file's header and total size."""
    code = {torch.float32: "F32", torch.int64: "I64"}
    entries = sorted((n, code[d], s) for n, d, s in full_layout())
    raw, offsets = st_io.build_header(entries, {"format": "pt"}, pad=False)
    assert len(raw) == R.SD15_FACTS["header_bytes"] == 156_444
    assert 8 + len(raw) + offsets[-1][1] == R.SD15_FACTS["file_bytes_fp32"] == 4_265_146_304


def test_some_well_known_shapes():
    lay = {n: s for n, _, s in full_layout()}
    u = "model.diffusion_model."
    assert lay[u + "input_blocks.0.0.weight"] == (320, 4, 3, 3)
    assert lay[u + "time_embed.0.weight"] == (1280, 320)
    assert lay[u + "input_blocks.1.1.proj_in.weight"] == (320, 320, 1, 1)
    assert lay[u + "input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight"] == (320, 768)
    assert lay[u + "input_blocks.1.1.transformer_blocks.0.ff.net.0.proj.weight"] == (2560, 320)
    assert lay[u + "input_blocks.3.0.op.weight"] == (320, 320, 3, 3)
    assert lay[u + "input_blocks.4.0.skip_connection.weight"] == (640, 320, 1, 1)
    assert lay[u + "middle_block.1.proj_out.weight"] == (1280, 1280, 1, 1)
    assert lay[u + "output_blocks.2.1.conv.weight"] == (1280, 1280, 3, 3)
    assert lay[u + "output_blocks.5.2.conv.weight"] == (1280, 1280, 3, 3)
    assert lay[u + "output_blocks.11.0.skip_connection.weight"] == (320, 640, 1, 1)
    assert lay[u + "out.2.weight"] == (4, 320, 3, 3)
    assert u + "input_blocks.7.1.norm.weight" in lay and u + "input_blocks.10.1.norm.weight" not in lay
    v = "first_stage_model."
    assert lay[v + "encoder.conv_out.weight"] == (8, 512, 3, 3)
    assert lay[v + "encoder.down.1.block.0.nin_shortcut.weight"] == (256, 128, 1, 1)
    assert lay[v + "decoder.up.3.block.0.conv1.weight"] == (512, 512, 3, 3)
    assert lay[v + "decoder.up.1.block.0.nin_shortcut.weight"] == (256, 512, 1, 1)
    assert lay[v + "decoder.up.3.upsample.conv.weight"] == (512, 512, 3, 3)
    assert v + "decoder.up.0.upsample.conv.weight" not in lay
    assert lay[v + "decoder.mid.attn_1.q.weight"] == (512, 512, 1, 1)
    assert lay[v + "quant_conv.weight"] == (8, 8, 1, 1)
    t = "cond_stage_model.transformer.text_model."
    assert lay[t + "embeddings.token_embedding.weight"] == (49408, 768)
    assert lay[t + "encoder.layers.11.mlp.fc1.weight"] == (3072, 768)


# ---------------------------------------------------------------- tiny checkpoint

def test_tiny_round_trips_through_reader():
    sd, meta = st_io.load(TINY)
    assert meta["format"] == "pt"
    expected = MT.tiny_state_dict_fp16()
    assert set(sd) == set(expected)
    for k, v in expected.items():
        a = sd[k]
        assert tuple(a.shape) == tuple(v.shape), k
        if k == POS_IDS:
            assert a.dtype == np.int64 and (a == np.arange(77)).all()
        else:
            assert a.dtype == np.float16, k
            assert np.array_equal(a.view(np.uint16), v.numpy().view(np.uint16)), k
            if k not in R.SCHEDULE_BUFFERS and not k.startswith("model_ema."):
                # nothing is zero-initialised (a handful of values round to 0 in fp16 by chance)
                assert np.mean(a == 0) < 1e-3, f"{k} has zeros"


def test_tiny_layout_is_a_subset_of_the_real_one():
    full = {n for n, _, _ in full_layout()}
    tiny = {n for n, _, _ in R.checkpoint_layout(R.TINY_CONFIG)}
    assert tiny <= full
    missing = sorted(full - tiny)
    # only CLIP layers 2..11, the two VAE 1x1 shortcuts that ch_mult (1,1,2,2) does not need and the
    # UNet skip_connection of input_blocks.7 (SD-1.5 goes 640 -> 1280 there, the tiny one 64 -> 64)
    rest = [n for n in missing if ".encoder.layers." not in n]
    assert rest == ["first_stage_model.decoder.up.0.block.0.nin_shortcut.bias",
                    "first_stage_model.decoder.up.0.block.0.nin_shortcut.weight",
                    "first_stage_model.encoder.down.1.block.0.nin_shortcut.bias",
                    "first_stage_model.encoder.down.1.block.0.nin_shortcut.weight",
                    "model.diffusion_model.input_blocks.7.0.skip_connection.bias",
                    "model.diffusion_model.input_blocks.7.0.skip_connection.weight"]
    assert all(int(n.split(".encoder.layers.")[1].split(".")[0]) >= 2 for n in missing if n not in rest)


def test_tiny_file_is_unpadded_like_the_real_file():
    _, _, data_start = st_io.read_header(TINY)
    with open(TINY, "rb") as f:
        f.seek(data_start - 1)
        assert f.read(1) == b"}"


# ---------------------------------------------------------------- safetensors io

def test_st_io_round_trip_all_dtypes():
    rng = np.random.default_rng(0)
    f32 = rng.standard_normal((3, 5)).astype(np.float32)
    tensors = {
        "f32": f32, "f16": f32.astype(np.float16), "f64": f32.astype(np.float64),
        "i64": np.arange(7, dtype=np.int64), "i32": np.array(3, dtype=np.int32),
        "scalar": np.array(0.5, dtype=np.float32), "u8": np.arange(3, dtype=np.uint8),
        "bf16": ("BF16", st_io.f32_to_bf16_bits(f32)), "torch": torch.arange(4, dtype=torch.float32),
    }
    for pad in (True, False):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "x.safetensors")
            st_io.save(p, tensors, metadata={"k": "v"}, pad=pad)
            out, meta = st_io.load(p)
            _, _, start = st_io.read_header(p)
            assert (start % 8 == 0) == pad or start % 8 == 0
            assert meta == {"k": "v"}
            assert out["scalar"].shape == () and out["i32"].shape == ()
            assert np.array_equal(out["f32"], f32) and out["f16"].dtype == np.float16
            assert np.allclose(out["bf16"], f32, rtol=1 / 128, atol=0)
            assert out["bf16"].dtype == np.float32
            assert np.array_equal(out["torch"], np.arange(4, dtype=np.float32))


def test_bf16_rounding_is_nearest_even():
    x = np.array([1.0, 1.0 + 2 ** -8, 1.0 + 3 * 2 ** -8, -2.5, 65504.0], dtype=np.float32)
    back = st_io.bf16_bits_to_f32(st_io.f32_to_bf16_bits(x))
    assert back.tolist() == [1.0, 1.0, 1.0 + 2 ** -6, -2.5, 65536.0]


# ---------------------------------------------------------------- reference pieces, checked independently

def test_schedule_values():
    s = R.make_schedule()
    assert math.isclose(float(s["betas"][0]), 0.00085, rel_tol=1e-6)
    assert math.isclose(float(s["betas"][-1]), 0.012, rel_tol=1e-6)
    ac = np.cumprod(1 - (np.linspace(0.00085 ** 0.5, 0.012 ** 0.5, 1000) ** 2))
    assert np.allclose(s["alphas_cumprod"].numpy(), ac, rtol=1e-6)
    assert float(s["alphas_cumprod_prev"][0]) == 1.0
    assert float(s["posterior_variance"][0]) == 0.0
    assert math.isclose(float(s["posterior_log_variance_clipped"][0]), math.log(1e-20), rel_tol=1e-6)


def test_timestep_embedding_formula():
    t = torch.tensor([0.0, 1.0, 999.0])
    e = R.timestep_embedding(t, 8).numpy()
    freqs = np.exp(-math.log(10000) * np.arange(4) / 4)
    ref = np.concatenate([np.cos(t.numpy()[:, None] * freqs), np.sin(t.numpy()[:, None] * freqs)], axis=1)
    assert np.allclose(e, ref, atol=1e-5)
    assert np.allclose(e[0], [1, 1, 1, 1, 0, 0, 0, 0])


def test_clip_attention_matches_torch_multihead_attention():
    torch.manual_seed(0)
    with torch.no_grad():
        a = R.CLIPAttention(128)  # 2 heads of 64
        for p in a.parameters():
            p.normal_(0, 0.2)
        mha = nn.MultiheadAttention(128, 2, batch_first=True)
        mha.in_proj_weight.copy_(torch.cat([a.q_proj.weight, a.k_proj.weight, a.v_proj.weight]))
        mha.in_proj_bias.copy_(torch.cat([a.q_proj.bias, a.k_proj.bias, a.v_proj.bias]))
        mha.out_proj.weight.copy_(a.out_proj.weight)
        mha.out_proj.bias.copy_(a.out_proj.bias)
        x = torch.randn(2, 9, 128)
        mask = torch.full((9, 9), float("-inf")).triu(1)
        ours = a(x, mask)
        theirs, _ = mha(x, x, x, attn_mask=mask, need_weights=False)
        assert torch.allclose(ours, theirs, atol=1e-5)


def test_clip_is_causal_and_embeddings_fixture_is_a_lookup():
    m = tiny_model()
    fx, _ = st_io.load(FIXTURES)
    ids = torch.from_numpy(fx["text.input_ids"])
    tm = m.text_model
    emb = (tm.embeddings.token_embedding.weight[ids] + tm.embeddings.position_embedding.weight[None]).detach()
    assert np.allclose(emb.numpy(), fx["text.embeddings"], atol=1e-6)
    with torch.no_grad():
        ids2 = ids.clone()
        ids2[:, 10:] = 1000  # change tokens after position 9
        h1, h2 = tm(ids), tm(ids2)
    assert torch.allclose(h1[:, :10], h2[:, :10], atol=1e-6)
    assert not torch.allclose(h1[:, 10:], h2[:, 10:], atol=1e-3)


def test_fixtures_reproduce_and_have_the_agreed_shapes():
    fx, meta = st_io.load(FIXTURES)
    shapes = {
        "text.input_ids": (2, 77), "text.embeddings": (2, 77, 64), "text.hidden": (2, 77, 64),
        "unet.sample": (2, 4, 16, 24), "unet.timesteps": (2,), "unet.context": (2, 77, 64),
        "unet.temb": (2, 128), "unet.out": (2, 4, 16, 24), "vae.decode.z": (1, 4, 8, 12),
        "vae.decode.image": (1, 3, 64, 96), "vae.encode.image": (1, 3, 64, 96), "vae.encode.mean": (1, 4, 8, 12),
    }
    assert {k: v.shape for k, v in fx.items()} == shapes
    assert fx["text.input_ids"].dtype == np.int64
    assert all(v.dtype == np.float32 for k, v in fx.items() if k != "text.input_ids")
    assert fx["text.input_ids"][0, :6].tolist() == [49406, 320, 736, 2595, 49407, 49407]
    assert fx["text.input_ids"][1, :8].tolist() == [49406, 23116, 16209, 21259, 5312, 2288, 49407, 49407]
    assert fx["unet.timesteps"].tolist() == [999.0, 250.0]
    assert json.loads(meta["atelier.prompts"]) == RF.PROMPTS
    assert os.path.getsize(FIXTURES) <= 1 << 20
    again = RF.compute(tiny_model())
    for k, v in again.items():
        assert np.allclose(v.numpy(), fx[k], rtol=1e-5, atol=1e-5), k


def _unet_out_with(patch):
    """unet.out of the tiny model with a deliberately wrong variant patched in."""
    m = tiny_model()
    fx, _ = st_io.load(FIXTURES)
    undo = patch()
    try:
        with torch.no_grad():
            return m.unet(torch.from_numpy(fx["unet.sample"]), torch.from_numpy(fx["unet.timesteps"]),
                          torch.from_numpy(fx["unet.context"])).numpy(), fx["unet.out"]
    finally:
        undo()


def test_fixtures_catch_plausible_bugs():
    """The fixtures discriminate: each plausible mistake moves unet.out by far more than fp32 noise."""
    def swap_geglu():
        orig = R.GEGLU.forward
        R.GEGLU.forward = lambda self, x: (lambda a, g: g * F.gelu(a))(*self.proj(x).chunk(2, dim=-1))
        return lambda: setattr(R.GEGLU, "forward", orig)

    def sin_cos():
        orig = R.timestep_embedding

        def te(t, dim, max_period=10000):
            e = orig(t, dim, max_period)
            return torch.cat([e[:, dim // 2:], e[:, :dim // 2]], dim=-1)
        R.timestep_embedding = te
        return lambda: setattr(R, "timestep_embedding", orig)

    def tanh_gelu():
        orig = R.GEGLU.forward
        R.GEGLU.forward = lambda self, x: (lambda a, g: a * F.gelu(g, approximate="tanh"))(
            *self.proj(x).chunk(2, dim=-1))
        return lambda: setattr(R.GEGLU, "forward", orig)

    for name, patch, min_diff in (("GEGLU halves swapped", swap_geglu, 1e-2),
                                  ("timestep embedding sin/cos swapped", sin_cos, 1e-2),
                                  ("tanh-approximate gelu", tanh_gelu, 1e-5)):
        got, ref = _unet_out_with(patch)
        diff = float(np.abs(got - ref).max())
        assert diff > min_diff, (name, diff)


if __name__ == "__main__":
    torch.set_num_threads(1)
    failed = 0
    for name, fn in list(globals().items()):
        if name.startswith("test_") and callable(fn):
            try:
                fn()
                print("ok  ", name)
            except Exception as e:  # noqa: BLE001
                failed += 1
                print("FAIL", name, repr(e))
    sys.exit(1 if failed else 0)
