#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attnviz::tokenizer {

// A PCRE2 pattern in UTF mode with Unicode properties (\p{L}, \s, \w as Unicode defines them),
// which is what the pre-tokenizer regexes of GPT-2, Qwen2 and LLaMA 3 mean. Matching is bounded by
// PCRE2's match limit, so a hostile pattern from a tokenizer file cannot hang encoding.
class Regex {
public:
    // Throws attnviz::Error "<context>: bad regex at offset N: <reason>".
    Regex(std::string_view pattern, std::string_view context);

    // Non-overlapping matches as [begin, end) byte ranges, left to right. An empty match
    // advances the search by one character. Throws attnviz::Error past the match limit.
    std::vector<std::pair<std::size_t, std::size_t>> findAll(std::string_view text) const;

private:
    struct Compiled;
    std::shared_ptr<const Compiled> m_compiled;
    std::string m_context;
};

// The pattern that matches `literal` exactly (for Split and Replace with a "String" pattern).
std::string escapeRegex(std::string_view literal);

} // namespace attnviz::tokenizer
