#include "io/shard_index.h"

#include "io/json.h"
#include "io/tensor.h"

#include <algorithm>

namespace attnviz::io {

namespace {

bool isPlainShardName(std::string_view file)
{
    return file.ends_with(".safetensors") && file.find_first_of("/\\") == std::string_view::npos &&
           file.find('\0') == std::string_view::npos;
}

} // namespace

ShardIndex parseShardIndex(std::string_view json, const std::string& name)
{
    const JsonValue root = parseJson(json, name);
    const JsonValue* map = root.kind == JsonValue::Kind::Object ? root.find("weight_map") : nullptr;
    if (!map || map->kind != JsonValue::Kind::Object)
        throw FormatError(name + ": no \"weight_map\" object");
    if (map->members.empty())
        throw FormatError(name + ": \"weight_map\" names no tensors");
    ShardIndex index;
    for (const JsonMember& member : map->members) {
        const std::string context = name + ": tensor '" + member.key + "'";
        if (member.value.kind != JsonValue::Kind::String)
            throw FormatError(context + ": the shard is not a string");
        const std::string& file = member.value.text;
        if (!isPlainShardName(file))
            throw FormatError(context + ": shard '" + file +
                              "' is not a .safetensors file name in the model folder");
        index.shardOf.emplace(member.key, file);
        index.shards.push_back(file);
    }
    std::sort(index.shards.begin(), index.shards.end());
    index.shards.erase(std::unique(index.shards.begin(), index.shards.end()), index.shards.end());
    return index;
}

} // namespace attnviz::io
