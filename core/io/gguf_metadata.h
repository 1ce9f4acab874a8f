#pragma once

#include "io/byte_reader.h"

#include <cstdint>
#include <string_view>

namespace attnviz::io {

// GGUF metadata value types (gguf_type in gguf.h).
enum class GgufType : std::uint32_t {
    U8 = 0,
    I8 = 1,
    U16 = 2,
    I16 = 3,
    U32 = 4,
    I32 = 5,
    F32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    U64 = 10,
    I64 = 11,
    F64 = 12,
};

// ggml's names: "u8", "i32", "f32", "bool", "str", "arr", …
std::string_view toString(GgufType type);

// One metadata value, not decoded: its bytes stay in the file until a getter asks for them, so
// a vocabulary of 150k strings costs nothing until it is used.
struct GgufValue {
    GgufType type = GgufType::U8; // of the value, or of each element of an array
    bool isArray = false;
    std::uint64_t count = 1; // elements (1 for a scalar)
    // count fixed-size little-endian elements, or count strings (u64 length, then the bytes).
    std::string_view bytes;
};

// Reads the value of `key` (type tag, then the value or array) at the reader's position. Nested
// arrays are refused, as ggml does; every length is checked against the file before use.
GgufValue readGgufValue(ByteReader& in, std::string_view key, const std::string& name);

// Element i of a value already read by readGgufValue (i < count), of the kind its type says.
bool isGgufInteger(GgufType type);
std::int64_t ggufIntegerAt(const GgufValue& value, std::uint64_t i); // U64 as its bit pattern
double ggufRealAt(const GgufValue& value, std::uint64_t i);          // F32, F64 and integers

} // namespace attnviz::io
