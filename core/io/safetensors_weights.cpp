#include "io/safetensors_weights.h"

#include "io/safetensors_header.h"
#include "io/shard_index.h"

#include <algorithm>
#include <filesystem>

namespace attnviz::io {

namespace fs = std::filesystem;

namespace {

WeightType weightTypeOf(DType type)
{
    switch (type) {
    case DType::F16:
        return WeightType::F16;
    case DType::BF16:
        return WeightType::BF16;
    default:
        return WeightType::F32; // the only other dtype the header parser is asked to accept
    }
}

std::string join(const fs::path& folder, const std::string& file)
{
    return (folder / file).string();
}

} // namespace

SafetensorsWeights::SafetensorsWeights(const std::string& path)
{
    m_source = path;
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
        if (path.ends_with(".json"))
            openSharded(path);
        else
            addFile(path, {}, nullptr);
        return;
    }
    const std::string single = join(path, "model.safetensors");
    const std::string index = join(path, "model.safetensors.index.json");
    if (fs::exists(single, ec))
        addFile(single, {}, nullptr);
    else if (fs::exists(index, ec))
        openSharded(index);
    else
        throw FormatError(path + ": no model.safetensors or model.safetensors.index.json in " +
                          "this folder");
}

void SafetensorsWeights::openSharded(const std::string& indexPath)
{
    const MappedFile indexFile(indexPath);
    // An index is JSON like a header, and a few hundred kilobytes even for large models.
    if (indexFile.bytes().size() > kMaxSafetensorsHeaderBytes)
        throw FormatError(indexPath + ": " + std::to_string(indexFile.bytes().size()) +
                          " bytes is above the 100 MB limit for an index");
    const ShardIndex index = parseShardIndex(indexFile.bytes(), indexPath);
    const fs::path folder = fs::path(indexPath).parent_path();
    std::error_code ec;
    for (const std::string& shard : index.shards) {
        if (!fs::exists(folder / shard, ec)) {
            const auto holds =
                std::find_if(index.shardOf.begin(), index.shardOf.end(),
                             [&](const auto& entry) { return entry.second == shard; });
            throw FormatError(indexPath + ": shard '" + shard + "' is missing (the index places " +
                              "tensor '" + holds->first + "' in it)");
        }
        addFile(join(folder, shard), indexPath, &index.shardOf);
    }
    for (const auto& [tensor, shard] : index.shardOf)
        if (!find(tensor))
            throw FormatError(join(folder, shard) + ": tensor '" + tensor + "' is not in this " +
                              "shard, but " + indexPath + " places it there");
}

void SafetensorsWeights::addFile(const std::string& path, const std::string& indexPath,
                                 const std::map<std::string, std::string>* shardOf)
{
    const MappedFile& file = m_files.emplace_back(path);
    const SafetensorsHeader header =
        parseSafetensorsHeader(file.bytes(), path, {DType::F32, DType::F16, DType::BF16});
    const std::string shard = fs::path(path).filename().string();
    for (const SafetensorsEntry& e : header.entries) {
        if (shardOf) {
            const auto placed = shardOf->find(e.name);
            if (placed == shardOf->end())
                throw FormatError(path + ": tensor '" + e.name + "' is not in the weight_map of " +
                                  indexPath);
            if (placed->second != shard)
                throw FormatError(path + ": tensor '" + e.name + "' is in this shard, but " +
                                  indexPath + " places it in '" + placed->second + "'");
        }
        WeightView view;
        view.name = e.name;
        view.type = weightTypeOf(e.type);
        view.shape = e.shape;
        view.data = reinterpret_cast<const std::byte*>(header.data.data()) + e.begin;
        view.bytes = std::size_t(e.end - e.begin);
        addTensor(std::move(view), path);
    }
}

} // namespace attnviz::io
