#include "model/tensor_names.h"

#include "io/weight_file.h"

#include <initializer_list>

namespace attnviz::model {

namespace {

TensorNames llamaNames(const std::string& p)
{
    TensorNames n;
    n.tokens = p + "embed_tokens";
    const std::string l = p + "layers.#.";
    n.layer = {l + "input_layernorm",
               l + "self_attn.q_proj",
               l + "self_attn.k_proj",
               l + "self_attn.v_proj",
               "",
               l + "self_attn.o_proj",
               l + "post_attention_layernorm",
               l + "mlp.gate_proj",
               l + "mlp.up_proj",
               l + "mlp.down_proj"};
    n.finalNorm = p + "norm";
    n.head = "lm_head";
    return n;
}

TensorNames ggufLlamaNames()
{
    TensorNames n;
    n.tokens = "token_embd";
    n.layer = {
        "blk.#.attn_norm",   "blk.#.attn_q",   "blk.#.attn_k",   "blk.#.attn_v", "",
        "blk.#.attn_output", "blk.#.ffn_norm", "blk.#.ffn_gate", "blk.#.ffn_up", "blk.#.ffn_down"};
    n.finalNorm = "output_norm";
    n.head = "output";
    return n;
}

TensorNames gpt2Names(const std::string& p)
{
    TensorNames n;
    n.tokens = p + "wte";
    n.positions = p + "wpe";
    const std::string l = p + "h.#.";
    n.layer.norm1 = l + "ln_1";
    n.layer.qkv = l + "attn.c_attn";
    n.layer.o = l + "attn.c_proj";
    n.layer.norm2 = l + "ln_2";
    n.layer.up = l + "mlp.c_fc";
    n.layer.down = l + "mlp.c_proj";
    n.finalNorm = p + "ln_f";
    n.head = "lm_head";
    return n;
}

TensorNames bertNames(const std::string& p)
{
    TensorNames n;
    n.tokens = p + "embeddings.word_embeddings";
    n.positions = p + "embeddings.position_embeddings";
    n.tokenTypes = p + "embeddings.token_type_embeddings";
    n.embedNorm = p + "embeddings.LayerNorm";
    const std::string l = p + "encoder.layer.#.";
    n.layer.q = l + "attention.self.query";
    n.layer.k = l + "attention.self.key";
    n.layer.v = l + "attention.self.value";
    n.layer.o = l + "attention.output.dense";
    n.layer.norm1 = l + "attention.output.LayerNorm";
    n.layer.up = l + "intermediate.dense";
    n.layer.down = l + "output.dense";
    n.layer.norm2 = l + "output.LayerNorm";
    n.headTransform = "cls.predictions.transform.dense";
    n.headNorm = "cls.predictions.transform.LayerNorm";
    n.head = "cls.predictions.decoder";
    n.headBias = "cls.predictions.bias";
    return n;
}

TensorNames distilBertNames(const std::string& p)
{
    TensorNames n;
    n.tokens = p + "embeddings.word_embeddings";
    n.positions = p + "embeddings.position_embeddings";
    n.embedNorm = p + "embeddings.LayerNorm";
    const std::string l = p + "transformer.layer.#.";
    n.layer.q = l + "attention.q_lin";
    n.layer.k = l + "attention.k_lin";
    n.layer.v = l + "attention.v_lin";
    n.layer.o = l + "attention.out_lin";
    n.layer.norm1 = l + "sa_layer_norm";
    n.layer.up = l + "ffn.lin1";
    n.layer.down = l + "ffn.lin2";
    n.layer.norm2 = l + "output_layer_norm";
    n.headTransform = "vocab_transform";
    n.headNorm = "vocab_layer_norm";
    n.head = "vocab_projector";
    n.headBias = "vocab_projector.bias";
    return n;
}

} // namespace

std::string layerName(const std::string& pattern, int layer)
{
    std::string name = pattern;
    if (const std::size_t at = name.find('#'); at != std::string::npos)
        name.replace(at, 1, std::to_string(layer));
    return name;
}

TensorNames tensorNames(const ModelConfig& config, const io::WeightFile& file, bool gguf)
{
    if (gguf)
        return ggufLlamaNames();
    auto pick = [&](TensorNames (*names)(const std::string&),
                    std::initializer_list<const char*> prefixes) {
        for (const char* prefix : prefixes) {
            TensorNames n = names(prefix);
            if (file.find(n.tokens + ".weight"))
                return n;
        }
        return names(*prefixes.begin()); // require() then names the missing embedding
    };
    switch (config.family) {
    case Family::Llama:
        return pick(llamaNames, {"model.", ""});
    case Family::Gpt2:
        return pick(gpt2Names, {"transformer.", ""});
    case Family::Bert:
        return pick(bertNames, {"bert.", ""});
    case Family::DistilBert:
        return pick(distilBertNames, {"distilbert.", ""});
    }
    return {};
}

} // namespace attnviz::model
