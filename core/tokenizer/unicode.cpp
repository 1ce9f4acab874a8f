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

std::u16string toUtf16(std::string_view text)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    u_strFromUTF8(nullptr, 0, &length, text.data(), int32_t(text.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR)
        status = U_ZERO_ERROR;
    check(status, "UTF-8 to UTF-16");
    std::u16string result(std::size_t(length), u'\0');
    u_strFromUTF8(result.data(), length, nullptr, text.data(), int32_t(text.size()), &status);
    check(status, "UTF-8 to UTF-16");
    return result;
}

std::string toUtf8(std::u16string_view text)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    u_strToUTF8(nullptr, 0, &length, text.data(), int32_t(text.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR)
        status = U_ZERO_ERROR;
    check(status, "UTF-16 to UTF-8");
    std::string result(std::size_t(length), '\0');
    u_strToUTF8(result.data(), length, nullptr, text.data(), int32_t(text.size()), &status);
    check(status, "UTF-16 to UTF-8");
    return result;
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
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* n = normalizer(form);
    const int32_t length =
        unorm2_normalize(n, source.data(), int32_t(source.size()), nullptr, 0, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR)
        status = U_ZERO_ERROR;
    check(status, "normalize");
    std::u16string result(std::size_t(length), u'\0');
    unorm2_normalize(n, source.data(), int32_t(source.size()), result.data(), length, &status);
    check(status, "normalize");
    return toUtf8(result);
}

std::string toLower(std::string_view text)
{
    const std::u16string source = toUtf16(text);
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length =
        u_strToLower(nullptr, 0, source.data(), int32_t(source.size()), "", &status);
    if (status == U_BUFFER_OVERFLOW_ERROR)
        status = U_ZERO_ERROR;
    check(status, "lower-case");
    std::u16string result(std::size_t(length), u'\0');
    u_strToLower(result.data(), length, source.data(), int32_t(source.size()), "", &status);
    check(status, "lower-case");
    return toUtf8(result);
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
