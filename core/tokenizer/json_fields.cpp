#include "tokenizer/json_fields.h"

#include "common/error.h"
#include "tokenizer/regex.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace attnviz::tokenizer::json {

namespace {

// A tokenizer.json nests a few levels; a deeper document is hostile, not a tokenizer.
constexpr int kMaxDepth = 64;

[[noreturn]] void fail(std::string_view context, std::string_view key, std::string_view what)
{
    throw Error(std::string(context) + ": '" + std::string(key) + "' " + std::string(what));
}

} // namespace

nlohmann::json readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot open the file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        throw Error(path.string() + ": cannot read the file");
    return parse(buffer.str(), path.string());
}

nlohmann::json parse(std::string_view text, std::string_view context)
{
    int depth = 0;
    bool tooDeep = false;
    const auto limitDepth = [&](int d, nlohmann::json::parse_event_t event, nlohmann::json&) {
        if (event == nlohmann::json::parse_event_t::object_start ||
            event == nlohmann::json::parse_event_t::array_start)
            depth = d;
        tooDeep = tooDeep || depth > kMaxDepth;
        return !tooDeep;
    };
    try {
        nlohmann::json document = nlohmann::json::parse(text, limitDepth);
        if (tooDeep)
            throw Error(std::string(context) + ": JSON nested deeper than " +
                        std::to_string(kMaxDepth) + " levels");
        return document;
    } catch (const nlohmann::json::parse_error& e) {
        throw Error(std::string(context) + ": not valid JSON (" + e.what() + ")");
    } catch (const nlohmann::json::out_of_range& e) { // a number beyond double's range
        throw Error(std::string(context) + ": not valid JSON (" + e.what() + ")");
    }
}

const nlohmann::json& member(const nlohmann::json& spec, std::string_view key,
                             std::string_view context, bool required)
{
    static const nlohmann::json null;
    if (!spec.is_object())
        throw Error(std::string(context) + ": expected a JSON object");
    const auto it = spec.find(key);
    if (it == spec.end()) {
        if (required)
            fail(context, key, "is missing");
        return null;
    }
    return *it;
}

std::string string(const nlohmann::json& spec, std::string_view key, std::string_view context)
{
    const auto& value = member(spec, key, context);
    if (!value.is_string())
        fail(context, key, "must be a string");
    return value.get<std::string>();
}

bool boolean(const nlohmann::json& spec, std::string_view key, bool fallback,
             std::string_view context)
{
    const auto& value = member(spec, key, context, false);
    if (value.is_null())
        return fallback;
    if (!value.is_boolean())
        fail(context, key, "must be true or false");
    return value.get<bool>();
}

std::int64_t integer(const nlohmann::json& value, std::string_view context)
{
    if (!value.is_number_integer())
        throw Error(std::string(context) + ": expected an integer, found " +
                    std::string(value.type_name()));
    return value.get<std::int64_t>();
}

const nlohmann::json& array(const nlohmann::json& spec, std::string_view key,
                            std::string_view context)
{
    const auto& value = member(spec, key, context);
    if (!value.is_array())
        fail(context, key, "must be an array");
    return value;
}

std::string patternRegex(const nlohmann::json& pattern, std::string_view context)
{
    if (pattern.is_object() && pattern.size() == 1) {
        if (pattern.contains("Regex") && pattern["Regex"].is_string())
            return pattern["Regex"].get<std::string>();
        if (pattern.contains("String") && pattern["String"].is_string())
            return escapeRegex(pattern["String"].get<std::string>());
    }
    throw Error(std::string(context) + ": 'pattern' must be {\"Regex\": ...} or {\"String\": ...}");
}

} // namespace attnviz::tokenizer::json
