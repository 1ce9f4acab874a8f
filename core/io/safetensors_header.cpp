#include "io/safetensors_header.h"

#include "io/strict_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace attnviz::io {

namespace {

using nlohmann::json;

// A JSON array of non-negative 64-bit integers, or a FormatError naming `field`.
std::vector<std::int64_t> integerList(const json& info, const std::string& context,
                                      const char* field)
{
    const auto list = info.find(field);
    if (list == info.end())
        throw FormatError(context + " has no \"" + field + "\"");
    if (!list->is_array())
        throw FormatError(context + ": \"" + field + "\" is not an array");
    std::vector<std::int64_t> out;
    for (const json& item : *list) {
        // nlohmann reads non-negative integers as unsigned, negative ones as signed.
        const bool fits = item.is_number_unsigned()
                              ? item.get<std::uint64_t>() <= std::uint64_t(INT64_MAX)
                              : item.is_number_integer();
        if (!fits)
            throw FormatError(context + ": \"" + field + "\" holds something other than 64-bit " +
                              "integers");
        if (item.get<std::int64_t>() < 0)
            throw FormatError(context + ": \"" + field + "\" holds the negative value " +
                              std::to_string(item.get<std::int64_t>()));
        out.push_back(item.get<std::int64_t>());
    }
    return out;
}

DType dtypeOf(const json& info, const std::string& context, std::initializer_list<DType> accepted)
{
    const auto dtype = info.find("dtype");
    if (dtype == info.end() || !dtype->is_string())
        throw FormatError(context + " has no \"dtype\" string");
    const std::string& name = dtype->get_ref<const std::string&>();
    std::string supported;
    for (DType type : accepted) {
        if (name == toString(type))
            return type;
        supported += (supported.empty() ? "" : ", ") + std::string(toString(type));
    }
    throw FormatError(context + " has unsupported dtype '" + name + "' (supported: " + supported +
                      ")");
}

SafetensorsEntry readEntry(const std::string& key, const json& info, const std::string& context,
                           std::uint64_t dataSize, std::initializer_list<DType> accepted)
{
    SafetensorsEntry e;
    e.name = key;
    if (!info.is_object())
        throw FormatError(context + ": header entry is not an object");
    e.type = dtypeOf(info, context, accepted);

    e.shape = integerList(info, context, "shape");
    const std::int64_t count = checkedElementCount(e.shape, context);
    const std::vector<std::int64_t> offsets = integerList(info, context, "data_offsets");
    if (offsets.size() != 2)
        throw FormatError(context + ": \"data_offsets\" must hold two numbers, not " +
                          std::to_string(offsets.size()));
    e.begin = static_cast<std::uint64_t>(offsets[0]);
    e.end = static_cast<std::uint64_t>(offsets[1]);
    const std::string range = "[" + std::to_string(e.begin) + ", " + std::to_string(e.end) + "]";
    if (e.end < e.begin)
        throw FormatError(context + ": data_offsets " + range + " end before they begin");
    if (e.end > dataSize)
        throw FormatError(context + ": data_offsets " + range + " run past the end of the data (" +
                          std::to_string(dataSize) + " bytes)");
    // count ≤ kMaxElements and elements are ≤ 8 bytes: no overflow.
    const std::uint64_t needed = std::uint64_t(count) * byteSize(e.type);
    if (e.end - e.begin != needed)
        throw FormatError(context + ": data_offsets " + range + " span " +
                          std::to_string(e.end - e.begin) + " bytes but " +
                          std::string(toString(e.type)) + " with shape " + shapeToString(e.shape) +
                          " needs " + std::to_string(needed));
    return e;
}

std::string contextOf(const std::string& name, const std::string& tensor)
{
    return name + ": tensor '" + tensor + "'";
}

} // namespace

SafetensorsHeader parseSafetensorsHeader(std::string_view bytes, const std::string& name,
                                         std::initializer_list<DType> accepted)
{
    if (bytes.size() < 8)
        throw FormatError(name + ": file is too short to be a .safetensors file (" +
                          std::to_string(bytes.size()) + " bytes)");
    std::uint64_t headerLength = 0;
    for (int i = 0; i < 8; ++i)
        headerLength |= std::uint64_t(static_cast<unsigned char>(bytes[i])) << (8 * i);
    if (headerLength > kMaxSafetensorsHeaderBytes)
        throw FormatError(name + ": header length " + std::to_string(headerLength) +
                          " is above the 100 MB limit; this is not a valid .safetensors file");
    if (headerLength > bytes.size() - 8)
        throw FormatError(name + ": header length " + std::to_string(headerLength) +
                          " runs past the end of the file (" + std::to_string(bytes.size()) +
                          " bytes)");

    const json root = parseStrictJson(bytes.substr(8, headerLength), name + ": header");
    if (!root.is_object())
        throw FormatError(name + ": header is not a JSON object");
    SafetensorsHeader header;
    header.data = bytes.substr(8 + headerLength);

    for (const auto& [key, info] : root.items()) {
        if (key == "__metadata__")
            continue; // free-form strings for humans; nothing we need
        header.entries.push_back(
            readEntry(key, info, contextOf(name, key), header.data.size(), accepted));
    }

    // Tensors must tile the buffer in offset order, as the reference implementation demands:
    // an overlap or gap means the offsets were not written by a correct writer.
    std::vector<SafetensorsEntry>& entries = header.entries;
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    std::uint64_t covered = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const SafetensorsEntry& e = entries[i];
        if (e.begin < covered)
            throw FormatError(contextOf(name, e.name) + ": data_offsets overlap tensor '" +
                              entries[i - 1].name + "'");
        if (e.begin > covered)
            throw FormatError(contextOf(name, e.name) + ": data_offsets leave bytes [" +
                              std::to_string(covered) + ", " + std::to_string(e.begin) +
                              ") of the data unused");
        covered = e.end;
    }
    if (covered != header.data.size())
        throw FormatError(name + ": " + std::to_string(header.data.size() - covered) +
                          " bytes of data after the last tensor belong to no tensor");
    return header;
}

} // namespace attnviz::io
