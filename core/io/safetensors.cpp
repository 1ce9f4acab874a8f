#include "io/safetensors.h"

#include "io/decode.h"
#include "io/file.h"
#include "io/json.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace attnviz::io {

namespace {

struct Entry {
    const std::string* key;
    std::string context; // "<file>: tensor '<key>'"
    DType type;
    std::vector<std::int64_t> shape;
    std::uint64_t begin, end;
};

std::optional<DType> dtypeFromName(std::string_view dtype)
{
    if (dtype == "F32")
        return DType::F32;
    if (dtype == "F64")
        return DType::F64;
    if (dtype == "F16")
        return DType::F16;
    if (dtype == "BF16")
        return DType::BF16;
    return std::nullopt;
}

// A JSON array of non-negative integers, or a FormatError naming `field`.
std::vector<std::int64_t> integerList(const JsonValue* v, const std::string& context,
                                      const char* field)
{
    if (!v)
        throw FormatError(context + " has no \"" + field + "\"");
    if (v->kind != JsonValue::Kind::Array)
        throw FormatError(context + ": \"" + field + "\" is not an array");
    std::vector<std::int64_t> out;
    for (const JsonValue& item : v->items) {
        if (item.kind != JsonValue::Kind::Number || !item.isInteger)
            throw FormatError(context + ": \"" + field + "\" holds something other than 64-bit " +
                              "integers");
        if (item.integer < 0)
            throw FormatError(context + ": \"" + field + "\" holds the negative value " +
                              std::to_string(item.integer));
        out.push_back(item.integer);
    }
    return out;
}

Entry readEntry(const JsonMember& member, const std::string& name, std::uint64_t dataSize)
{
    Entry e;
    e.key = &member.key;
    e.context = name + ": tensor '" + member.key + "'";
    const JsonValue& info = member.value;
    if (info.kind != JsonValue::Kind::Object)
        throw FormatError(e.context + ": header entry is not an object");

    const JsonValue* dtype = info.find("dtype");
    if (!dtype || dtype->kind != JsonValue::Kind::String)
        throw FormatError(e.context + " has no \"dtype\" string");
    const std::optional<DType> type = dtypeFromName(dtype->text);
    if (!type)
        throw FormatError(e.context + " has unsupported dtype '" + dtype->text +
                          "' (supported: F32, F64, F16, BF16)");
    e.type = *type;

    e.shape = integerList(info.find("shape"), e.context, "shape");
    const std::int64_t count = checkedElementCount(e.shape, e.context);
    const std::vector<std::int64_t> offsets =
        integerList(info.find("data_offsets"), e.context, "data_offsets");
    if (offsets.size() != 2)
        throw FormatError(e.context + ": \"data_offsets\" must hold two numbers, not " +
                          std::to_string(offsets.size()));
    e.begin = static_cast<std::uint64_t>(offsets[0]);
    e.end = static_cast<std::uint64_t>(offsets[1]);
    const std::string range = "[" + std::to_string(e.begin) + ", " + std::to_string(e.end) + "]";
    if (e.end < e.begin)
        throw FormatError(e.context + ": data_offsets " + range + " end before they begin");
    if (e.end > dataSize)
        throw FormatError(e.context + ": data_offsets " + range +
                          " run past the end of the data (" + std::to_string(dataSize) + " bytes)");
    // count ≤ kMaxElements and elements are ≤ 8 bytes: no overflow.
    const std::uint64_t needed = std::uint64_t(count) * byteSize(e.type);
    if (e.end - e.begin != needed)
        throw FormatError(e.context + ": data_offsets " + range + " span " +
                          std::to_string(e.end - e.begin) + " bytes but " + dtype->text +
                          " with shape " + shapeToString(e.shape) + " needs " +
                          std::to_string(needed));
    return e;
}

} // namespace

std::map<std::string, Tensor> parseSafetensors(std::string_view bytes, const std::string& name)
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

    const JsonValue root = parseJson(bytes.substr(8, headerLength), name + ": header");
    if (root.kind != JsonValue::Kind::Object)
        throw FormatError(name + ": header is not a JSON object");
    const std::string_view data = bytes.substr(8 + headerLength);

    std::vector<Entry> entries;
    for (const JsonMember& member : root.members) {
        if (member.key == "__metadata__")
            continue; // free-form strings for humans; nothing we need
        entries.push_back(readEntry(member, name, data.size()));
    }

    // Tensors must tile the buffer in offset order, as the reference implementation demands:
    // an overlap or gap means the offsets were not written by a correct writer.
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    std::uint64_t covered = 0;
    const Entry* previous = nullptr;
    for (const Entry& e : entries) {
        if (e.begin < covered)
            throw FormatError(e.context + ": data_offsets overlap tensor '" + *previous->key + "'");
        if (e.begin > covered)
            throw FormatError(e.context + ": data_offsets leave bytes [" + std::to_string(covered) +
                              ", " + std::to_string(e.begin) + ") of the data unused");
        covered = e.end;
        previous = &e;
    }
    if (covered != data.size())
        throw FormatError(name + ": " + std::to_string(data.size() - covered) +
                          " bytes of data after the last tensor belong to no tensor");

    std::map<std::string, Tensor> tensors;
    for (const Entry& e : entries) {
        Tensor t;
        t.shape = e.shape;
        t.sourceType = e.type;
        t.values.resize((e.end - e.begin) / byteSize(e.type));
        decodeLittleEndian(e.type, data.substr(e.begin, e.end - e.begin), t.values.data());
        tensors.emplace(*e.key, std::move(t));
    }
    return tensors;
}

std::map<std::string, Tensor> readSafetensors(const std::string& path)
{
    return parseSafetensors(readFileBytes(path), path);
}

} // namespace attnviz::io
