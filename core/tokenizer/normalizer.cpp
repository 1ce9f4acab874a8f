#include "tokenizer/normalizer.h"

#include "common/error.h"
#include "tokenizer/json_fields.h"
#include "tokenizer/regex.h"
#include "tokenizer/unicode.h"

#include <nlohmann/json.hpp>

namespace attnviz::tokenizer {

namespace {

using unicode::Form;

// Keeps the code points `keep` accepts, each replaced by what `map` makes of it.
template <typename Keep, typename Map>
std::string filterMap(const std::string& text, Keep keep, Map map)
{
    std::string result;
    result.reserve(text.size());
    unicode::forEachCodePoint(text, [&](char32_t c, std::size_t offset, std::size_t length) {
        if (!keep(c))
            return;
        const char32_t mapped = map(c);
        result += mapped == c ? text.substr(offset, length) : unicode::encode(mapped);
    });
    return result;
}

bool isChineseCharacter(char32_t c)
{
    // The CJK Unified Ideographs blocks BERT's BasicTokenizer (and HF's BertNormalizer) names.
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
           (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

std::string cleanText(const std::string& text)
{
    auto isControl = [](char32_t c) {
        return c != '\t' && c != '\n' && c != '\r' && unicode::isOther(c);
    };
    return filterMap(
        text, [&](char32_t c) { return c != 0 && c != 0xFFFD && !isControl(c); },
        [](char32_t c) { return unicode::isWhitespace(c) ? U' ' : c; });
}

std::string padChineseCharacters(const std::string& text)
{
    std::string result;
    unicode::forEachCodePoint(text, [&](char32_t c, std::size_t offset, std::size_t length) {
        const bool pad = isChineseCharacter(c);
        if (pad)
            result += ' ';
        result += text.substr(offset, length);
        if (pad)
            result += ' ';
    });
    return result;
}

std::string stripNonspacingMarks(const std::string& text)
{
    return filterMap(
        text, [](char32_t c) { return !unicode::isNonspacingMark(c); },
        [](char32_t c) { return c; });
}

std::string strip(const std::string& text, bool left, bool right)
{
    std::size_t begin = 0;
    std::size_t end = 0;
    bool seenText = false;
    unicode::forEachCodePoint(text, [&](char32_t c, std::size_t offset, std::size_t length) {
        if (unicode::isWhitespace(c))
            return;
        if (!seenText)
            begin = offset;
        seenText = true;
        end = offset + length;
    });
    if (!seenText)
        return {};
    return text.substr(left ? begin : 0, (right ? end : text.size()) - (left ? begin : 0));
}

Normalizer::Step form(Form f)
{
    return [f](std::string text) { return unicode::normalize(text, f); };
}

Normalizer::Step replace(const nlohmann::json& spec, std::string_view context)
{
    const Regex regex(json::patternRegex(json::member(spec, "pattern", context), context), context);
    const std::string content = json::string(spec, "content", context);
    return [regex, content](std::string text) {
        std::string result;
        std::size_t previous = 0;
        for (const auto& [begin, end] : regex.findAll(text)) {
            result.append(text, previous, begin - previous);
            result += content;
            previous = end;
        }
        return result.append(text, previous);
    };
}

} // namespace

Normalizer Normalizer::bert(bool clean, bool chineseChars, bool stripAccents, bool lowercase)
{
    Normalizer n;
    if (clean)
        n.m_steps.emplace_back(cleanText);
    if (chineseChars)
        n.m_steps.emplace_back(padChineseCharacters);
    if (stripAccents) {
        n.m_steps.push_back(form(Form::NFD));
        n.m_steps.emplace_back(stripNonspacingMarks);
    }
    if (lowercase)
        n.m_steps.emplace_back([](std::string text) { return unicode::toLower(text); });
    return n;
}

Normalizer Normalizer::fromJson(const nlohmann::json& spec, std::string_view context)
{
    Normalizer n;
    if (spec.is_null())
        return n;
    const std::string type = json::string(spec, "type", context);
    const std::string where = std::string(context) + " " + type;
    if (type == "Sequence") {
        for (const auto& item : json::array(spec, "normalizers", where)) {
            Normalizer inner = fromJson(item, context);
            n.m_steps.insert(n.m_steps.end(), inner.m_steps.begin(), inner.m_steps.end());
        }
    } else if (type == "NFC" || type == "NFD" || type == "NFKC" || type == "NFKD") {
        n.m_steps.push_back(form(type == "NFC"    ? Form::NFC
                                 : type == "NFD"  ? Form::NFD
                                 : type == "NFKC" ? Form::NFKC
                                                  : Form::NFKD));
    } else if (type == "Lowercase") {
        n.m_steps.emplace_back([](std::string text) { return unicode::toLower(text); });
    } else if (type == "Strip") {
        const bool left = json::boolean(spec, "strip_left", true, where);
        const bool right = json::boolean(spec, "strip_right", true, where);
        n.m_steps.emplace_back([=](std::string text) { return strip(text, left, right); });
    } else if (type == "StripAccents") {
        n.m_steps.emplace_back(stripNonspacingMarks);
    } else if (type == "Replace") {
        n.m_steps.push_back(replace(spec, where));
    } else if (type == "Prepend") {
        const std::string prefix = json::string(spec, "prepend", where);
        n.m_steps.emplace_back(
            [prefix](std::string text) { return text.empty() ? text : prefix + text; });
    } else if (type == "BertNormalizer") {
        const bool lowercase = json::boolean(spec, "lowercase", true, where);
        const auto& accents = json::member(spec, "strip_accents", where, /*required=*/false);
        return bert(json::boolean(spec, "clean_text", true, where),
                    json::boolean(spec, "handle_chinese_chars", true, where),
                    accents.is_boolean() ? accents.get<bool>() : lowercase, lowercase);
    } else {
        throw Error(std::string(context) + ": normalizer type '" + type + "' is not supported");
    }
    return n;
}

std::string Normalizer::operator()(std::string text) const
{
    for (const Step& step : m_steps)
        text = step(std::move(text));
    return text;
}

} // namespace attnviz::tokenizer
