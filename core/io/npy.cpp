#include "io/npy.h"

#include "io/decode.h"
#include "io/encode.h"
#include "io/file.h"
#include "io/npy_header.h"
#include "io/npy_writer.h"

#include <limits>
#include <stdexcept>

namespace attnviz::io {

namespace {

constexpr std::string_view kMagic("\x93NUMPY", 6);

std::uint32_t loadLittleEndian(std::string_view bytes, std::size_t offset, std::size_t width)
{
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < width; ++i)
        v |= std::uint32_t(static_cast<unsigned char>(bytes[offset + i])) << (8 * i);
    return v;
}

DType dtypeFromDescr(const std::string& descr, const std::string& name)
{
    if (descr == "[...]")
        throw FormatError(name + ": structured (record) dtypes are not supported");
    char order = '|';
    std::string_view code = descr;
    if (!code.empty() && (code[0] == '<' || code[0] == '>' || code[0] == '|' || code[0] == '=')) {
        order = code[0];
        code.remove_prefix(1);
    }
    // Single bytes have no byte order, whatever mark the writer put in front.
    if (code == "b1" || code == "?")
        return DType::Bool;
    if (code == "u1")
        return DType::U8;
    const bool known = code == "f2" || code == "f4" || code == "f8" || code == "i4" || code == "i8";
    if (known && order == '>')
        throw FormatError(name + ": big-endian dtype '" + descr +
                          "' is not supported; save with arr.astype('<" + std::string(code) + "')");
    if (known && order == '<') {
        if (code == "f2")
            return DType::F16;
        if (code == "f4")
            return DType::F32;
        if (code == "f8")
            return DType::F64;
        return code == "i4" ? DType::I32 : DType::I64;
    }
    throw FormatError(name + ": unsupported dtype '" + descr +
                      "' (supported: <f2 <f4 <f8 |b1 |u1 <i4 <i8)");
}

} // namespace

Tensor parseNpy(std::string_view bytes, const std::string& name)
{
    if (!bytes.starts_with(kMagic.substr(0, bytes.size())))
        throw FormatError(name + ": not a .npy file (it does not start with \\x93NUMPY)");
    if (bytes.size() < 8)
        throw FormatError(name + ": file is too short to be a .npy file (" +
                          std::to_string(bytes.size()) + " bytes)");
    const int major = static_cast<unsigned char>(bytes[6]);
    const int minor = static_cast<unsigned char>(bytes[7]);
    if ((major != 1 && major != 2 && major != 3) || minor != 0)
        throw FormatError(name + ": unsupported .npy format version " + std::to_string(major) +
                          "." + std::to_string(minor) + " (supported: 1.0, 2.0, 3.0)");
    // Version 1 stores the header length in 16 bits, later versions in 32.
    const std::size_t lengthWidth = major == 1 ? 2 : 4;
    const std::size_t headerStart = 8 + lengthWidth;
    if (bytes.size() < headerStart)
        throw FormatError(name + ": file ends inside the .npy header length (" +
                          std::to_string(bytes.size()) + " bytes)");
    const std::uint32_t headerLength = loadLittleEndian(bytes, 8, lengthWidth);
    if (headerLength > kMaxNpyHeaderBytes)
        throw FormatError(name + ": .npy header length " + std::to_string(headerLength) +
                          " is implausibly large (limit " + std::to_string(kMaxNpyHeaderBytes) +
                          ")");
    if (headerLength > bytes.size() - headerStart)
        throw FormatError(name + ": .npy header length " + std::to_string(headerLength) +
                          " runs past the end of the file (" + std::to_string(bytes.size()) +
                          " bytes)");

    const NpyHeader header = parseNpyHeader(bytes.substr(headerStart, headerLength), name);
    if (header.fortranOrder)
        throw FormatError(name + ": Fortran-order arrays are not supported; save with "
                                 "np.ascontiguousarray");
    const DType type = dtypeFromDescr(header.descr, name);
    const std::int64_t count = checkedElementCount(header.shape, name);

    // count ≤ kMaxElements and elements are ≤ 8 bytes: no overflow.
    const std::string_view data = bytes.substr(headerStart + headerLength);
    const std::uint64_t expected = std::uint64_t(count) * byteSize(type);
    if (data.size() != expected)
        throw FormatError(name + ": header claims " + std::to_string(count) +
                          " elements but the file holds " + std::to_string(data.size()) +
                          " bytes of data (expected " + std::to_string(expected) + " bytes of '" +
                          header.descr + "')");

    Tensor t;
    t.shape = header.shape;
    t.sourceType = type;
    t.values.resize(static_cast<std::size_t>(count));
    decodeLittleEndian(type, data, t.values.data());
    return t;
}

Tensor readNpy(const std::string& path)
{
    return parseNpy(readFileBytes(path), path);
}

std::size_t npyFloatCount(const std::vector<std::int64_t>& shape)
{
    std::size_t count = 1;
    for (std::int64_t d : shape) {
        if (d < 0)
            throw std::invalid_argument("npy: negative dimension in shape " + shapeToString(shape));
        if (__builtin_mul_overflow(count, static_cast<std::size_t>(d), &count))
            throw std::invalid_argument("npy: shape " + shapeToString(shape) + " is too large");
    }
    // Leaves room for the header: header plus data always fit in a size_t.
    if (count > std::numeric_limits<std::size_t>::max() / 8)
        throw std::invalid_argument("npy: shape " + shapeToString(shape) + " is too large");
    return count;
}

std::string serializeNpyHeader(const std::vector<std::int64_t>& shape)
{
    npyFloatCount(shape); // refuses negative and oversized shapes
    std::string dict =
        "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeToString(shape) + ", }";
    // numpy pads with spaces and ends with '\n' so that the data starts 64-byte aligned.
    auto paddedEnd = [&](std::size_t prefix) { return (prefix + dict.size() + 1 + 63) / 64 * 64; };
    const bool v1 = paddedEnd(10) - 10 <= 0xFFFF; // version 1 has a 16-bit header length
    const std::size_t prefix = v1 ? 10 : 12;
    const std::size_t total = paddedEnd(prefix);
    dict.append(total - prefix - dict.size() - 1, ' ');
    dict += '\n';

    std::string out(kMagic);
    out += static_cast<char>(v1 ? 1 : 2);
    out += '\0';
    for (std::size_t i = 0; i < prefix - 8; ++i)
        out += static_cast<char>((dict.size() >> (8 * i)) & 0xFF);
    return out + dict;
}

std::string serializeNpy(const std::vector<std::int64_t>& shape, const float* data)
{
    const std::size_t count = npyFloatCount(shape);
    std::string out = serializeNpyHeader(shape);
    const std::size_t headerSize = out.size();
    out.resize(headerSize + count * 4);
    encodeFloat32LittleEndian(data, count, out.data() + headerSize);
    return out;
}

void writeNpy(const std::string& path, const std::vector<std::int64_t>& shape, const float* data)
{
    NpyWriter writer(path, shape);
    writer.write(data, npyFloatCount(shape));
    writer.finish();
}

} // namespace attnviz::io
