#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace attnviz::io {

// Element types of model weights as they are stored: safetensors dtypes and GGUF tensor types.
// Quantised types are ggml's block formats (block_q8_0, block_q4_0, block_q4_K, block_q6_K).
enum class WeightType { F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K };

std::string_view toString(WeightType type);

// ggml's block geometry: a row of n elements is stored as n / blockElements(type) blocks of
// blockBytes(type) bytes. The float types are blocks of one element.
std::int64_t blockElements(WeightType type);
std::size_t blockBytes(WeightType type);

// One tensor of a model file in its stored type, without a copy: `data` points into the mapped
// file, which lives as long as the WeightFile that handed out the view.
// `shape` is row-major, outermost first, as PyTorch and HuggingFace write it: a linear layer's
// weight is (out, in). GGUF's ne[] (innermost first) is reversed into this order on reading.
struct WeightView {
    std::string name;
    WeightType type = WeightType::F32;
    std::vector<std::int64_t> shape;
    const std::byte* data = nullptr;
    std::size_t bytes = 0;

    std::int64_t cols() const; // the last dimension (1 for a scalar)
    std::int64_t rows() const; // the product of the others (1 for a vector)
};

// Widens rows [first, first + count) of `view` to float32, cols() floats per row, into `out`.
// Dequantisation follows ggml's reference definitions (dequantize_row_*) exactly.
// Throws attnviz::Error for a range outside the tensor, or a view whose bytes do not hold its
// shape.
void widenRows(const WeightView& view, std::int64_t first, std::int64_t count, float* out);

// A model's tensors from one file or a set of shards, mapped read-only. Every offset and size is
// checked against the file before a view is handed out.
class WeightFile {
public:
    virtual ~WeightFile() = default;

    const std::vector<WeightView>& tensors() const { return m_tensors; }
    const WeightView* find(std::string_view name) const; // nullptr when absent
    // The tensor, or attnviz::Error "<file>: missing tensor '<name>'".
    const WeightView& require(std::string_view name) const;
    // What the views come from, for messages: a file or folder path.
    const std::string& source() const { return m_source; }

protected:
    // Appends a view; a name already present is a FormatError "<where>: tensor '<name>' appears
    // twice". Readers add every view through this, so find() sees them all.
    void addTensor(WeightView view, const std::string& where);

    std::vector<WeightView> m_tensors;
    std::string m_source;

private:
    std::map<std::string, std::size_t, std::less<>> m_index; // name → position in m_tensors
};

} // namespace attnviz::io
