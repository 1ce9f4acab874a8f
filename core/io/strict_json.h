#pragma once

#include "io/tensor.h"

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace attnviz::io {

// Bounds that turn hostile documents into errors instead of deep or huge trees.
inline constexpr int kMaxJsonDepth = 64;
inline constexpr std::size_t kMaxJsonValues = std::size_t(1) << 20;

// What parseStrictJson throws. Its parts are kept for callers that word the message themselves
// (the GUI, in the user's language).
class JsonError : public FormatError {
public:
    JsonError(const std::string& context, std::size_t byte, std::string reason)
        : FormatError(context + ": invalid JSON at byte " + std::to_string(byte) + ": " + reason)
        , m_byte(byte)
        , m_reason(std::move(reason))
    {
    }
    std::size_t byte() const { return m_byte; }
    const std::string& reason() const { return m_reason; }

private:
    std::size_t m_byte;
    std::string m_reason;
};

// One JSON document (RFC 8259: one value, no comments, strings valid UTF-8), parsed by
// nlohmann-json with what it does not check itself: a duplicate object key is an error (it would
// make a tensor name ambiguous; nlohmann keeps the last), and nesting deeper than kMaxJsonDepth or
// more than kMaxJsonValues values are refused while parsing, before the tree grows.
// Throws JsonError "<context>: invalid JSON at byte N: <reason>", N counting from 0.
nlohmann::json parseStrictJson(std::string_view text, const std::string& context);

} // namespace attnviz::io
