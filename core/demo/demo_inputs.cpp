#include "demo/demo_inputs.h"

#include "common/random.h"

#include <cmath>

namespace attnviz {

namespace {

enum Stream : std::uint64_t { TokenStream = 1, WeightStream = 2 };

std::uint64_t fnv1a(const std::string& s)
{
    std::uint64_t h = 0xCBF29CE484222325ull;
    for (unsigned char c : s)
        h = (h ^ c) * 0x100000001B3ull;
    return h;
}

} // namespace

Matrix positionalEncoding(int length, int dModel)
{
    Matrix pe(length, dModel);
    for (int pos = 0; pos < length; ++pos) {
        for (int i = 0; i < dModel; ++i) {
            const double exponent = static_cast<double>(i - i % 2) / dModel;
            const double angle = pos / std::pow(10000.0, exponent);
            pe(pos, i) = static_cast<float>(i % 2 == 0 ? std::sin(angle) : std::cos(angle));
        }
    }
    return pe;
}

Matrix demoEmbeddings(const std::vector<std::string>& tokens, int dModel, std::uint64_t seed)
{
    Matrix x = positionalEncoding(static_cast<int>(tokens.size()), dModel);
    const std::uint64_t tokenSeed = mixSeed(seed, TokenStream);
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        SeededRandom rng(tokenSeed ^ fnv1a(tokens[t]));
        for (int i = 0; i < dModel; ++i)
            x(static_cast<Eigen::Index>(t), i) += rng.normal();
    }
    return x;
}

AttentionWeights demoWeights(int dModel, std::uint64_t seed)
{
    AttentionWeights w = AttentionWeights::zeros(dModel);
    SeededRandom rng(mixSeed(seed, WeightStream));
    const float bound = std::sqrt(6.0f / static_cast<float>(2 * dModel));
    for (Matrix* m : {&w.wq, &w.wk, &w.wv, &w.wo})
        for (Eigen::Index i = 0; i < m->size(); ++i)
            m->data()[i] = rng.symmetric(bound);
    return w;
}

} // namespace attnviz
