#include "model_summary.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace attnviz;

nlohmann::json topPredictions(const model::Model& model, const float* logits, int k)
{
    const int vocab = model.config.vocab;
    k = std::min(k, vocab);
    std::vector<int> order(vocab);
    std::iota(order.begin(), order.end(), 0);
    // Ties go to the smaller id, as torch.topk on CPU does in practice.
    std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](int a, int b) {
        return logits[a] > logits[b] || (logits[a] == logits[b] && a < b);
    });
    const float top = logits[order[0]];
    double sum = 0.0;
    for (int i = 0; i < vocab; ++i)
        sum += std::exp(double(logits[i]) - top);
    nlohmann::json list = nlohmann::json::array();
    for (int i = 0; i < k; ++i) {
        const int id = order[i];
        list.push_back({{"id", id},
                        {"token", tokenDisplay(model, id)},
                        {"logit", logits[id]},
                        {"probability", std::exp(double(logits[id]) - top) / sum}});
    }
    return list;
}

std::vector<int> predictionPositions(const model::Model& model,
                                     const std::vector<std::int32_t>& ids)
{
    std::vector<int> positions;
    if (!model.config.causal() && model.tokenizer)
        if (const auto mask = model.tokenizer->specialTokens().mask)
            for (int t = 0; t < static_cast<int>(ids.size()); ++t)
                if (ids[t] == *mask)
                    positions.push_back(t);
    if (positions.empty())
        positions.push_back(static_cast<int>(ids.size()) - 1);
    return positions;
}

std::string tokenDisplay(const model::Model& model, std::int32_t id)
{
    if (model.tokenizer && id < model.tokenizer->vocabSize())
        return model.tokenizer->display(id);
    return std::to_string(id);
}
