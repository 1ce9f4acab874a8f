#include "model/config.h"

#include "common/error.h"

#include <nlohmann/json.hpp>
#include <optional>

namespace attnviz::model {

namespace {

const char* const kSupported =
    "supported: LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM (SmolLM), "
    "GPT2LMHeadModel, BertModel, BertForMaskedLM, DistilBertForMaskedLM (and their *Model bases)";

class Keys {
public:
    Keys(const nlohmann::json& json, const std::string& source)
        : m_json(json)
        , m_source(source)
    {
    }

    const nlohmann::json* find(const char* key) const
    {
        const auto it = m_json.find(key);
        return it == m_json.end() || it->is_null() ? nullptr : &*it;
    }
    std::optional<std::int64_t> integer(const char* key) const
    {
        const nlohmann::json* v = find(key);
        if (!v)
            return std::nullopt;
        if (!v->is_number_integer())
            throw Error(m_source + ": \"" + key + "\" is not an integer");
        return v->get<std::int64_t>();
    }
    int positive(const char* key, std::optional<std::int64_t> fallback = std::nullopt) const
    {
        std::optional<std::int64_t> v = integer(key);
        if (!v)
            v = fallback;
        if (!v)
            throw Error(m_source + ": \"" + key + "\" is missing");
        if (*v <= 0 || *v > (1 << 30))
            throw Error(m_source + ": \"" + key + "\" is " + std::to_string(*v) +
                        ", not a positive size");
        return static_cast<int>(*v);
    }
    double real(const char* key, double fallback) const
    {
        const nlohmann::json* v = find(key);
        if (!v)
            return fallback;
        if (!v->is_number())
            throw Error(m_source + ": \"" + key + "\" is not a number");
        return v->get<double>();
    }
    bool boolean(const char* key, bool fallback) const
    {
        const nlohmann::json* v = find(key);
        if (!v)
            return fallback;
        if (!v->is_boolean())
            throw Error(m_source + ": \"" + key + "\" is not true or false");
        return v->get<bool>();
    }
    std::string string(const char* key, const std::string& fallback) const
    {
        const nlohmann::json* v = find(key);
        if (!v)
            return fallback;
        if (!v->is_string())
            throw Error(m_source + ": \"" + key + "\" is not a string");
        return v->get<std::string>();
    }

private:
    const nlohmann::json& m_json;
    const std::string& m_source;
};

Activation activationFrom(const std::string& name, const std::string& source)
{
    if (name == "silu" || name == "swish")
        return Activation::Silu;
    if (name == "gelu_new" || name == "gelu_pytorch_tanh" || name == "gelu_fast")
        return Activation::GeluTanh;
    if (name == "gelu")
        return Activation::GeluErf;
    throw Error(source + ": activation \"" + name +
                "\" is not supported (supported: silu, gelu, gelu_new, gelu_pytorch_tanh)");
}

RopeConfig ropeFrom(const Keys& keys, const nlohmann::json* scaling, const std::string& source)
{
    RopeConfig rope;
    rope.theta = keys.real("rope_theta", 10000.0);
    if (!scaling)
        return rope;
    if (!scaling->is_object())
        throw Error(source + ": \"rope_scaling\" is not an object");
    const Keys s(*scaling, source);
    const std::string type = s.string("rope_type", s.string("type", "default"));
    if (type == "default")
        return rope;
    if (type != "llama3")
        throw Error(source + ": rope_scaling type \"" + type +
                    "\" is not supported (supported: llama3)");
    rope.llama3 = true;
    rope.factor = s.real("factor", 8.0);
    rope.lowFreqFactor = s.real("low_freq_factor", 1.0);
    rope.highFreqFactor = s.real("high_freq_factor", 4.0);
    rope.originalMaxPositions = s.real("original_max_position_embeddings", 8192.0);
    if (!(rope.factor > 0) || !(rope.highFreqFactor > rope.lowFreqFactor) ||
        !(rope.lowFreqFactor > 0) || !(rope.originalMaxPositions > 0))
        throw Error(source + ": rope_scaling llama3 needs factor > 0 and high_freq_factor > "
                             "low_freq_factor > 0");
    return rope;
}

void checkHeads(const ModelConfig& c, const std::string& source)
{
    if (c.kvHeads <= 0 || c.heads % c.kvHeads != 0)
        throw Error(source + ": " + std::to_string(c.heads) + " attention heads cannot share " +
                    std::to_string(c.kvHeads) + " key/value heads");
    if (c.family != Family::Llama && c.dModel % c.heads != 0)
        throw Error(source + ": hidden size " + std::to_string(c.dModel) + " is not divisible by " +
                    std::to_string(c.heads) + " heads");
    if (c.headDim % 2 != 0 && c.family == Family::Llama)
        throw Error(source + ": head dimension " + std::to_string(c.headDim) +
                    " is odd; RoPE rotates pairs");
}

ModelConfig llamaConfig(const Keys& k, const nlohmann::json& json, const std::string& source,
                        bool qwen2)
{
    ModelConfig c;
    c.family = Family::Llama;
    c.dModel = k.positive("hidden_size");
    c.layers = k.positive("num_hidden_layers");
    c.heads = k.positive("num_attention_heads");
    c.kvHeads = k.positive("num_key_value_heads", c.heads);
    c.headDim = k.positive("head_dim", c.dModel / c.heads);
    c.ffn = k.positive("intermediate_size");
    c.vocab = k.positive("vocab_size");
    c.maxPositions = k.positive("max_position_embeddings", 2048);
    c.normEps = k.real("rms_norm_eps", 1e-6);
    c.activation = activationFrom(k.string("hidden_act", "silu"), source);
    if (c.activation != Activation::Silu)
        throw Error(source + ": the LLaMA family's MLP needs hidden_act silu");
    const auto scaling = json.find("rope_scaling");
    c.rope = ropeFrom(k, scaling == json.end() || scaling->is_null() ? nullptr : &*scaling, source);
    c.tied = k.boolean("tie_word_embeddings", false);
    c.attentionBias = qwen2 || k.boolean("attention_bias", false);
    c.outputBias = !qwen2 && k.boolean("attention_bias", false);
    c.mlpBias = k.boolean("mlp_bias", false);
    return c;
}

// The config.json keys of the sizes every family has, spelt its own way.
struct SizeKeys {
    const char *dModel, *layers, *heads, *ffn, *maxPositions;
};

ModelConfig sizes(const Keys& k, Family family, const SizeKeys& keys)
{
    ModelConfig c;
    c.family = family;
    c.dModel = k.positive(keys.dModel);
    c.layers = k.positive(keys.layers);
    c.heads = k.positive(keys.heads);
    c.kvHeads = c.heads;
    c.headDim = c.dModel / c.heads;
    c.ffn = k.positive(keys.ffn, 4 * std::int64_t(c.dModel)); // GPT-2's n_inner: null is 4d
    c.vocab = k.positive("vocab_size");
    c.maxPositions = k.positive(keys.maxPositions);
    c.tied = true;
    return c;
}

ModelConfig gpt2Config(const Keys& k, const std::string& source)
{
    ModelConfig c =
        sizes(k, Family::Gpt2, {"n_embd", "n_layer", "n_head", "n_inner", "n_positions"});
    c.normEps = k.real("layer_norm_epsilon", 1e-5);
    c.activation = activationFrom(k.string("activation_function", "gelu_new"), source);
    if (k.boolean("scale_attn_by_inverse_layer_idx", false) ||
        !k.boolean("scale_attn_weights", true))
        throw Error(source + ": only GPT-2's default attention scaling 1/sqrt(d_head) is "
                             "supported");
    return c;
}

ModelConfig bertConfig(const Keys& k, const std::string& source)
{
    ModelConfig c = sizes(k, Family::Bert,
                          {"hidden_size", "num_hidden_layers", "num_attention_heads",
                           "intermediate_size", "max_position_embeddings"});
    c.typeVocab = k.positive("type_vocab_size", 2);
    c.normEps = k.real("layer_norm_eps", 1e-12);
    c.activation = activationFrom(k.string("hidden_act", "gelu"), source);
    if (const std::string p = k.string("position_embedding_type", "absolute"); p != "absolute")
        throw Error(source + ": position_embedding_type \"" + p +
                    "\" is not supported (supported: absolute)");
    return c;
}

ModelConfig distilBertConfig(const Keys& k, const std::string& source)
{
    ModelConfig c = sizes(k, Family::DistilBert,
                          {"dim", "n_layers", "n_heads", "hidden_dim", "max_position_embeddings"});
    c.normEps = 1e-12; // modeling_distilbert.py hard-codes it
    c.activation = activationFrom(k.string("activation", "gelu"), source);
    return c;
}

} // namespace

std::string familyName(Family family)
{
    switch (family) {
    case Family::Llama:
        return "llama";
    case Family::Gpt2:
        return "gpt2";
    case Family::Bert:
        return "bert";
    case Family::DistilBert:
        return "distilbert";
    }
    return "";
}

ModelConfig configFromJson(const nlohmann::json& json, const std::string& source)
{
    if (!json.is_object())
        throw Error(source + ": not a JSON object");
    const Keys k(json, source);
    std::string arch;
    if (const nlohmann::json* list = k.find("architectures")) {
        if (!list->is_array() || list->size() != 1 || !(*list)[0].is_string())
            throw Error(source + ": \"architectures\" is not a list of one name");
        arch = (*list)[0].get<std::string>();
    }
    const std::string type = k.string("model_type", "");
    const std::string name = arch.empty() ? type : arch;
    ModelConfig c;
    if (name == "LlamaForCausalLM" || name == "MistralForCausalLM" || name == "LlamaModel" ||
        name == "MistralModel" || name == "llama" || name == "mistral")
        c = llamaConfig(k, json, source, false);
    else if (name == "Qwen2ForCausalLM" || name == "Qwen2Model" || name == "qwen2")
        c = llamaConfig(k, json, source, true);
    else if (name == "GPT2LMHeadModel" || name == "GPT2Model" || name == "gpt2")
        c = gpt2Config(k, source);
    else if (name == "BertForMaskedLM" || name == "BertModel" || name == "bert")
        c = bertConfig(k, source);
    else if (name == "DistilBertForMaskedLM" || name == "DistilBertModel" || name == "distilbert")
        c = distilBertConfig(k, source);
    else
        throw Error(source + ": architecture \"" + (name.empty() ? "(none)" : name) +
                    "\" is not supported (" + kSupported + ")");
    c.architecture = name;
    c.headRequired = !name.ends_with("Model") || name == "GPT2LMHeadModel";
    if (name.starts_with("Mistral") || name == "mistral")
        c.slidingWindow = static_cast<int>(k.integer("sliding_window").value_or(0));
    checkHeads(c, source);
    return c;
}

} // namespace attnviz::model
