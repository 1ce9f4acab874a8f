#pragma once

// Byte builders for the io tests: files are assembled by hand so that every byte is known.

#include "io/tensor.h"

#include <QByteArray>
#include <QString>
#include <bit>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace iotest {

// Test data is built as std::string; Qt Test rows carry it as QByteArray.
inline std::string str(const QByteArray& b)
{
    return std::string(b.constData(), static_cast<std::size_t>(b.size()));
}

inline QByteArray bytes(const std::string& s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

// The message of the FormatError that `parse` throws, or an empty string when it succeeds.
template <typename Parse> QString formatErrorOf(Parse&& parse)
{
    try {
        parse();
    } catch (const attnviz::io::FormatError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

inline void appendLittleEndian(std::string& out, std::uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// A .npy file with the given version (1, 2 or 3), header text (used verbatim) and data.
inline std::string npyFile(int major, const std::string& header, const std::string& data)
{
    std::string out("\x93NUMPY", 6);
    out += static_cast<char>(major);
    out += '\0';
    appendLittleEndian(out, header.size(), major == 1 ? 2 : 4);
    return out + header + data;
}

inline std::string npyDict(const std::string& descr, const std::string& shape)
{
    return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }\n";
}

template <typename T, typename Bits> std::string littleEndianBytes(std::initializer_list<T> values)
{
    std::string out;
    for (T v : values)
        appendLittleEndian(out, static_cast<std::uint64_t>(std::bit_cast<Bits>(v)), sizeof(T));
    return out;
}

inline std::string f32(std::initializer_list<float> v)
{
    return littleEndianBytes<float, std::uint32_t>(v);
}
inline std::string f64(std::initializer_list<double> v)
{
    return littleEndianBytes<double, std::uint64_t>(v);
}
inline std::string u16(std::initializer_list<std::uint16_t> v)
{
    return littleEndianBytes<std::uint16_t, std::uint16_t>(v);
}
inline std::string i32(std::initializer_list<std::int32_t> v)
{
    return littleEndianBytes<std::int32_t, std::uint32_t>(v);
}
inline std::string i64(std::initializer_list<std::int64_t> v)
{
    return littleEndianBytes<std::int64_t, std::uint64_t>(v);
}

// A .safetensors file from a header text used verbatim and the data buffer.
inline std::string safetensorsRaw(const std::string& header, const std::string& data)
{
    std::string out;
    appendLittleEndian(out, header.size(), 8);
    return out + header + data;
}

struct Entry {
    std::string name;
    std::string dtype;
    std::vector<std::int64_t> shape;
    std::string data;
};

// A valid .safetensors file: tensors stored in the given order, offsets computed.
inline std::string safetensorsFile(const std::vector<Entry>& entries,
                                   const std::string& metadata = {})
{
    std::string header = "{";
    if (!metadata.empty())
        header += "\"__metadata__\":" + metadata;
    std::string data;
    for (const Entry& e : entries) {
        if (header.size() > 1)
            header += ',';
        header += "\"" + e.name + "\":{\"dtype\":\"" + e.dtype + "\",\"shape\":[";
        for (std::size_t i = 0; i < e.shape.size(); ++i)
            header += (i ? "," : "") + std::to_string(e.shape[i]);
        header += "],\"data_offsets\":[" + std::to_string(data.size()) + "," +
                  std::to_string(data.size() + e.data.size()) + "]}";
        data += e.data;
    }
    header += "}";
    header.append((8 - header.size() % 8) % 8, ' '); // the reference writer pads to 8 bytes
    return safetensorsRaw(header, data);
}

} // namespace iotest
