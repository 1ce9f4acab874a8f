#include "io/npy_header.h"

#include "io/tensor.h"
#include "io/text_cursor.h"

#include <limits>
#include <optional>

namespace attnviz::io {

namespace {

// The subset of Python literals a header can hold. Structured dtypes nest lists of tuples.
struct PyValue {
    enum class Kind { String, Bool, None, Int, Sequence };
    Kind kind = Kind::None;
    std::string text;
    bool boolean = false;
    std::int64_t integer = 0;
    std::vector<PyValue> items;
};

constexpr int kMaxDepth = 8;
// Far above kMaxDims; keeps a hostile "(1,1,1,...)" header from allocating a value per byte.
constexpr std::size_t kMaxItems = 4096;

class PyLiteralParser : TextCursor {
public:
    PyLiteralParser(std::string_view text, const std::string& name)
        : TextCursor(text)
        , m_name(name)
    {
    }

    NpyHeader parseHeader()
    {
        skipWhitespace();
        if (!consume('{'))
            fail("does not start with '{'");
        std::optional<PyValue> descr, fortran, shape;
        skipWhitespace();
        while (!consume('}')) {
            const PyValue key = parseValue(1);
            if (key.kind != PyValue::Kind::String)
                fail("has a key that is not a string");
            skipWhitespace();
            if (!consume(':'))
                fail("expects ':' after key '" + key.text + "'");
            PyValue value = parseValue(1);
            std::optional<PyValue>* slot = key.text == "descr"           ? &descr
                                           : key.text == "fortran_order" ? &fortran
                                           : key.text == "shape"         ? &shape
                                                                         : nullptr;
            if (slot) {
                if (slot->has_value())
                    fail("has key '" + key.text + "' twice");
                *slot = std::move(value);
            }
            skipWhitespace();
            if (consume(','))
                skipWhitespace();
            else if (!atEnd() && m_text[m_pos] != '}')
                fail("expects ',' or '}' after the value of '" + key.text + "'");
        }
        skipWhitespace();
        if (!atEnd())
            fail("has unexpected text after the closing '}'");

        NpyHeader header;
        if (!descr)
            fail("has no 'descr' key");
        if (!fortran)
            fail("has no 'fortran_order' key");
        if (!shape)
            fail("has no 'shape' key");
        if (descr->kind == PyValue::Kind::Sequence)
            header.descr = "[...]";
        else if (descr->kind == PyValue::Kind::String)
            header.descr = descr->text;
        else
            fail("'descr' is not a string");
        if (fortran->kind != PyValue::Kind::Bool)
            fail("'fortran_order' is not True or False");
        header.fortranOrder = fortran->boolean;
        if (shape->kind != PyValue::Kind::Sequence)
            fail("'shape' is not a tuple");
        for (const PyValue& d : shape->items) {
            if (d.kind != PyValue::Kind::Int)
                fail("'shape' holds something other than integers");
            header.shape.push_back(d.integer);
        }
        return header;
    }

private:
    [[noreturn]] void fail(const std::string& why) const
    {
        throw FormatError(m_name + ": the .npy header " + why);
    }

    PyValue parseValue(int depth)
    {
        if (depth > kMaxDepth)
            fail("is nested too deeply");
        skipWhitespace();
        if (atEnd())
            fail("ends in the middle of a value");
        PyValue v;
        const char c = m_text[m_pos];
        if (c == '\'' || c == '"') {
            v.kind = PyValue::Kind::String;
            v.text = parseString(c);
        } else if (c == '(' || c == '[') {
            v.kind = PyValue::Kind::Sequence;
            parseSequence(v, c == '(' ? ')' : ']', depth);
        } else if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
            v.kind = PyValue::Kind::Int;
            v.integer = parseInt();
        } else if (consumeWord("True")) {
            v.kind = PyValue::Kind::Bool;
            v.boolean = true;
        } else if (consumeWord("False")) {
            v.kind = PyValue::Kind::Bool;
        } else if (!consumeWord("None")) {
            fail("holds an unexpected character (code " +
                 std::to_string(static_cast<unsigned char>(c)) + ")");
        }
        return v;
    }

    std::string parseString(char quote)
    {
        ++m_pos;
        std::string out;
        for (;;) {
            if (atEnd())
                fail("has an unterminated string");
            const char c = m_text[m_pos++];
            if (c == quote)
                return out;
            if (c == '\\') { // only dtype names live here; keep the escaped character as is
                if (atEnd())
                    fail("has an unterminated string");
                out += m_text[m_pos++];
            } else {
                out += c;
            }
        }
    }

    std::int64_t parseInt()
    {
        bool negative = false;
        if (m_text[m_pos] == '-' || m_text[m_pos] == '+')
            negative = m_text[m_pos++] == '-';
        if (atEnd() || m_text[m_pos] < '0' || m_text[m_pos] > '9')
            fail("has a malformed number");
        std::int64_t value = 0;
        while (!atEnd() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
            const int digit = m_text[m_pos++] - '0';
            // Accumulate negatively so that INT64_MIN parses; overflow is an error either way.
            if (__builtin_mul_overflow(value, 10, &value) ||
                __builtin_sub_overflow(value, digit, &value))
                fail("has a number too large for 64 bits");
        }
        if (!atEnd() && (m_text[m_pos] == 'L' || m_text[m_pos] == 'l'))
            ++m_pos; // Python 2 long suffix, written by old numpy versions
        if (negative)
            return value;
        if (value == std::numeric_limits<std::int64_t>::min())
            fail("has a number too large for 64 bits");
        return -value;
    }

    void parseSequence(PyValue& v, char close, int depth)
    {
        ++m_pos;
        skipWhitespace();
        while (!consume(close)) {
            if (v.items.size() == kMaxItems)
                fail("has a sequence of more than " + std::to_string(kMaxItems) + " items");
            v.items.push_back(parseValue(depth + 1));
            skipWhitespace();
            if (consume(','))
                skipWhitespace();
            else if (!atEnd() && m_text[m_pos] != close)
                fail(std::string("expects ',' or '") + close + "' in a sequence");
            else if (atEnd())
                fail("ends inside a sequence");
        }
    }

    const std::string& m_name;
};

} // namespace

NpyHeader parseNpyHeader(std::string_view text, const std::string& name)
{
    return PyLiteralParser(text, name).parseHeader();
}

} // namespace attnviz::io
