#include "tokenizer/regex.h"

#include "common/error.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace attnviz::tokenizer {

namespace {

// Enough for any real pre-tokenizer on megabytes of text; small enough that a catastrophic
// backtracking pattern fails in well under a second.
constexpr uint32_t kMatchLimit = 10'000'000;

std::string pcreMessage(int code)
{
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(code, buffer, sizeof buffer);
    return reinterpret_cast<const char*>(buffer);
}

} // namespace

struct Regex::Compiled {
    pcre2_code* code = nullptr;
    pcre2_match_context* context = nullptr;
    ~Compiled()
    {
        pcre2_match_context_free(context);
        pcre2_code_free(code);
    }
};

Regex::Regex(std::string_view pattern, std::string_view context)
    : m_context(context)
{
    auto compiled = std::make_shared<Compiled>();
    int error = 0;
    PCRE2_SIZE errorOffset = 0;
    compiled->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   PCRE2_UTF | PCRE2_UCP, &error, &errorOffset, nullptr);
    if (!compiled->code)
        throw Error(m_context + ": bad regex at offset " + std::to_string(errorOffset) + ": " +
                    pcreMessage(error));
    pcre2_jit_compile(compiled->code, PCRE2_JIT_COMPLETE); // optional: the interpreter is exact too
    compiled->context = pcre2_match_context_create(nullptr);
    pcre2_set_match_limit(compiled->context, kMatchLimit);
    pcre2_set_depth_limit(compiled->context, kMatchLimit);
    m_compiled = std::move(compiled);
}

std::vector<std::pair<std::size_t, std::size_t>> Regex::findAll(std::string_view text) const
{
    std::vector<std::pair<std::size_t, std::size_t>> matches;
    std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> data(
        pcre2_match_data_create_from_pattern(m_compiled->code, nullptr), &pcre2_match_data_free);
    const auto subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    std::size_t start = 0;
    while (start <= text.size()) {
        // The text was checked to be UTF-8 once, before pre-tokenization.
        const int rc = pcre2_match(m_compiled->code, subject, text.size(), start,
                                   PCRE2_NO_UTF_CHECK, data.get(), m_compiled->context);
        if (rc == PCRE2_ERROR_NOMATCH)
            break;
        if (rc < 0)
            throw Error(m_context + ": regex failed on the text: " + pcreMessage(rc));
        const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data.get());
        const std::size_t begin = ovector[0];
        const std::size_t end = ovector[1];
        if (end < begin) // \K tricks can report such a match; it has no text to split on
            break;
        matches.emplace_back(begin, end);
        if (end > begin) {
            start = end;
            continue;
        }
        if (end == text.size())
            break;
        start = end + 1;
        while (start < text.size() && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
            ++start;
    }
    return matches;
}

std::string escapeRegex(std::string_view literal)
{
    // \Q...\E quotes everything but a literal "\E", which is split out.
    std::string result = "\\Q";
    for (std::size_t i = 0; i < literal.size(); ++i) {
        if (literal.substr(i, 2) == "\\E") {
            result += "\\E\\\\E\\Q";
            ++i;
        } else {
            result += literal[i];
        }
    }
    return result + "\\E";
}

} // namespace attnviz::tokenizer
