#include "tokenizer/post_processor.h"

#include "common/error.h"
#include "tokenizer/json_fields.h"

#include <nlohmann/json.hpp>

namespace attnviz::tokenizer {

namespace {

TokenId tokenOfPair(const nlohmann::json& spec, std::string_view key, std::string_view context)
{
    const auto& pair = json::member(spec, key, context);
    if (!pair.is_array() || pair.size() != 2)
        throw Error(std::string(context) + ": '" + std::string(key) + "' must be [token, id]");
    return TokenId(json::integer(pair[1], std::string(context) + " " + std::string(key)));
}

Wrapping fromTemplate(const nlohmann::json& spec, std::string_view context)
{
    Wrapping w;
    const auto& specials = json::member(spec, "special_tokens", context);
    bool seenSequence = false;
    for (const auto& item : json::array(spec, "single", context)) {
        if (item.is_object() && item.contains("Sequence")) {
            seenSequence = true;
            continue;
        }
        const auto& token = json::member(item, "SpecialToken", context);
        const std::string name = json::string(token, "id", context);
        const auto& entry = json::member(specials, name, context);
        for (const auto& id : json::array(entry, "ids", std::string(context) + " " + name))
            (seenSequence ? w.suffix : w.prefix)
                .push_back(TokenId(json::integer(id, std::string(context) + " " + name)));
    }
    if (!seenSequence)
        throw Error(std::string(context) + ": the 'single' template has no $A sequence");
    return w;
}

} // namespace

Wrapping wrappingFromJson(const nlohmann::json& spec, std::string_view context)
{
    if (spec.is_null())
        return {};
    const std::string type = json::string(spec, "type", context);
    const std::string where = std::string(context) + " " + type;
    if (type == "ByteLevel")
        return {};
    if (type == "TemplateProcessing")
        return fromTemplate(spec, where);
    if (type == "BertProcessing" || type == "RobertaProcessing")
        return {{tokenOfPair(spec, "cls", where)}, {tokenOfPair(spec, "sep", where)}};
    if (type == "Sequence") {
        // Each processor wraps what the ones before it made.
        Wrapping w;
        for (const auto& item : json::array(spec, "processors", where)) {
            const Wrapping inner = wrappingFromJson(item, context);
            w.prefix.insert(w.prefix.begin(), inner.prefix.begin(), inner.prefix.end());
            w.suffix.insert(w.suffix.end(), inner.suffix.begin(), inner.suffix.end());
        }
        return w;
    }
    throw Error(std::string(context) + ": post-processor type '" + type + "' is not supported");
}

} // namespace attnviz::tokenizer
