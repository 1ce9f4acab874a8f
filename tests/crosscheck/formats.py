"""Writers for the files `attnviz compute` reads: .npy (via numpy) and .safetensors (by hand).

No safetensors package is available on Debian 12, and writing the format ourselves keeps the test
independent of the engine's reader anyway.
"""
import json
import struct

import numpy as np

# Safetensors dtype tag -> numpy storage dtype (BF16 is stored as raw uint16 bit patterns).
SAFETENSORS_DTYPES = {"F32": "<f4", "F64": "<f8", "F16": "<f2", "BF16": "<u2"}


def round_to_dtype(values, dtype):
    """The float64 values a reader sees after `values` is stored as safetensors `dtype`.

    The references must use exactly these, so that the file format's own rounding (large for
    F16/BF16) does not count as engine error.
    """
    values = np.asarray(values, dtype=np.float64)
    if dtype == "F64":
        return values.copy()
    if dtype == "F32":
        return values.astype(np.float32).astype(np.float64)
    if dtype == "F16":
        return values.astype(np.float16).astype(np.float64)
    if dtype == "BF16":
        return bf16_bits_to_f32(f32_to_bf16_bits(values)).astype(np.float64)
    raise ValueError(dtype)


def f32_to_bf16_bits(values):
    """Round-to-nearest-even float32 -> bfloat16 bit patterns (finite values only)."""
    bits = np.asarray(values, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


def bf16_bits_to_f32(bits):
    return (np.asarray(bits, dtype=np.uint16).astype(np.uint32) << 16).view(np.float32)


def encode_tensor(values, dtype):
    if dtype == "BF16":
        return f32_to_bf16_bits(values).astype("<u2").tobytes()
    return np.ascontiguousarray(values, dtype=SAFETENSORS_DTYPES[dtype]).tobytes()


def write_safetensors(path, tensors, metadata=None):
    """tensors: list of (name, float64 array, dtype tag). Layout per the safetensors spec:
    u64 little-endian header length, JSON header, then the concatenated little-endian data."""
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, values, dtype in tensors:
        blob = encode_tensor(values, dtype)
        header[name] = {"dtype": dtype, "shape": list(np.shape(values)),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)  # the spec pads the header so the data is 8-byte aligned
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def write_npy(path, array, version=None):
    """np.save writes a v1 header; the engine must also read v2/v3, so some cases ask for them."""
    array = np.ascontiguousarray(array)
    with open(path, "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=False)


def read_header(path):
    """(file bytes, safetensors header dict, offset where the data starts)."""
    with open(path, "rb") as f:
        raw = f.read()
    size = struct.unpack("<Q", raw[:8])[0]
    return raw, json.loads(raw[8:8 + size]), 8 + size


def _decode(raw, start, info):
    begin, end = info["data_offsets"]
    data = np.frombuffer(raw[start + begin:start + end], dtype=SAFETENSORS_DTYPES[info["dtype"]])
    if info["dtype"] == "BF16":
        data = bf16_bits_to_f32(data)
    return data.astype(np.float64).reshape(info["shape"])


def read_safetensors(path):
    """name -> float64 array, for reading real checkpoints (F32/F64/F16/BF16) in the references."""
    raw, header, start = read_header(path)
    return {name: _decode(raw, start, info) for name, info in header.items()
            if name != "__metadata__"}
