#include "io/strict_json.h"

#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

namespace attnviz::io {

namespace {

// nlohmann says where it stopped only in its own errors. Reading through this iterator records
// how far it has read, so that the callback's errors can say where they are too.
class CountingIterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    CountingIterator(const char* at, const char** furthest)
        : m_at(at)
        , m_furthest(furthest)
    {
    }

    reference operator*() const { return *m_at; }
    CountingIterator& operator++()
    {
        *m_furthest = ++m_at;
        return *this;
    }
    CountingIterator operator++(int)
    {
        CountingIterator before = *this;
        ++*this;
        return before;
    }
    bool operator==(const CountingIterator& other) const { return m_at == other.m_at; }

private:
    const char* m_at;
    const char** m_furthest;
};

// The opening quote of the string whose closing quote is text[close]: the nearest quote before it
// not escaped by an odd run of backslashes (inside a valid string every quote is escaped).
std::size_t openingQuote(std::string_view text, std::size_t close)
{
    for (std::size_t i = close; i-- > 0;) {
        std::size_t backslashes = 0;
        while (backslashes < i && text[i - 1 - backslashes] == '\\')
            ++backslashes;
        if (text[i] == '"' && backslashes % 2 == 0)
            return i;
    }
    return 0;
}

// "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error ..." → what
// follows the position, which the message gives as a byte offset instead.
std::string reasonOf(std::string_view what)
{
    if (const auto column = what.find(", column "); column != std::string_view::npos)
        if (const auto colon = what.find(": ", column); colon != std::string_view::npos)
            return std::string(what.substr(colon + 2));
    if (const auto bracket = what.find("] "); bracket != std::string_view::npos)
        return std::string(what.substr(bracket + 2));
    return std::string(what);
}

} // namespace

nlohmann::json parseStrictJson(std::string_view text, const std::string& context)
{
    using Event = nlohmann::json::parse_event_t;
    const char* begin = text.data();
    const char* furthest = begin;
    auto fail = [&](std::size_t byte, const std::string& why) {
        throw JsonError(context, byte, why);
    };
    // The last byte read: the bracket that opened a container, the quote that closed a key.
    auto last = [&] { return furthest > begin ? std::size_t(furthest - begin) - 1 : 0; };

    std::vector<std::set<std::string>> keys; // of each open object; a std::set stays fast on
    std::size_t values = 0;                  // hostile input where a list would be quadratic
    auto check = [&](int depth, Event event, nlohmann::json& parsed) {
        if (event == Event::object_start || event == Event::array_start || event == Event::value) {
            if (++values > kMaxJsonValues)
                fail(last(), "more than " + std::to_string(kMaxJsonValues) + " values");
            if (event != Event::value && depth >= kMaxJsonDepth)
                fail(last(), "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
        }
        if (event == Event::object_start)
            keys.emplace_back();
        else if (event == Event::object_end)
            keys.pop_back();
        else if (event == Event::key && !keys.back().insert(parsed.get<std::string>()).second)
            fail(openingQuote(text, last()), "duplicate key " + parsed.dump());
        return true;
    };
    try {
        return nlohmann::json::parse(CountingIterator(begin, &furthest),
                                     CountingIterator(begin + text.size(), &furthest), check);
    } catch (const nlohmann::json::parse_error& e) {
        fail(e.byte > 0 ? e.byte - 1 : 0, reasonOf(e.what()));
    } catch (const nlohmann::json::out_of_range& e) { // a number beyond double's range
        fail(last(), reasonOf(e.what()));
    }
    return {}; // not reached: fail() throws
}

} // namespace attnviz::io
