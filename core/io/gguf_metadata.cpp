#include "io/gguf_metadata.h"

#include <bit>
#include <cstring>
#include <iterator>

namespace attnviz::io {

namespace {

// Bytes of one element of a fixed-size type; 0 for strings and arrays.
std::size_t elementBytes(GgufType type)
{
    switch (type) {
    case GgufType::U8:
    case GgufType::I8:
    case GgufType::Bool:
        return 1;
    case GgufType::U16:
    case GgufType::I16:
        return 2;
    case GgufType::U32:
    case GgufType::I32:
    case GgufType::F32:
        return 4;
    case GgufType::U64:
    case GgufType::I64:
    case GgufType::F64:
        return 8;
    case GgufType::String:
    case GgufType::Array:
        return 0;
    }
    return 0;
}

template <typename T> T load(const GgufValue& value, std::uint64_t i)
{
    T v;
    std::memcpy(&v, value.bytes.data() + i * sizeof(T), sizeof(T));
    return v;
}

} // namespace

std::string_view toString(GgufType type)
{
    static constexpr std::string_view kNames[] = {"u8",   "i8",  "u16", "i16", "u32", "i32", "f32",
                                                  "bool", "str", "arr", "u64", "i64", "f64"};
    const auto index = static_cast<std::uint32_t>(type);
    return index < std::size(kNames) ? kNames[index] : "?";
}

GgufValue readGgufValue(ByteReader& in, std::string_view key, const std::string& name)
{
    const std::string what = "the value of metadata '" + std::string(key) + "'";
    auto checkedType = [&](std::uint32_t tag) {
        if (tag > static_cast<std::uint32_t>(GgufType::F64))
            throw FormatError(name + ": metadata '" + std::string(key) + "' has unknown type " +
                              std::to_string(tag));
        return static_cast<GgufType>(tag);
    };
    GgufValue value;
    value.type = checkedType(in.read<std::uint32_t>(what));
    if (value.type == GgufType::Array) {
        value.isArray = true;
        value.type = checkedType(in.read<std::uint32_t>(what));
        if (value.type == GgufType::Array)
            throw FormatError(name + ": metadata '" + std::string(key) +
                              "' is an array of arrays, which GGUF readers do not support");
        value.count = in.read<std::uint64_t>(what);
    }
    // An array's count is checked against the bytes left before anything is sized by it.
    const std::size_t size = elementBytes(value.type);
    if (value.isArray)
        in.requireRoom(value.count, value.type == GgufType::String ? sizeof(std::uint64_t) : size,
                       what);
    const std::size_t start = in.position();
    if (value.type == GgufType::String) {
        for (std::uint64_t i = 0; i < value.count; ++i)
            in.readString(what);
        value.bytes = in.consumedSince(start);
    } else {
        value.bytes = in.take(value.count * size, what);
    }
    return value;
}

bool isGgufInteger(GgufType type)
{
    return elementBytes(type) > 0 && type != GgufType::F32 && type != GgufType::F64 &&
           type != GgufType::Bool;
}

std::int64_t ggufIntegerAt(const GgufValue& value, std::uint64_t i)
{
    switch (value.type) {
    case GgufType::U8:
        return load<std::uint8_t>(value, i);
    case GgufType::I8:
        return load<std::int8_t>(value, i);
    case GgufType::Bool:
        return load<std::int8_t>(value, i) != 0;
    case GgufType::U16:
        return load<std::uint16_t>(value, i);
    case GgufType::I16:
        return load<std::int16_t>(value, i);
    case GgufType::U32:
        return load<std::uint32_t>(value, i);
    case GgufType::I32:
        return load<std::int32_t>(value, i);
    case GgufType::U64:
        return std::bit_cast<std::int64_t>(load<std::uint64_t>(value, i));
    case GgufType::I64:
        return load<std::int64_t>(value, i);
    default:
        return 0;
    }
}

double ggufRealAt(const GgufValue& value, std::uint64_t i)
{
    if (value.type == GgufType::F32)
        return load<float>(value, i);
    if (value.type == GgufType::F64)
        return load<double>(value, i);
    if (value.type == GgufType::U64)
        return double(load<std::uint64_t>(value, i));
    return double(ggufIntegerAt(value, i));
}

} // namespace attnviz::io
