#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attnviz::io {

struct JsonMember;

// A parsed JSON value: just enough structure for the safetensors header, no more.
struct JsonValue {
    enum class Kind { Null, Bool, Number, String, Array, Object };
    Kind kind = Kind::Null;
    bool boolean = false;
    bool isInteger = false; // written without fraction or exponent and fits in int64
    std::int64_t integer = 0;
    double number = 0.0;
    std::string text;                // Kind::String, UTF-8
    std::vector<JsonValue> items;    // Kind::Array
    std::vector<JsonMember> members; // Kind::Object, in file order, keys unique

    const JsonValue* find(std::string_view key) const;
};

struct JsonMember {
    std::string key;
    JsonValue value;
};

// Bounds that turn hostile headers into errors instead of stack overflow or huge allocations.
inline constexpr int kMaxJsonDepth = 64;
inline constexpr std::size_t kMaxJsonValues = std::size_t(1) << 20;

// Strict RFC 8259 parser: one value, surrounding whitespace only, strings must be valid UTF-8,
// duplicate object keys are an error (they would make a tensor name ambiguous). Throws
// FormatError "<context>: invalid JSON at byte N: <reason>".
JsonValue parseJson(std::string_view text, const std::string& context);

} // namespace attnviz::io
