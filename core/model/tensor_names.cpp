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

// BERT and DistilBERT: the same post-LN encoder, spelt two ways.
TensorNames encoderNames(const std::string& p, bool distil)
{
    auto pick = [distil](const char* bert, const char* distilBert) {
        return std::string(distil ? distilBert : bert);
    };
    TensorNames n;
    n.tokens = p + "embeddings.word_embeddings";
    n.positions = p + "embeddings.position_embeddings";
    if (!distil)
        n.tokenTypes = p + "embeddings.token_type_embeddings";
    n.embedNorm = p + "embeddings.LayerNorm";
    const std::string l = p + pick("encoder.layer.#.", "transformer.layer.#.");
    n.layer.q = l + pick("attention.self.query", "attention.q_lin");
    n.layer.k = l + pick("attention.self.key", "attention.k_lin");
    n.layer.v = l + pick("attention.self.value", "attention.v_lin");
    n.layer.o = l + pick("attention.output.dense", "attention.out_lin");
    n.layer.norm1 = l + pick("attention.output.LayerNorm", "sa_layer_norm");
    n.layer.up = l + pick("intermediate.dense", "ffn.lin1");
    n.layer.down = l + pick("output.dense", "ffn.lin2");
    n.layer.norm2 = l + pick("output.LayerNorm", "output_layer_norm");
    n.headTransform = pick("cls.predictions.transform.dense", "vocab_transform");
    n.headNorm = pick("cls.predictions.transform.LayerNorm", "vocab_layer_norm");
    n.head = pick("cls.predictions.decoder", "vocab_projector");
    n.headBias = pick("cls.predictions.bias", "vocab_projector.bias");
    return n;
}

TensorNames bertNames(const std::string& p)
{
    return encoderNames(p, false);
}

TensorNames distilBertNames(const std::string& p)
{
    return encoderNames(p, true);
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
