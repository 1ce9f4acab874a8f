#include "tokenizer/unicode.h"

#include "common/error.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

namespace attnviz::tokenizer::unicode {

namespace {

void check(UErrorCode status, const char* operation)
{
    if (U_FAILURE(status))
        throw std::runtime_error(std::string("ICU ") + operation + ": " + u_errorName(status));
}

// ICU's two-pass convention: ask for the length, then fill a buffer of that length.
template <typename Text, typename Call> Text preflighted(Call call, const char* operation)
{
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length = call(nullptr, 0, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR)
        status = U_ZERO_ERROR;
    check(status, operation);
    Text result(std::size_t(length), typename Text::value_type{});
    call(result.data(), length, &status);
    check(status, operation);
    return result;
}

std::u16string toUtf16(std::string_view text)
{
    return preflighted<std::u16string>(
        [&](UChar* out, int32_t capacity, UErrorCode* status) {
            int32_t length = 0;
            u_strFromUTF8(out, capacity, &length, text.data(), int32_t(text.size()), status);
            return length;
        },
        "UTF-8 to UTF-16");
}

std::string toUtf8(std::u16string_view text)
{
    return preflighted<std::string>(
        [&](char* out, int32_t capacity, UErrorCode* status) {
            int32_t length = 0;
            u_strToUTF8(out, capacity, &length, text.data(), int32_t(text.size()), status);
            return length;
        },
        "UTF-16 to UTF-8");
}

const UNormalizer2* normalizer(Form form)
{
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* result = nullptr;
    switch (form) {
    case Form::NFC:
        result = unorm2_getNFCInstance(&status);
        break;
    case Form::NFD:
        result = unorm2_getNFDInstance(&status);
        break;
    case Form::NFKC:
        result = unorm2_getNFKCInstance(&status);
        break;
    case Form::NFKD:
        result = unorm2_getNFKDInstance(&status);
        break;
    }
    check(status, "normalizer");
    return result;
}

int32_t category(char32_t c)
{
    return U_MASK(u_charType(UChar32(c)));
}

} // namespace

void requireUtf8(std::string_view text, std::string_view what)
{
    for (int32_t i = 0; i < int32_t(text.size());) {
        const int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(text.data(), i, int32_t(text.size()), c);
        if (c < 0)
            throw Error(std::string(what) + ": invalid UTF-8 at byte " + std::to_string(start));
    }
}

char32_t decodeAt(std::string_view text, std::size_t offset, std::size_t& length)
{
    int32_t i = int32_t(offset);
    UChar32 c = 0;
    U8_NEXT(text.data(), i, int32_t(text.size()), c);
    length = std::size_t(i) - offset;
    return c < 0 ? U'\uFFFD' : char32_t(c);
}

char32_t decodeBefore(std::string_view text, std::size_t end, std::size_t& length)
{
    int32_t i = int32_t(end);
    UChar32 c = 0;
    U8_PREV(text.data(), 0, i, c);
    length = end - std::size_t(i);
    return c < 0 ? U'\uFFFD' : char32_t(c);
}

std::string encode(char32_t c)
{
    char buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(buffer, length, U8_MAX_LENGTH, UChar32(c), error);
    return error ? std::string("\xEF\xBF\xBD") : std::string(buffer, std::size_t(length));
}

std::string normalize(std::string_view text, Form form)
{
    const std::u16string source = toUtf16(text);
    const UNormalizer2* n = normalizer(form);
    return toUtf8(preflighted<std::u16string>(
        [&](UChar* out, int32_t capacity, UErrorCode* status) {
            return unorm2_normalize(n, source.data(), int32_t(source.size()), out, capacity,
                                    status);
        },
        "normalize"));
}

std::string toLower(std::string_view text)
{
    const std::u16string source = toUtf16(text);
    return toUtf8(preflighted<std::u16string>(
        [&](UChar* out, int32_t capacity, UErrorCode* status) {
            return u_strToLower(out, capacity, source.data(), int32_t(source.size()), "", status);
        },
        "lower-case"));
}

bool isWhitespace(char32_t c)
{
    return u_hasBinaryProperty(UChar32(c), UCHAR_WHITE_SPACE);
}

bool isPunctuation(char32_t c)
{
    return (category(c) & U_GC_P_MASK) != 0;
}

bool isNumeric(char32_t c)
{
    return (category(c) & U_GC_N_MASK) != 0;
}

bool isOther(char32_t c)
{
    return (category(c) & U_GC_C_MASK) != 0;
}

bool isNonspacingMark(char32_t c)
{
    return (category(c) & U_GC_MN_MASK) != 0;
}

bool isWordCharacter(char32_t c)
{
    return u_hasBinaryProperty(UChar32(c), UCHAR_ALPHABETIC) ||
           (category(c) & (U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK)) != 0 ||
           u_hasBinaryProperty(UChar32(c), UCHAR_JOIN_CONTROL);
}

} // namespace attnviz::tokenizer::unicode
