#include "model/model_weights.h"

#include "common/error.h"
#include "io/tensor.h"
#include "io/weight_file.h"
#include "model/tensor_names.h"

#include <algorithm>
#include <vector>

namespace attnviz::model {

namespace {

class Binder {
public:
    Binder(const io::WeightFile& file)
        : m_file(file)
    {
    }

    const io::WeightView& matrix(const std::string& name, std::int64_t rows, std::int64_t cols)
    {
        const io::WeightView& view = m_file.require(name);
        checkShape(view, {rows, cols});
        return view;
    }
    RowVector vector(const std::string& name, std::int64_t size)
    {
        const io::WeightView& view = m_file.require(name);
        checkShape(view, {size});
        RowVector v(size);
        io::widenRows(view, 0, 1, v.data());
        checkFinite(view, v.data(), v.size());
        return v;
    }
    // A lookup table (token or position embeddings): only the rows a text uses are widened in a
    // forward pass, so the whole table is checked here, once, in blocks of rows.
    const io::WeightView& table(const std::string& name, std::int64_t rows, std::int64_t cols)
    {
        const io::WeightView& view = matrix(name, rows, cols);
        const std::int64_t block = std::max<std::int64_t>(1, (std::int64_t(1) << 16) / cols);
        std::vector<float> widened(static_cast<std::size_t>(block * cols));
        for (std::int64_t first = 0; first < rows; first += block) {
            const std::int64_t count = std::min(block, rows - first);
            io::widenRows(view, first, count, widened.data());
            checkFinite(view, widened.data(), count * cols);
        }
        return view;
    }
    void checkFinite(const io::WeightView& view, const float* data, Eigen::Index size) const
    {
        if (!allFinite(data, size))
            throw Error(m_file.source() + ": tensor '" + view.name +
                        "' holds NaN or infinite values");
    }
    Linear linear(const std::string& base, int in, int out, bool bias, bool conv1d = false)
    {
        Linear l;
        l.weight = conv1d ? &matrix(base + ".weight", in, out) : &matrix(base + ".weight", out, in);
        l.conv1d = conv1d;
        l.in = in;
        l.out = out;
        if (bias)
            l.bias = vector(base + ".bias", out);
        return l;
    }
    Norm norm(const std::string& base, int size, bool rms, double eps)
    {
        Norm n;
        n.weight = vector(base + ".weight", size);
        if (!rms)
            n.bias = vector(base + ".bias", size);
        n.rms = rms;
        n.eps = static_cast<float>(eps);
        return n;
    }
    bool has(const std::string& name) const { return m_file.find(name) != nullptr; }

private:
    void checkShape(const io::WeightView& view, const std::vector<std::int64_t>& shape) const
    {
        if (view.shape != shape)
            throw Error(m_file.source() + ": tensor '" + view.name + "' has shape " +
                        io::shapeToString(view.shape) + ", the config needs " +
                        io::shapeToString(shape));
    }

    const io::WeightFile& m_file;
};

void bindLayer(const ModelConfig& c, const TensorNames::Layer& n, int layer, Binder& b,
               LayerWeights& w)
{
    auto name = [&](const std::string& pattern) { return layerName(pattern, layer); };
    const int d = c.dModel, qd = c.heads * c.headDim, kvd = c.kvHeads * c.headDim;
    const bool llama = c.family == Family::Llama;
    const bool bias = !llama; // GPT-2 and BERT have every bias
    w.norm1 = b.norm(name(n.norm1), d, llama, c.normEps);
    w.norm2 = b.norm(name(n.norm2), d, llama, c.normEps);
    if (!n.qkv.empty()) {
        w.qkv = b.linear(name(n.qkv), d, 3 * d, true, true);
    } else {
        w.q = b.linear(name(n.q), d, qd, bias || c.attentionBias);
        w.k = b.linear(name(n.k), d, kvd, bias || c.attentionBias);
        w.v = b.linear(name(n.v), d, kvd, bias || c.attentionBias);
    }
    const bool conv1d = c.family == Family::Gpt2;
    w.o = b.linear(name(n.o), qd, d, bias || c.outputBias, conv1d);
    if (llama)
        w.gate = b.linear(name(n.gate), d, c.ffn, c.mlpBias);
    w.up = b.linear(name(n.up), d, c.ffn, bias || c.mlpBias, conv1d);
    w.down = b.linear(name(n.down), c.ffn, d, bias || c.mlpBias, conv1d);
}

void bindHead(const ModelConfig& c, const TensorNames& n, Binder& b, ModelWeights& w)
{
    const std::string headWeight = n.head + ".weight";
    if (c.family == Family::Llama || c.family == Family::Gpt2) {
        w.hasHead = c.headRequired || b.has(headWeight);
        if (!w.hasHead)
            return;
        if (c.family == Family::Llama && !c.tied)
            w.head = b.linear(n.head, c.dModel, c.vocab, false);
        else // GPT-2's lm_head is always the token embedding
            w.head.weight = w.tokens;
    } else {
        // BertModel without cls.*: no head; BertForMaskedLM must have one.
        w.hasHead = c.headRequired || b.has(n.headTransform + ".weight");
        if (!w.hasHead)
            return;
        w.headTransform = b.linear(n.headTransform, c.dModel, c.dModel, true);
        w.headNorm = b.norm(n.headNorm, c.dModel, false, c.normEps);
        if (b.has(headWeight))
            w.head.weight = &b.matrix(headWeight, c.vocab, c.dModel);
        else
            w.head.weight = w.tokens;
        const std::string bias = b.has(n.headBias) ? n.headBias : n.head + ".bias";
        w.head.bias = b.vector(bias, c.vocab);
    }
    w.head.in = c.dModel;
    w.head.out = c.vocab;
}

} // namespace

ModelWeights bindWeights(const ModelConfig& c, const io::WeightFile& file, bool gguf)
{
    const TensorNames n = tensorNames(c, file, gguf);
    Binder b(file);
    ModelWeights w;
    w.interleavedRope = gguf;
    w.tokens = &b.table(n.tokens + ".weight", c.vocab, c.dModel);
    if (!n.positions.empty())
        w.positions = &b.table(n.positions + ".weight", c.maxPositions, c.dModel);
    if (!n.tokenTypes.empty()) {
        const io::WeightView& types = b.matrix(n.tokenTypes + ".weight", c.typeVocab, c.dModel);
        w.tokenType0.resize(c.dModel);
        io::widenRows(types, 0, 1, w.tokenType0.data());
        b.checkFinite(types, w.tokenType0.data(), w.tokenType0.size());
    }
    if (!n.embedNorm.empty())
        w.embedNorm = b.norm(n.embedNorm, c.dModel, false, c.normEps);
    w.layers.resize(c.layers);
    for (int l = 0; l < c.layers; ++l)
        bindLayer(c, n.layer, l, b, w.layers[l]);
    if (!n.finalNorm.empty())
        w.finalNorm = b.norm(n.finalNorm, c.dModel, c.family == Family::Llama, c.normEps);
    bindHead(c, n, b, w);
    return w;
}

} // namespace attnviz::model
