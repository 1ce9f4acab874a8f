#pragma once

#include "attention/packed_product.h"
#include "model/config.h"
#include "model/model_weights.h"

#include <vector>

namespace attnviz::model {

// Row-wise operations of a transformer layer. Each row is computed on its own, so computing some
// rows reproduces the same rows of a full pass bit for bit.

// out = LayerNorm(x) or RMSNorm(x) (HF: w·x/√(mean(x²)+ε), w·(x−μ)/√(σ²+ε)+b). out may be x.
void normRows(const Norm& norm, const ConstMatrixRef& x, MatrixRef out);

// x = act(x) in place: SiLU, GELU with tanh (gelu_new) or with erf.
void activate(Activation activation, MatrixRef x);

// Rotary position embeddings for every head of q or k rows. HF's rotate_half pairs dimension i
// with i + d/2; GGUF's llama rows (Meta's order) pair 2i with 2i + 1. Both give the same scores.
class Rope {
public:
    Rope(const RopeConfig& config, int headDim, bool interleaved);
    // Rotates rows of x (heads × headDim columns), row r at position firstPosition + r.
    void apply(MatrixRef x, int firstPosition);

private:
    void ensurePositions(int count);

    std::vector<float> m_invFreq; // headDim / 2, as HF computes it in float32
    int m_headDim;
    bool m_interleaved;
    Matrix m_cos, m_sin; // position × headDim / 2
};

} // namespace attnviz::model
