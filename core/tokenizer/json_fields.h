#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

// Typed access to tokenizer files' JSON: each function throws attnviz::Error "<context>: ..."
// naming the key that is missing or of the wrong type, so a broken file says what is wrong.
namespace attnviz::tokenizer::json {

// Parses a whole file; throws attnviz::Error "<path>: ..." when unreadable or not JSON.
nlohmann::json readFile(const std::filesystem::path& path);
// Parses a document, nested at most 64 levels; throws attnviz::Error "<context>: ...".
nlohmann::json parse(std::string_view text, std::string_view context);

// `spec[key]`; a missing key is an error when `required`, else a null value.
const nlohmann::json& member(const nlohmann::json& spec, std::string_view key,
                             std::string_view context, bool required = true);
std::string string(const nlohmann::json& spec, std::string_view key, std::string_view context);
bool boolean(const nlohmann::json& spec, std::string_view key, bool fallback,
             std::string_view context);
std::int64_t integer(const nlohmann::json& value, std::string_view context);
const nlohmann::json& array(const nlohmann::json& spec, std::string_view key,
                            std::string_view context);

// A Split or Replace pattern, {"Regex": "..."} or {"String": "..."}, as a PCRE2 pattern.
std::string patternRegex(const nlohmann::json& pattern, std::string_view context);

} // namespace attnviz::tokenizer::json
