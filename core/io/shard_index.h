#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace attnviz::io {

// model.safetensors.index.json of a sharded HuggingFace checkpoint:
// {"metadata": {...}, "weight_map": {"<tensor>": "model-00001-of-00002.safetensors", ...}}.
struct ShardIndex {
    std::map<std::string, std::string> shardOf; // tensor name → shard file name
    std::vector<std::string> shards;            // every shard named, sorted, once each
};

// Parses and checks an index: weight_map must name at least one tensor, and every shard must be a
// plain file name ending in ".safetensors" in the index's folder (no path separators, so an index
// cannot point outside its model). `name` starts every FormatError message.
ShardIndex parseShardIndex(std::string_view json, const std::string& name);

} // namespace attnviz::io
