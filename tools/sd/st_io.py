"""Minimal safetensors reader/writer (numpy only; torch optional for convenience).

Format: u64 little-endian header length N, then N bytes of JSON
{name: {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {str: str}},
padded with spaces so the data section starts 8-byte aligned, then the raw little-endian data.
Offsets are relative to the start of the data section.

Padding: current safetensors writers pad the JSON with spaces so the data section starts 8-byte aligned.
Older ones did not: the real v1-5-pruned-emaonly.safetensors has a 156,444-byte JSON header (exactly what
build_header gives, unpadded, for {"__metadata__":{"format":"pt"}} + tensors in name order), so its data
starts at byte 156,452 (4- but not 8-aligned).
Both layouts are produced here (pad=True/False) so a reader gets tested on both.

Written for Atelier's SD-1.5 reference tooling; authoring only, never used at run time.
"""
import json
import struct

import numpy as np

# safetensors dtype code -> numpy dtype (bf16 has no numpy type: handled as raw uint16)
_NP = {
    "F64": np.dtype("<f8"), "F32": np.dtype("<f4"), "F16": np.dtype("<f2"),
    "I64": np.dtype("<i8"), "I32": np.dtype("<i4"), "I16": np.dtype("<i2"), "I8": np.dtype("i1"),
    "U8": np.dtype("u1"), "BOOL": np.dtype("?"), "BF16": np.dtype("<u2"),
}
_CODE = {np.dtype("<f8"): "F64", np.dtype("<f4"): "F32", np.dtype("<f2"): "F16",
         np.dtype("<i8"): "I64", np.dtype("<i4"): "I32", np.dtype("<i2"): "I16",
         np.dtype("i1"): "I8", np.dtype("u1"): "U8", np.dtype("?"): "BOOL"}
DTYPE_SIZE = {k: v.itemsize for k, v in _NP.items()}


def bf16_bits_to_f32(bits):
    """uint16 bf16 bit patterns -> float32 array."""
    return (np.asarray(bits, dtype=np.uint32) << 16).view(np.float32)


def f32_to_bf16_bits(a):
    """float32 -> bf16 bit patterns (round to nearest even), as uint16."""
    u = np.ascontiguousarray(a, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (u + 0x7FFF + ((u >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


def _contiguous(a):
    """C-contiguous copy if needed; unlike np.ascontiguousarray keeps 0-d (scalar, shape []) arrays 0-d."""
    a = np.asarray(a)
    return a if a.flags.c_contiguous else a.copy(order="C")


def _to_numpy(t):
    if isinstance(t, np.ndarray):
        return t
    try:
        import torch
        if isinstance(t, torch.Tensor):
            return t.detach().cpu().contiguous().numpy()
    except ImportError:
        pass
    return np.asarray(t)


def build_header(entries, metadata=None, pad=True):
    """entries: list of (name, dtype_code, shape) in data order. Returns (header_bytes incl. padding, offsets).
    JSON is compact (no spaces), "__metadata__" first, tensors in data order (like the Rust writer)."""
    header = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    offsets = []
    pos = 0
    for name, code, shape in entries:
        n = DTYPE_SIZE[code]
        for d in shape:
            n *= int(d)
        header[name] = {"dtype": code, "shape": [int(d) for d in shape], "data_offsets": [pos, pos + n]}
        offsets.append((pos, pos + n))
        pos += n
    raw = json.dumps(header, separators=(",", ":"), ensure_ascii=True).encode("utf-8")
    if pad:
        raw += b" " * ((-(8 + len(raw))) % 8)
    return raw, offsets


def write_stream(path, entries, producer, metadata=None, pad=True):
    """Streaming writer: entries = [(name, dtype_code, shape)], producer(name) -> numpy array
    (already in the right dtype/shape; for BF16 give uint16 bit patterns). Writes one tensor at a time."""
    raw, offsets = build_header(entries, metadata, pad)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for (name, code, shape), (b, e) in zip(entries, offsets):
            a = _contiguous(producer(name))
            if a.dtype != _NP[code] or tuple(a.shape) != tuple(shape):
                raise ValueError(f"{name}: got {a.dtype}{tuple(a.shape)}, header says {code}{tuple(shape)}")
            buf = a.tobytes()
            assert len(buf) == e - b, name
            f.write(buf)
    return 8 + len(raw) + (offsets[-1][1] if offsets else 0)


def save(path, tensors, metadata=None, order="sorted", pad=True):
    """tensors: dict name -> numpy array or torch tensor (float16/float32/int64/...),
    or (\"BF16\", uint16 array) tuples. order: 'sorted' (by name) or 'insertion'."""
    arrays = {}
    for name, t in tensors.items():
        if isinstance(t, tuple) and t[0] == "BF16":
            arrays[name] = ("BF16", _contiguous(np.asarray(t[1], dtype=np.uint16)))
        else:
            a = _to_numpy(t)
            code = _CODE[a.dtype.newbyteorder("<") if a.dtype.byteorder == ">" else a.dtype]
            arrays[name] = (code, _contiguous(a.astype(_NP[code], copy=False)))
    names = sorted(arrays) if order == "sorted" else list(arrays)
    entries = [(n, arrays[n][0], arrays[n][1].shape) for n in names]
    return write_stream(path, entries, lambda n: arrays[n][1], metadata, pad)


def read_header(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n).decode("utf-8"))
    meta = header.pop("__metadata__", None)
    return header, meta, 8 + n


def load(path, upcast_f32=False):
    """Returns (dict name -> numpy array, metadata). BF16 is returned as float32 (there is no numpy bf16);
    with upcast_f32, F16 is upcast to float32 as well."""
    header, meta, start = read_header(path)
    out = {}
    with open(path, "rb") as f:
        data = f.read()
    end_of_data = 0
    for name, info in header.items():
        b, e = info["data_offsets"]
        code = info["dtype"]
        shape = tuple(info["shape"])
        a = np.frombuffer(data, dtype=_NP[code], count=(e - b) // DTYPE_SIZE[code], offset=start + b)
        a = a.reshape(shape)
        if code == "BF16":
            a = bf16_bits_to_f32(a).reshape(shape)
        elif upcast_f32 and code == "F16":
            a = a.astype(np.float32)
        else:
            a = a.copy()
        out[name] = a
        end_of_data = max(end_of_data, e)
    if start + end_of_data != len(data):
        raise ValueError(f"{path}: data section ends at {start + end_of_data}, file is {len(data)} bytes")
    return out, meta
