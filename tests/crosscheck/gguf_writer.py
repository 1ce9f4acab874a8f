"""A minimal GGUF v3 writer (ggml's docs/gguf.md layout), for test files: metadata key/value pairs
and tensors stored as given, data aligned to `alignment` (written as general.alignment when it is
not the default 32)."""
import struct

U8, I8, U16, I16, U32, I32, F32, BOOL, STR, ARR, U64, I64, F64 = range(13)
_SCALAR = {U8: "<B", I8: "<b", U16: "<H", I16: "<h", U32: "<I", I32: "<i", F32: "<f",
           BOOL: "<?", U64: "<Q", I64: "<q", F64: "<d"}


def _string(s):
    data = s.encode("utf-8") if isinstance(s, str) else bytes(s)
    return struct.pack("<Q", len(data)) + data


def _value(tag, value):
    if tag == STR:
        return _string(value)
    return struct.pack(_SCALAR[tag], value)


def metadata(key, tag, value):
    """One key/value pair; an array is (ARR, (element tag, [values]))."""
    out = _string(key) + struct.pack("<I", tag)
    if tag == ARR:
        element, values = value
        out += struct.pack("<IQ", element, len(values))
        out += b"".join(_value(element, v) for v in values)
    else:
        out += _value(tag, value)
    return out


def gguf_bytes(pairs, tensors, alignment=32, version=3):
    """pairs: metadata() results; tensors: (name, ggml type, ne innermost first, data bytes)."""
    if alignment != 32:
        pairs = pairs + [metadata("general.alignment", U32, alignment)]
    out = b"GGUF" + struct.pack("<IQQ", version, len(tensors), len(pairs)) + b"".join(pairs)
    data = b""
    for name, ggml_type, ne, payload in tensors:
        data += b"\0" * (-len(data) % alignment)
        out += _string(name) + struct.pack("<I", len(ne)) + struct.pack(f"<{len(ne)}Q", *ne)
        out += struct.pack("<IQ", ggml_type, len(data))
        data += bytes(payload)
    if tensors:
        out += b"\0" * (-len(out) % alignment)
    return out + data
