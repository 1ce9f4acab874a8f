#pragma once

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace attnviz::io {

// Bounds that turn hostile documents into errors instead of deep or huge trees.
inline constexpr int kMaxJsonDepth = 64;
inline constexpr std::size_t kMaxJsonValues = std::size_t(1) << 20;

// One JSON document (RFC 8259: one value, no comments, strings valid UTF-8), parsed by
// nlohmann-json with what it does not check itself: a duplicate object key is an error (it would
// make a tensor name ambiguous; nlohmann keeps the last), and nesting deeper than kMaxJsonDepth or
// more than kMaxJsonValues values are refused while parsing, before the tree grows.
// Throws FormatError "<context>: invalid JSON at byte N: <reason>", N counting from 0.
nlohmann::json parseStrictJson(std::string_view text, const std::string& context);

} // namespace attnviz::io
