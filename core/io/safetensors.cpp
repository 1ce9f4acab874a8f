#include "io/safetensors.h"

#include "io/decode.h"
#include "io/file.h"
#include "io/safetensors_header.h"

namespace attnviz::io {

std::map<std::string, Tensor> parseSafetensors(std::string_view bytes, const std::string& name)
{
    const SafetensorsHeader header =
        parseSafetensorsHeader(bytes, name, {DType::F32, DType::F64, DType::F16, DType::BF16});
    std::map<std::string, Tensor> tensors;
    for (const SafetensorsEntry& e : header.entries) {
        Tensor t;
        t.shape = e.shape;
        t.sourceType = e.type;
        t.values.resize((e.end - e.begin) / byteSize(e.type));
        decodeLittleEndian(e.type, header.data.substr(e.begin, e.end - e.begin), t.values.data());
        tensors.emplace(e.name, std::move(t));
    }
    return tensors;
}

std::map<std::string, Tensor> readSafetensors(const std::string& path)
{
    return parseSafetensors(readFileBytes(path), path);
}

} // namespace attnviz::io
