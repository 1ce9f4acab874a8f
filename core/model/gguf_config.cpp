#include "common/error.h"
#include "io/gguf.h"
#include "model/config.h"

namespace attnviz::model {

namespace {

int positive(const io::GgufFile& file, const std::string& key)
{
    const std::int64_t v = file.integer(key);
    if (v <= 0 || v > (1 << 30))
        throw Error(file.source() + ": metadata '" + key + "' is " + std::to_string(v) +
                    ", not a positive size");
    return static_cast<int>(v);
}

} // namespace

ModelConfig configFromGguf(const io::GgufFile& file)
{
    const std::string arch(file.string("general.architecture"));
    if (arch != "llama")
        throw Error(file.source() + ": GGUF architecture \"" + arch +
                    "\" is not supported (supported: llama)");
    const std::string p = arch + ".";
    ModelConfig c;
    c.architecture = "gguf:" + arch;
    c.family = Family::Llama;
    c.dModel = positive(file, p + "embedding_length");
    c.layers = positive(file, p + "block_count");
    c.heads = positive(file, p + "attention.head_count");
    c.kvHeads = file.has(p + "attention.head_count_kv")
                    ? positive(file, p + "attention.head_count_kv")
                    : c.heads;
    c.headDim = file.has(p + "attention.key_length") ? positive(file, p + "attention.key_length")
                                                     : c.dModel / c.heads;
    c.ffn = positive(file, p + "feed_forward_length");
    c.maxPositions = positive(file, p + "context_length");
    c.normEps = file.real(p + "attention.layer_norm_rms_epsilon");
    c.rope.theta = file.has(p + "rope.freq_base") ? file.real(p + "rope.freq_base") : 10000.0;
    if (file.has(p + "rope.dimension_count") &&
        file.integer(p + "rope.dimension_count") != c.headDim)
        throw Error(file.source() + ": partial RoPE (rope.dimension_count " +
                    std::to_string(file.integer(p + "rope.dimension_count")) + " of head size " +
                    std::to_string(c.headDim) + ") is not supported");
    if (file.has(p + "rope.scaling.type") && file.string(p + "rope.scaling.type") != "none")
        throw Error(file.source() + ": rope scaling \"" +
                    std::string(file.string(p + "rope.scaling.type")) + "\" is not supported");
    if (file.find("rope_freqs.weight"))
        throw Error(file.source() + ": per-frequency RoPE factors (rope_freqs.weight, Llama 3.1) "
                                    "are not supported in GGUF files");
    if (c.kvHeads <= 0 || c.heads % c.kvHeads != 0 || c.headDim % 2 != 0)
        throw Error(file.source() + ": " + std::to_string(c.heads) + " heads, " +
                    std::to_string(c.kvHeads) + " key/value heads and head size " +
                    std::to_string(c.headDim) + " do not fit together");
    const io::WeightView& embed = file.require("token_embd.weight");
    c.vocab = static_cast<int>(embed.rows());
    c.tied = !file.find("output.weight");
    return c;
}

} // namespace attnviz::model
