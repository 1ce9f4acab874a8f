#pragma once

// Small seeded random-weight checkpoints in exact HuggingFace layouts, written by the tests
// themselves so that every family runs without downloaded files.
#include "model/config.h"

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace tiny {

struct Tensor {
    std::vector<std::int64_t> shape;
    std::vector<float> values;
};
using Tensors = std::map<std::string, Tensor>;
using Edit = std::function<void(nlohmann::json& config, Tensors& tensors)>;

inline constexpr int kD = 32, kLayers = 2, kHeads = 4, kVocab = 40, kPositions = 32, kFfn = 48;

class Builder {
public:
    explicit Builder(unsigned seed)
        : m_rng(seed)
    {
    }
    void matrix(const std::string& name, std::int64_t rows, std::int64_t cols, float offset = 0)
    {
        add(name, {rows, cols}, offset);
    }
    void vector(const std::string& name, std::int64_t size, float offset = 0)
    {
        add(name, {size}, offset);
    }
    void linear(const std::string& base, int in, int out, bool bias, bool conv1d = false)
    {
        conv1d ? matrix(base + ".weight", in, out) : matrix(base + ".weight", out, in);
        if (bias)
            vector(base + ".bias", out);
    }
    void norm(const std::string& base, int size, bool bias)
    {
        vector(base + ".weight", size, 1.0f);
        if (bias)
            vector(base + ".bias", size);
    }
    Tensors tensors;

private:
    void add(const std::string& name, std::vector<std::int64_t> shape, float offset)
    {
        std::normal_distribution<float> z(0.0f, 0.2f);
        Tensor t{shape, {}};
        t.values.resize(
            static_cast<std::size_t>(shape.size() == 1 ? shape[0] : shape[0] * shape[1]));
        for (float& v : t.values)
            v = offset + z(m_rng);
        tensors[name] = std::move(t);
    }
    std::mt19937 m_rng;
};

inline nlohmann::json build(attnviz::model::Family family, Builder& b)
{
    using attnviz::model::Family;
    const int d = kD, f = kFfn;
    switch (family) {
    case Family::Llama: {
        const int kv = 2, hd = d / kHeads;
        b.matrix("model.embed_tokens.weight", kVocab, d);
        for (int l = 0; l < kLayers; ++l) {
            const std::string p = "model.layers." + std::to_string(l) + ".";
            b.norm(p + "input_layernorm", d, false);
            b.linear(p + "self_attn.q_proj", d, d, false);
            b.linear(p + "self_attn.k_proj", d, kv * hd, false);
            b.linear(p + "self_attn.v_proj", d, kv * hd, false);
            b.linear(p + "self_attn.o_proj", d, d, false);
            b.norm(p + "post_attention_layernorm", d, false);
            b.linear(p + "mlp.gate_proj", d, f, false);
            b.linear(p + "mlp.up_proj", d, f, false);
            b.linear(p + "mlp.down_proj", f, d, false);
        }
        b.norm("model.norm", d, false);
        b.linear("lm_head", d, kVocab, false);
        return {{"architectures", {"LlamaForCausalLM"}},
                {"hidden_size", d},
                {"num_hidden_layers", kLayers},
                {"num_attention_heads", kHeads},
                {"num_key_value_heads", kv},
                {"intermediate_size", f},
                {"vocab_size", kVocab},
                {"max_position_embeddings", kPositions},
                {"rms_norm_eps", 1e-6},
                {"tie_word_embeddings", false}};
    }
    case Family::Gpt2:
        b.matrix("transformer.wte.weight", kVocab, d);
        b.matrix("transformer.wpe.weight", kPositions, d);
        for (int l = 0; l < kLayers; ++l) {
            const std::string p = "transformer.h." + std::to_string(l) + ".";
            b.norm(p + "ln_1", d, true);
            b.linear(p + "attn.c_attn", d, 3 * d, true, true);
            b.linear(p + "attn.c_proj", d, d, true, true);
            b.norm(p + "ln_2", d, true);
            b.linear(p + "mlp.c_fc", d, 4 * d, true, true);
            b.linear(p + "mlp.c_proj", 4 * d, d, true, true);
        }
        b.norm("transformer.ln_f", d, true);
        return {{"architectures", {"GPT2LMHeadModel"}},
                {"n_embd", d},
                {"n_layer", kLayers},
                {"n_head", kHeads},
                {"vocab_size", kVocab},
                {"n_positions", kPositions}};
    case Family::Bert:
    case Family::DistilBert: {
        const bool distil = family == Family::DistilBert;
        const std::string p = distil ? "distilbert." : "bert.";
        b.matrix(p + "embeddings.word_embeddings.weight", kVocab, d);
        b.matrix(p + "embeddings.position_embeddings.weight", kPositions, d);
        if (!distil)
            b.matrix(p + "embeddings.token_type_embeddings.weight", 2, d);
        b.norm(p + "embeddings.LayerNorm", d, true);
        for (int l = 0; l < kLayers; ++l) {
            const std::string q =
                p + (distil ? "transformer.layer." : "encoder.layer.") + std::to_string(l) + ".";
            b.linear(q + (distil ? "attention.q_lin" : "attention.self.query"), d, d, true);
            b.linear(q + (distil ? "attention.k_lin" : "attention.self.key"), d, d, true);
            b.linear(q + (distil ? "attention.v_lin" : "attention.self.value"), d, d, true);
            b.linear(q + (distil ? "attention.out_lin" : "attention.output.dense"), d, d, true);
            b.norm(q + (distil ? "sa_layer_norm" : "attention.output.LayerNorm"), d, true);
            b.linear(q + (distil ? "ffn.lin1" : "intermediate.dense"), d, f, true);
            b.linear(q + (distil ? "ffn.lin2" : "output.dense"), f, d, true);
            b.norm(q + (distil ? "output_layer_norm" : "output.LayerNorm"), d, true);
        }
        b.linear(distil ? "vocab_transform" : "cls.predictions.transform.dense", d, d, true);
        b.norm(distil ? "vocab_layer_norm" : "cls.predictions.transform.LayerNorm", d, true);
        b.vector(distil ? "vocab_projector.bias" : "cls.predictions.bias", kVocab);
        if (distil)
            return {{"architectures", {"DistilBertForMaskedLM"}},
                    {"dim", d},
                    {"n_layers", kLayers},
                    {"n_heads", kHeads},
                    {"hidden_dim", f},
                    {"vocab_size", kVocab},
                    {"max_position_embeddings", kPositions}};
        return {{"architectures", {"BertForMaskedLM"}},
                {"hidden_size", d},
                {"num_hidden_layers", kLayers},
                {"num_attention_heads", kHeads},
                {"intermediate_size", f},
                {"vocab_size", kVocab},
                {"max_position_embeddings", kPositions}};
    }
    }
    return {};
}

// Writes folder/config.json and folder/model.safetensors (F32), after `edit` if given.
inline void write(const std::filesystem::path& folder, attnviz::model::Family family,
                  const Edit& edit = {}, unsigned seed = 7)
{
    Builder b(seed);
    nlohmann::json config = build(family, b);
    if (edit)
        edit(config, b.tensors);
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "config.json") << config.dump();
    nlohmann::json header = nlohmann::json::object();
    std::size_t offset = 0;
    for (const auto& [name, t] : b.tensors) {
        const std::size_t bytes = t.values.size() * sizeof(float);
        header[name] = {
            {"dtype", "F32"}, {"shape", t.shape}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    const std::string text = header.dump();
    std::ofstream out(folder / "model.safetensors", std::ios::binary);
    const std::uint64_t length = text.size();
    out.write(reinterpret_cast<const char*>(&length), 8);
    out << text;
    for (const auto& [name, t] : b.tensors)
        out.write(reinterpret_cast<const char*>(t.values.data()),
                  static_cast<std::streamsize>(t.values.size() * sizeof(float)));
}

} // namespace tiny
