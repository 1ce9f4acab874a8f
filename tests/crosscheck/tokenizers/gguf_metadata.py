"""Reads a GGUF file's tokenizer.ggml.* metadata into the JSON the tokenize tool takes as a
GgufVocab, straight from the format's definition (header, then typed key/value pairs)."""
import struct

# GGUF value types.
UINT8, INT8, UINT16, INT16, UINT32, INT32, FLOAT32, BOOL, STRING, ARRAY, UINT64, INT64, FLOAT64 = range(13)
SCALARS = {UINT8: "<B", INT8: "<b", UINT16: "<H", INT16: "<h", UINT32: "<I", INT32: "<i",
           FLOAT32: "<f", BOOL: "<?", UINT64: "<Q", INT64: "<q", FLOAT64: "<d"}


class Reader:
    def __init__(self, data):
        self.data, self.at = data, 0

    def take(self, fmt):
        value = struct.unpack_from(fmt, self.data, self.at)[0]
        self.at += struct.calcsize(fmt)
        return value

    def string(self):
        length = self.take("<Q")
        text = self.data[self.at:self.at + length].decode("utf-8", errors="surrogateescape")
        self.at += length
        return text

    def value(self, kind):
        if kind == STRING:
            return self.string()
        if kind == ARRAY:
            item_kind, count = self.take("<I"), self.take("<Q")
            return [self.value(item_kind) for _ in range(count)]
        return self.take(SCALARS[kind])


def tokenizer_metadata(path):
    with open(path, "rb") as f:
        reader = Reader(f.read())
    if reader.data[:4] != b"GGUF":
        raise ValueError(f"{path}: not a GGUF file")
    reader.at = 4
    reader.take("<I")  # version
    reader.take("<Q")  # tensor count
    pairs = reader.take("<Q")
    vocab = {}
    for _ in range(pairs):
        key = reader.string()
        value = reader.value(reader.take("<I"))
        if key.startswith("tokenizer.ggml."):
            vocab[key[len("tokenizer.ggml."):]] = value
    return vocab
