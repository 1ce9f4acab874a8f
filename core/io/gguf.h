#pragma once

#include "io/gguf_metadata.h"
#include "io/mapped_file.h"
#include "io/weight_file.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace attnviz::io {

// A llama.cpp GGUF file (versions 2 and 3), mapped: its metadata, read on demand with typed
// getters, and its tensors as WeightViews (F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K; other ggml
// types are refused by name and number). Shapes are ne[] reversed into PyTorch order.
// Layout: "GGUF", u32 version, u64 tensor count, u64 metadata count, the metadata key/value
// pairs, the tensor infos (name, u32 n_dims ≤ 4, u64 ne[n_dims], u32 ggml type, u64 offset), then
// the data section at the next multiple of general.alignment (u32, a power of two, default 32).
// Every count, length, offset and size is checked against the file before use; tensors must
// start at a multiple of the alignment, lie inside the data section and not overlap.
class GgufFile : public WeightFile {
public:
    explicit GgufFile(const std::string& path);
    // Reads `bytes`, which must outlive the object; `name` stands for the file in messages.
    GgufFile(std::string_view bytes, const std::string& name);

    std::uint32_t version() const { return m_version; }
    std::uint32_t alignment() const { return m_alignment; }

    // Every metadata key, in file order.
    const std::vector<std::string_view>& keys() const { return m_keys; }
    const GgufValue* value(std::string_view key) const; // nullptr when absent
    bool has(std::string_view key) const { return value(key) != nullptr; }

    // Typed getters. Each throws FormatError "<file>: metadata '<key>' is missing" or
    // "<file>: metadata '<key>' is <type>, not <wanted>".
    std::string_view string(std::string_view key) const;
    std::int64_t integer(std::string_view key) const; // any integer type; u64 must fit
    double real(std::string_view key) const;          // f32, f64 or any integer type
    bool boolean(std::string_view key) const;
    std::vector<std::string_view> strings(std::string_view key) const;
    std::vector<std::int64_t> integers(std::string_view key) const;
    std::vector<double> reals(std::string_view key) const;

private:
    void parse(std::string_view bytes);
    void readTensorInfos(ByteReader& in, std::uint64_t count, std::string_view bytes);
    std::vector<std::string_view> strings(std::string_view key, bool isArray) const;
    std::vector<std::int64_t> integers(std::string_view key, bool isArray) const;
    const GgufValue& expect(std::string_view key, bool isArray, std::string_view wanted,
                            const std::function<bool(GgufType)>& accepts) const;

    MappedFile m_file; // empty when reading bytes the caller owns
    std::uint32_t m_version = 0;
    std::uint32_t m_alignment = 32;
    std::vector<std::string_view> m_keys;
    std::map<std::string_view, GgufValue, std::less<>> m_metadata;
};

} // namespace attnviz::io
