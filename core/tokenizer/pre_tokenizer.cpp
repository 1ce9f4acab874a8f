#include "tokenizer/pre_tokenizer.h"

#include "common/error.h"
#include "tokenizer/byte_level.h"
#include "tokenizer/json_fields.h"
#include "tokenizer/regex.h"
#include "tokenizer/unicode.h"

#include <nlohmann/json.hpp>

namespace attnviz::tokenizer {

namespace {

// HF's SplitDelimiterBehavior: what happens to the matched delimiters.
enum class Behavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

struct Span {
    std::size_t begin, end;
    bool isMatch;
};

using Matcher = std::function<std::vector<std::pair<std::size_t, std::size_t>>(std::string_view)>;

// The spans HF's NormalizedString::split keeps, given every match and the gaps between them.
std::vector<Span> applyBehavior(const std::vector<Span>& spans, Behavior behavior)
{
    std::vector<Span> result;
    bool previousMatch = false;
    switch (behavior) {
    case Behavior::Removed:
        for (const Span& s : spans)
            if (!s.isMatch)
                result.push_back(s);
        return result;
    case Behavior::Isolated:
        return spans;
    case Behavior::MergedWithPrevious:
    case Behavior::Contiguous:
        for (const Span& s : spans) {
            const bool merge = behavior == Behavior::Contiguous ? s.isMatch == previousMatch
                                                                : s.isMatch && !previousMatch;
            if (merge && !result.empty())
                result.back().end = s.end;
            else
                result.push_back(s);
            previousMatch = s.isMatch;
        }
        return result;
    case Behavior::MergedWithNext:
        for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
            if (it->isMatch && !previousMatch && !result.empty())
                result.back().begin = it->begin;
            else
                result.push_back(*it);
            previousMatch = it->isMatch;
        }
        return {result.rbegin(), result.rend()};
    }
    return result;
}

PreTokenizer::Step split(Matcher matcher, Behavior behavior, bool invert)
{
    return [matcher = std::move(matcher), behavior, invert](std::vector<Piece>& pieces) {
        std::vector<Piece> result;
        for (Piece& piece : pieces) {
            std::vector<Span> spans;
            std::size_t previous = 0;
            for (const auto& [begin, end] : matcher(piece.text)) {
                if (begin > previous)
                    spans.push_back({previous, begin, invert});
                spans.push_back({begin, end, !invert});
                previous = end;
            }
            if (previous < piece.text.size())
                spans.push_back({previous, piece.text.size(), invert});
            for (const Span& s : applyBehavior(spans, behavior))
                if (s.end > s.begin)
                    result.push_back({piece.text.substr(s.begin, s.end - s.begin),
                                      piece.atStart && s.begin == 0});
        }
        pieces = std::move(result);
    };
}

Matcher regexMatcher(const std::string& pattern, std::string_view context)
{
    return [regex = Regex(pattern, context)](std::string_view text) { return regex.findAll(text); };
}

// Each character for which `predicate` holds is a match of its own, as HF's char patterns are.
template <typename Predicate> Matcher charMatcher(Predicate predicate)
{
    return [predicate](std::string_view text) {
        std::vector<std::pair<std::size_t, std::size_t>> matches;
        unicode::forEachCodePoint(text, [&](char32_t c, std::size_t offset, std::size_t length) {
            if (predicate(c))
                matches.emplace_back(offset, offset + length);
        });
        return matches;
    };
}

bool isBertPunctuation(char32_t c)
{
    const bool asciiPunctuation = (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
                                  (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    return asciiPunctuation || unicode::isPunctuation(c);
}

Behavior behaviorFrom(const std::string& name, std::string_view context)
{
    if (name == "Removed")
        return Behavior::Removed;
    if (name == "Isolated")
        return Behavior::Isolated;
    if (name == "MergedWithPrevious")
        return Behavior::MergedWithPrevious;
    if (name == "MergedWithNext")
        return Behavior::MergedWithNext;
    if (name == "Contiguous")
        return Behavior::Contiguous;
    throw Error(std::string(context) + ": split behavior '" + name + "' is not supported");
}

PreTokenizer::Step mapEach(std::function<std::string(const Piece&)> map)
{
    return [map = std::move(map)](std::vector<Piece>& pieces) {
        for (Piece& piece : pieces)
            piece.text = map(piece);
    };
}

PreTokenizer::Step metaspace(const nlohmann::json& spec, std::string_view context)
{
    const std::string replacement = json::string(spec, "replacement", context);
    std::string scheme = "always";
    if (const auto& s = json::member(spec, "prepend_scheme", context, false); s.is_string())
        scheme = s.get<std::string>();
    else if (!json::boolean(spec, "add_prefix_space", true, context))
        scheme = "never";
    if (scheme != "always" && scheme != "first" && scheme != "never")
        throw Error(std::string(context) + ": prepend_scheme '" + scheme + "' is not supported");
    const bool splitWords = json::boolean(spec, "split", true, context);
    PreTokenizer::Step replaceSpaces = mapEach([=](const Piece& piece) {
        std::string text;
        for (const char c : piece.text)
            c == ' ' ? text.append(replacement) : text.append(1, c);
        const bool prepend = scheme == "always" || (scheme == "first" && piece.atStart);
        return prepend && text.compare(0, replacement.size(), replacement) != 0 ? replacement + text
                                                                                : text;
    });
    if (!splitWords)
        return replaceSpaces;
    PreTokenizer::Step splitAtReplacement =
        split(regexMatcher(escapeRegex(replacement), context), Behavior::MergedWithNext, false);
    return [=](std::vector<Piece>& pieces) {
        replaceSpaces(pieces);
        splitAtReplacement(pieces);
    };
}

} // namespace

PreTokenizer PreTokenizer::byteLevel(bool addPrefixSpace, const std::string& pattern)
{
    PreTokenizer p;
    if (addPrefixSpace)
        p.m_steps.push_back(mapEach([](const Piece& piece) {
            return piece.text.empty() || piece.text[0] == ' ' ? piece.text : ' ' + piece.text;
        }));
    if (!pattern.empty())
        p.m_steps.push_back(
            split(regexMatcher(pattern, "byte-level pre-tokenizer"), Behavior::Isolated, false));
    p.m_steps.push_back(mapEach([](const Piece& piece) { return byte_level::encode(piece.text); }));
    return p;
}

PreTokenizer PreTokenizer::bert()
{
    PreTokenizer p;
    p.m_steps.push_back(split(charMatcher(unicode::isWhitespace), Behavior::Removed, false));
    p.m_steps.push_back(split(charMatcher(isBertPunctuation), Behavior::Isolated, false));
    return p;
}

PreTokenizer PreTokenizer::fromJson(const nlohmann::json& spec, std::string_view context)
{
    PreTokenizer p;
    if (spec.is_null())
        return p;
    const std::string type = json::string(spec, "type", context);
    const std::string where = std::string(context) + " " + type;
    if (type == "Sequence") {
        for (const auto& item : json::array(spec, "pretokenizers", where)) {
            PreTokenizer inner = fromJson(item, context);
            p.m_steps.insert(p.m_steps.end(), inner.m_steps.begin(), inner.m_steps.end());
        }
    } else if (type == "ByteLevel") {
        return byteLevel(json::boolean(spec, "add_prefix_space", true, where),
                         json::boolean(spec, "use_regex", true, where) ? kGpt2Pattern : "");
    } else if (type == "Split") {
        p.m_steps.push_back(split(
            regexMatcher(json::patternRegex(json::member(spec, "pattern", where), where), where),
            behaviorFrom(json::string(spec, "behavior", where), where),
            json::boolean(spec, "invert", false, where)));
    } else if (type == "Metaspace") {
        p.m_steps.push_back(metaspace(spec, where));
    } else if (type == "BertPreTokenizer") {
        return bert();
    } else if (type == "Whitespace") {
        // HF's \w+|[^\w\s]+ with Rust's Unicode \w, kept as the words.
        const std::string word = R"([\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}])";
        p.m_steps.push_back(split(regexMatcher(word + "+|[^\\s" + word.substr(1) + "+", where),
                                  Behavior::Removed, true));
    } else if (type == "WhitespaceSplit") {
        p.m_steps.push_back(split(charMatcher(unicode::isWhitespace), Behavior::Removed, false));
    } else if (type == "Punctuation") {
        const auto& behavior = json::member(spec, "behavior", where, false);
        p.m_steps.push_back(split(charMatcher(isBertPunctuation),
                                  behavior.is_null()
                                      ? Behavior::Isolated
                                      : behaviorFrom(json::string(spec, "behavior", where), where),
                                  false));
    } else if (type == "Digits") {
        // Rust's char::is_numeric: general category N.
        const bool individual = json::boolean(spec, "individual_digits", false, where);
        p.m_steps.push_back(split(charMatcher(unicode::isNumeric),
                                  individual ? Behavior::Isolated : Behavior::Contiguous, false));
    } else {
        throw Error(std::string(context) + ": pre-tokenizer type '" + type + "' is not supported");
    }
    return p;
}

std::vector<Piece> PreTokenizer::operator()(Piece piece) const
{
    std::vector<Piece> pieces;
    if (!piece.text.empty())
        pieces.push_back(std::move(piece));
    for (const Step& step : m_steps)
        step(pieces);
    return pieces;
}

} // namespace attnviz::tokenizer
