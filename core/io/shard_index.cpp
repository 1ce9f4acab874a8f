#include "io/shard_index.h"

#include "io/strict_json.h"
#include "io/tensor.h"

#include <algorithm>
#include <nlohmann/json.hpp>

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
    const nlohmann::json root = parseStrictJson(json, name);
    const auto map = root.is_object() ? root.find("weight_map") : root.end();
    if (map == root.end() || !map->is_object())
        throw FormatError(name + ": no \"weight_map\" object");
    if (map->empty())
        throw FormatError(name + ": \"weight_map\" names no tensors");
    ShardIndex index;
    for (const auto& [tensor, shard] : map->items()) {
        const std::string context = name + ": tensor '" + tensor + "'";
        if (!shard.is_string())
            throw FormatError(context + ": the shard is not a string");
        const std::string& file = shard.get_ref<const std::string&>();
        if (!isPlainShardName(file))
            throw FormatError(context + ": shard '" + file +
                              "' is not a .safetensors file name in the model folder");
        index.shardOf.emplace(tensor, file);
        index.shards.push_back(file);
    }
    std::sort(index.shards.begin(), index.shards.end());
    index.shards.erase(std::unique(index.shards.begin(), index.shards.end()), index.shards.end());
    return index;
}

} // namespace attnviz::io
