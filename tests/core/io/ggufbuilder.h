#pragma once

// GGUF files assembled byte by byte for the io tests, valid by default and easy to damage.

#include "iotestutil.h"

#include <cstdint>
#include <string>
#include <vector>

namespace iotest {

// GGUF value type tags (gguf_type) and the ggml tensor types the tests use.
enum GgufTag : std::uint32_t {
    kU8 = 0,
    kI8,
    kU16,
    kI16,
    kU32,
    kI32,
    kF32,
    kBool,
    kStr,
    kArr,
    kU64,
    kI64,
    kF64
};
enum GgmlType : std::uint32_t {
    kGgmlF32 = 0,
    kGgmlF16 = 1,
    kGgmlQ4_0 = 2,
    kGgmlQ8_0 = 8,
    kGgmlQ4_K = 12,
    kGgmlQ6_K = 14,
    kGgmlBF16 = 30
};

inline std::string ggufString(const std::string& s)
{
    std::string out;
    appendLittleEndian(out, s.size(), 8);
    return out + s;
}

struct GgufTensor {
    std::string name;
    std::vector<std::uint64_t> ne; // innermost first, as GGUF stores it
    std::uint32_t type = kGgmlF32;
    std::string data;
    std::int64_t offset = -1; // -1: the next aligned offset after the previous tensor
};

struct GgufBuilder {
    std::uint32_t version = 3;
    std::uint32_t alignment = 32; // used for padding; write general.alignment to change the file's
    std::uint64_t keyCount = 0;
    std::string metadata;
    std::vector<GgufTensor> tensors;

    // A key with a raw value: its type tag(s) and payload as GGUF stores them.
    GgufBuilder& add(const std::string& key, const std::string& typedValue)
    {
        ++keyCount;
        metadata += ggufString(key) + typedValue;
        return *this;
    }
    static std::string scalar(std::uint32_t tag, std::uint64_t bits, int bytes)
    {
        std::string out;
        appendLittleEndian(out, tag, 4);
        appendLittleEndian(out, bits, bytes);
        return out;
    }
    static std::string string(const std::string& s)
    {
        std::string out;
        appendLittleEndian(out, kStr, 4);
        return out + ggufString(s);
    }
    static std::string array(std::uint32_t tag, std::uint64_t count, const std::string& payload)
    {
        std::string out;
        appendLittleEndian(out, kArr, 4);
        appendLittleEndian(out, tag, 4);
        appendLittleEndian(out, count, 8);
        return out + payload;
    }

    std::string build() const
    {
        std::string out = "GGUF";
        appendLittleEndian(out, version, 4);
        appendLittleEndian(out, tensors.size(), 8);
        appendLittleEndian(out, keyCount, 8);
        out += metadata;
        std::string data;
        for (const GgufTensor& t : tensors) {
            data.append((alignment - data.size() % alignment) % alignment, '\0');
            const std::uint64_t offset = t.offset >= 0 ? std::uint64_t(t.offset) : data.size();
            out += ggufString(t.name);
            appendLittleEndian(out, t.ne.size(), 4);
            for (std::uint64_t n : t.ne)
                appendLittleEndian(out, n, 8);
            appendLittleEndian(out, t.type, 4);
            appendLittleEndian(out, offset, 8);
            data += t.data;
        }
        if (!tensors.empty())
            out.append((alignment - out.size() % alignment) % alignment, '\0');
        return out + data;
    }
};

// A tensor of `bytes` bytes of recognisable content.
inline GgufTensor ggufTensor(const std::string& name, std::vector<std::uint64_t> ne,
                             std::uint32_t type, std::size_t bytes, std::int64_t offset = -1)
{
    std::string data(bytes, '\0');
    for (std::size_t i = 0; i < bytes; ++i)
        data[i] = char(i * 7 + name.size());
    return {name, std::move(ne), type, data, offset};
}

// Two F32 tensors after one metadata key; the file ends with the last tensor's last byte.
inline GgufBuilder twoTensorGguf()
{
    GgufBuilder b;
    b.add("general.architecture", GgufBuilder::string("llama"));
    b.tensors = {ggufTensor("a", {4, 2}, kGgmlF32, 32), ggufTensor("b", {4}, kGgmlF32, 16)};
    return b;
}

} // namespace iotest
