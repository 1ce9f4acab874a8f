#pragma once

#include "io/mapped_file.h"
#include "io/weight_file.h"

#include <string>
#include <vector>

namespace attnviz::io {

// The weights of a HuggingFace checkpoint, mapped and kept in their stored dtype (F32, F16, BF16;
// others are refused by name). `path` is
//  - a model folder: its model.safetensors, else the shards its model.safetensors.index.json
//    names (as transformers' from_pretrained chooses);
//  - a .safetensors file, or an index .json file.
// Shards must agree with the index: a missing shard, a tensor the index places in a shard that
// does not hold it, a tensor in a shard the index does not place there, and a tensor held twice
// are FormatErrors naming the file and the tensor.
class SafetensorsWeights : public WeightFile {
public:
    explicit SafetensorsWeights(const std::string& path);

private:
    void addFile(const std::string& path, const std::string& indexPath,
                 const std::map<std::string, std::string>* shardOf);
    void openSharded(const std::string& indexPath);

    std::vector<MappedFile> m_files;
};

} // namespace attnviz::io
