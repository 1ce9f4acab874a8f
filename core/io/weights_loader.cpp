#include "io/weights_loader.h"

#include "io/safetensors.h"
#include "io/tensor_matrix.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <string_view>

namespace attnviz::io {

namespace {

constexpr std::array<std::string_view, 12> kSuffixes = {
    "in_proj_weight", "in_proj_bias", "q_proj.weight",   "q_proj.bias",
    "k_proj.weight",  "k_proj.bias",  "v_proj.weight",   "v_proj.bias",
    "o_proj.weight",  "o_proj.bias",  "out_proj.weight", "out_proj.bias"};

bool isOutput(std::string_view suffix)
{
    return suffix.starts_with("o_proj") || suffix.starts_with("out_proj");
}

// The tensors found under one prefix, with messages that name the full key.
class Group {
public:
    Group(const std::string& file, const std::string& prefix,
          const std::map<std::string_view, const Tensor*>& tensors)
        : m_file(file)
        , m_prefix(prefix)
        , m_tensors(tensors)
    {
    }

    bool has(std::string_view suffix) const { return m_tensors.count(suffix) > 0; }

    std::string key(std::string_view suffix) const { return m_prefix + std::string(suffix); }
    std::string label(std::string_view suffix) const
    {
        return m_file + ": tensor '" + key(suffix) + "'";
    }

    const Tensor& require(std::string_view suffix) const
    {
        const auto it = m_tensors.find(suffix);
        if (it == m_tensors.end())
            throw FormatError(m_file + ": missing tensor '" + key(suffix) + "'");
        checkFinite(*it->second, suffix);
        return *it->second;
    }

    Matrix matrix(std::string_view suffix, Eigen::Index rows, Eigen::Index cols) const
    {
        const Tensor& t = require(suffix);
        const Matrix m = toMatrix(t, label(suffix));
        if (m.rows() != rows || m.cols() != cols)
            throw FormatError(label(suffix) + " has shape " + shapeToString(t.shape) +
                              ", expected " + shapeToString({rows, cols}));
        return m;
    }

    // Absent biases are zero: PyTorch's bias=False layers simply have none.
    RowVector vector(std::string_view suffix, Eigen::Index size) const
    {
        if (!has(suffix))
            return RowVector::Zero(size);
        const Tensor& t = require(suffix);
        // values.size() too: a hand-built Tensor may disagree with its shape.
        if (t.shape.size() != 1 || t.shape[0] != size ||
            t.values.size() != static_cast<std::size_t>(size))
            throw FormatError(label(suffix) + " has shape " + shapeToString(t.shape) +
                              ", expected " + shapeToString({size}));
        return Eigen::Map<const RowVector>(t.values.data(), size);
    }

private:
    void checkFinite(const Tensor& t, std::string_view suffix) const
    {
        if (!std::all_of(t.values.begin(), t.values.end(),
                         [](float v) { return std::isfinite(v); }))
            throw FormatError(label(suffix) + " contains NaN or infinite values");
    }

    const std::string& m_file;
    const std::string& m_prefix;
    const std::map<std::string_view, const Tensor*>& m_tensors;
};

std::string quotedList(const std::vector<std::string>& prefixes)
{
    std::string s;
    for (const std::string& p : prefixes)
        s += (s.empty() ? "'" : ", '") + p + "'";
    return s;
}

AttentionWeights fromGroup(const Group& g, const std::string& file)
{
    const bool packed = g.has("in_proj_weight") || g.has("in_proj_bias");
    const bool separate = g.has("q_proj.weight") || g.has("k_proj.weight") ||
                          g.has("v_proj.weight") || g.has("q_proj.bias") || g.has("k_proj.bias") ||
                          g.has("v_proj.bias");
    if (packed && separate)
        throw FormatError(file + ": both '" + g.key("in_proj_*") + "' and '" +
                          g.key("q/k/v_proj.*") + "' tensors are present; keep one layout");

    AttentionWeights w;
    Eigen::Index d = 0;
    if (packed) {
        const Tensor& in = g.require("in_proj_weight");
        if (in.shape.size() != 2 || in.shape[1] == 0 || in.shape[0] != 3 * in.shape[1])
            throw FormatError(g.label("in_proj_weight") + " has shape " + shapeToString(in.shape) +
                              ", expected (3·D, D)");
        d = in.shape[1];
        const Matrix packedW = toMatrix(in, g.label("in_proj_weight"));
        w.wq = packedW.topRows(d);
        w.wk = packedW.middleRows(d, d);
        w.wv = packedW.bottomRows(d);
        const RowVector b = g.vector("in_proj_bias", 3 * d);
        w.bq = b.segment(0, d);
        w.bk = b.segment(d, d);
        w.bv = b.segment(2 * d, d);
    } else {
        const Tensor& q = g.require("q_proj.weight");
        if (q.shape.size() != 2 || q.shape[0] == 0 || q.shape[0] != q.shape[1])
            throw FormatError(g.label("q_proj.weight") + " has shape " + shapeToString(q.shape) +
                              ", expected a square (D, D) matrix");
        d = q.shape[0];
        w.wq = g.matrix("q_proj.weight", d, d);
        w.wk = g.matrix("k_proj.weight", d, d);
        w.wv = g.matrix("v_proj.weight", d, d);
        w.bq = g.vector("q_proj.bias", d);
        w.bk = g.vector("k_proj.bias", d);
        w.bv = g.vector("v_proj.bias", d);
    }

    // nn.MultiheadAttention says out_proj, the reference post o_proj; HuggingFace uses both.
    const bool o = g.has("o_proj.weight") || g.has("o_proj.bias");
    const bool out = g.has("out_proj.weight") || g.has("out_proj.bias");
    if (o && out)
        throw FormatError(file + ": both '" + g.key("o_proj.*") + "' and '" + g.key("out_proj.*") +
                          "' tensors are present; keep one");
    const std::string_view stem = o ? "o_proj" : "out_proj";
    w.wo = g.matrix(std::string(stem) + ".weight", d, d);
    w.bo = g.vector(std::string(stem) + ".bias", d);

    try { // the engine's own check, as a last line of defence
        w.validate();
    } catch (const Error& e) {
        throw FormatError(file + ": " + e.what());
    }
    return w;
}

} // namespace

AttentionWeights weightsFromTensors(const std::map<std::string, Tensor>& tensors,
                                    const std::string& name)
{
    // prefix → suffix → tensor. A suffix counts only at a '.' boundary, so "xq_proj.weight" is
    // not q_proj.
    std::map<std::string, std::map<std::string_view, const Tensor*>> groups;
    for (const auto& [key, tensor] : tensors) {
        for (std::string_view suffix : kSuffixes) {
            if (!std::string_view(key).ends_with(suffix))
                continue;
            const std::string prefix = key.substr(0, key.size() - suffix.size());
            if (prefix.empty() || prefix.back() == '.')
                groups[prefix][suffix] = &tensor;
        }
    }
    // A prefix holding only an out_proj is some other layer (a model's output head), not attention.
    std::vector<std::string> candidates;
    for (const auto& [prefix, found] : groups)
        if (std::any_of(found.begin(), found.end(),
                        [](const auto& f) { return !isOutput(f.first); }))
            candidates.push_back(prefix);

    if (candidates.empty())
        throw FormatError(name + ": no attention weights found; expected in_proj_weight and "
                                 "out_proj.weight (nn.MultiheadAttention) or q_proj/k_proj/v_proj/"
                                 "o_proj .weight tensors");
    if (candidates.size() > 1)
        throw FormatError(name + ": attention weights found under several prefixes (" +
                          quotedList(candidates) + "); save a single layer");
    const std::string& prefix = candidates.front();
    return fromGroup(Group(name, prefix, groups[prefix]), name);
}

AttentionWeights readWeights(const std::string& path)
{
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!lower.ends_with(".safetensors"))
        throw FormatError(path + ": unsupported weight file type; expected a .safetensors file");
    return weightsFromTensors(readSafetensors(path), path);
}

} // namespace attnviz::io
