#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attnviz {

// Splits typed text into tokens: runs of letters and digits are words, every punctuation mark is
// a token of its own, and every CJK character (which has no spaces between words) is one token.
// Input is UTF-8; an invalid byte becomes U+FFFD.
std::vector<std::string> tokenize(std::string_view text);

} // namespace attnviz
