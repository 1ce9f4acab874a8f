#include "io/json.h"

#include "io/tensor.h"
#include "io/text_cursor.h"

#include <charconv>
#include <set>

namespace attnviz::io {

const JsonValue* JsonValue::find(std::string_view key) const
{
    for (const JsonMember& m : members)
        if (m.key == key)
            return &m.value;
    return nullptr;
}

namespace {

class JsonParser : TextCursor {
public:
    JsonParser(std::string_view text, const std::string& context)
        : TextCursor(text)
        , m_context(context)
    {
    }

    JsonValue parseDocument()
    {
        JsonValue v = parseValue(1);
        skipWhitespace();
        if (m_pos != m_text.size())
            fail("unexpected data after the JSON value");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& why) const
    {
        throw FormatError(m_context + ": invalid JSON at byte " + std::to_string(m_pos) + ": " +
                          why);
    }

    void expect(char c)
    {
        skipWhitespace();
        if (atEnd())
            fail(std::string("expected '") + c + "' but the text ended");
        if (peek() != static_cast<unsigned char>(c))
            fail(std::string("expected '") + c + "'");
        ++m_pos;
    }

    JsonValue parseValue(int depth)
    {
        if (depth > kMaxJsonDepth)
            fail("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
        if (++m_values > kMaxJsonValues)
            fail("more than " + std::to_string(kMaxJsonValues) + " values");
        skipWhitespace();
        if (atEnd())
            fail("expected a value but the text ended");
        JsonValue v;
        const unsigned char c = peek();
        if (c == '{') {
            v.kind = JsonValue::Kind::Object;
            parseObject(v, depth);
        } else if (c == '[') {
            v.kind = JsonValue::Kind::Array;
            parseArray(v, depth);
        } else if (c == '"') {
            v.kind = JsonValue::Kind::String;
            v.text = parseString();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            v.kind = JsonValue::Kind::Number;
            parseNumber(v);
        } else if (consumeWord("true")) {
            v.kind = JsonValue::Kind::Bool;
            v.boolean = true;
        } else if (consumeWord("false")) {
            v.kind = JsonValue::Kind::Bool;
        } else if (!consumeWord("null")) {
            fail("unexpected character (code " + std::to_string(c) + ")");
        }
        return v;
    }

    void parseObject(JsonValue& v, int depth)
    {
        ++m_pos; // '{'
        skipWhitespace();
        if (!atEnd() && peek() == '}') {
            ++m_pos;
            return;
        }
        std::set<std::string> keys; // a linear search per key would be quadratic in hostile input
        for (;;) {
            skipWhitespace();
            if (atEnd() || peek() != '"')
                fail("expected a string key");
            const std::size_t keyPos = m_pos;
            std::string key = parseString();
            if (!keys.insert(key).second) {
                m_pos = keyPos;
                fail("duplicate key \"" + key + "\"");
            }
            expect(':');
            JsonValue value = parseValue(depth + 1);
            v.members.push_back({std::move(key), std::move(value)});
            skipWhitespace();
            if (atEnd())
                fail("unterminated object");
            if (peek() == '}') {
                ++m_pos;
                return;
            }
            expect(',');
        }
    }

    void parseArray(JsonValue& v, int depth)
    {
        ++m_pos; // '['
        skipWhitespace();
        if (!atEnd() && peek() == ']') {
            ++m_pos;
            return;
        }
        for (;;) {
            v.items.push_back(parseValue(depth + 1));
            skipWhitespace();
            if (atEnd())
                fail("unterminated array");
            if (peek() == ']') {
                ++m_pos;
                return;
            }
            expect(',');
        }
    }

    void parseNumber(JsonValue& v)
    {
        const std::size_t begin = m_pos;
        auto digits = [this] {
            const std::size_t start = m_pos;
            while (!atEnd() && peek() >= '0' && peek() <= '9')
                ++m_pos;
            return m_pos - start;
        };
        if (peek() == '-')
            ++m_pos;
        if (atEnd())
            fail("incomplete number");
        if (peek() == '0') {
            ++m_pos;
        } else if (digits() == 0) {
            fail("invalid number");
        }
        bool integral = true;
        if (!atEnd() && peek() == '.') {
            ++m_pos;
            integral = false;
            if (digits() == 0)
                fail("invalid number: digits expected after '.'");
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            ++m_pos;
            integral = false;
            if (!atEnd() && (peek() == '+' || peek() == '-'))
                ++m_pos;
            if (digits() == 0)
                fail("invalid number: digits expected in the exponent");
        }
        const char* first = m_text.data() + begin;
        const char* last = m_text.data() + m_pos;
        if (integral) {
            const auto r = std::from_chars(first, last, v.integer);
            v.isInteger = r.ec == std::errc() && r.ptr == last;
        }
        const auto r = std::from_chars(first, last, v.number);
        if (r.ec == std::errc::result_out_of_range && !v.isInteger)
            fail("number out of range");
    }

    unsigned hex4()
    {
        if (m_text.size() - m_pos < 4)
            fail("incomplete \\u escape");
        unsigned code = 0;
        for (int i = 0; i < 4; ++i) {
            const unsigned char c = peek();
            unsigned digit;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                digit = c - 'A' + 10;
            else
                fail("invalid hex digit in \\u escape");
            code = code * 16 + digit;
            ++m_pos;
        }
        return code;
    }

    static void appendUtf8(std::string& out, unsigned code)
    {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    unsigned parseEscape()
    {
        if (atEnd())
            fail("unterminated escape");
        const unsigned char c = peek();
        ++m_pos;
        switch (c) {
        case '"':
            return '"';
        case '\\':
            return '\\';
        case '/':
            return '/';
        case 'b':
            return '\b';
        case 'f':
            return '\f';
        case 'n':
            return '\n';
        case 'r':
            return '\r';
        case 't':
            return '\t';
        case 'u':
            break;
        default:
            fail("invalid escape");
        }
        const unsigned code = hex4();
        if (code >= 0xDC00 && code <= 0xDFFF)
            fail("unpaired low surrogate in \\u escape");
        if (code < 0xD800 || code > 0xDBFF)
            return code;
        if (!consumeWord("\\u"))
            fail("unpaired high surrogate in \\u escape");
        const unsigned low = hex4();
        if (low < 0xDC00 || low > 0xDFFF)
            fail("invalid low surrogate in \\u escape");
        return 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }

    // Length of the valid UTF-8 sequence starting at m_pos, or 0 (RFC 3629: no overlongs, no
    // surrogates, nothing above U+10FFFF).
    std::size_t utf8Length() const
    {
        const unsigned char c = peek();
        std::size_t n;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (m_text.size() - m_pos < n)
            return 0;
        for (std::size_t i = 1; i < n; ++i) {
            const auto b = static_cast<unsigned char>(m_text[m_pos + i]);
            if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF))
                return 0;
        }
        return n;
    }

    std::string parseString()
    {
        ++m_pos; // opening quote
        std::string out;
        for (;;) {
            if (atEnd())
                fail("unterminated string");
            const unsigned char c = peek();
            if (c == '"') {
                ++m_pos;
                return out;
            }
            if (c == '\\') {
                ++m_pos;
                appendUtf8(out, parseEscape());
            } else if (c < 0x20) {
                fail("control character in string");
            } else if (c < 0x80) {
                out += static_cast<char>(c);
                ++m_pos;
            } else {
                const std::size_t n = utf8Length();
                if (n == 0)
                    fail("invalid UTF-8 in string");
                out.append(m_text.substr(m_pos, n));
                m_pos += n;
            }
        }
    }

    const std::string& m_context;
    std::size_t m_values = 0;
};

} // namespace

JsonValue parseJson(std::string_view text, const std::string& context)
{
    return JsonParser(text, context).parseDocument();
}

} // namespace attnviz::io
