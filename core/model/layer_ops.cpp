#include "model/layer_ops.h"

#include <cmath>
#include <numbers>

namespace attnviz::model {

void normRows(const Norm& norm, const ConstMatrixRef& x, MatrixRef out)
{
    const float n = static_cast<float>(x.cols());
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        if (norm.rms) {
            const float scale = 1.0f / std::sqrt(x.row(r).squaredNorm() / n + norm.eps);
            out.row(r) = (x.row(r) * scale).cwiseProduct(norm.weight);
        } else {
            const float mean = x.row(r).sum() / n;
            const RowVector centred = x.row(r).array() - mean;
            const float scale = 1.0f / std::sqrt(centred.squaredNorm() / n + norm.eps);
            out.row(r) = (centred * scale).cwiseProduct(norm.weight) + norm.bias;
        }
    }
}

void activate(Activation activation, MatrixRef x)
{
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        float* v = x.row(r).data();
        for (Eigen::Index i = 0; i < x.cols(); ++i) {
            const float a = v[i];
            switch (activation) {
            case Activation::Silu:
                v[i] = a / (1.0f + std::exp(-a));
                break;
            case Activation::GeluTanh: {
                const float c = std::sqrt(2.0f / std::numbers::pi_v<float>);
                v[i] = 0.5f * a * (1.0f + std::tanh(c * (a + 0.044715f * a * a * a)));
                break;
            }
            case Activation::GeluErf:
                v[i] = 0.5f * a * (1.0f + std::erf(a / std::numbers::sqrt2_v<float>));
                break;
            }
        }
    }
}

Rope::Rope(const RopeConfig& config, int headDim, bool interleaved)
    : m_headDim(headDim)
    , m_interleaved(interleaved)
{
    const int half = headDim / 2;
    m_invFreq.resize(half);
    for (int i = 0; i < half; ++i) {
        float f = 1.0f / static_cast<float>(std::pow(config.theta, 2.0 * i / headDim));
        if (config.llama3) { // transformers' _compute_llama3_parameters
            const double wavelen = 2.0 * std::numbers::pi / f;
            const double lowWavelen = config.originalMaxPositions / config.lowFreqFactor;
            const double highWavelen = config.originalMaxPositions / config.highFreqFactor;
            if (wavelen > lowWavelen) {
                f = static_cast<float>(f / config.factor);
            } else if (wavelen >= highWavelen) {
                const double smooth =
                    (config.originalMaxPositions / wavelen - config.lowFreqFactor) /
                    (config.highFreqFactor - config.lowFreqFactor);
                f = static_cast<float>((1.0 - smooth) * f / config.factor + smooth * f);
            }
        }
        m_invFreq[i] = f;
    }
}

void Rope::ensurePositions(int count)
{
    const int have = static_cast<int>(m_cos.rows());
    if (count <= have)
        return;
    const int half = m_headDim / 2;
    m_cos.conservativeResize(count, half);
    m_sin.conservativeResize(count, half);
    for (int p = have; p < count; ++p)
        for (int i = 0; i < half; ++i) {
            const float angle = static_cast<float>(p) * m_invFreq[i];
            m_cos(p, i) = std::cos(angle);
            m_sin(p, i) = std::sin(angle);
        }
}

void Rope::apply(MatrixRef x, int firstPosition)
{
    ensurePositions(firstPosition + static_cast<int>(x.rows()));
    const int half = m_headDim / 2;
    const int heads = static_cast<int>(x.cols()) / m_headDim;
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const float* c = m_cos.row(firstPosition + r).data();
        const float* s = m_sin.row(firstPosition + r).data();
        for (int h = 0; h < heads; ++h) {
            float* v = x.row(r).data() + h * m_headDim;
            for (int i = 0; i < half; ++i) {
                const int a = m_interleaved ? 2 * i : i;
                const int b = m_interleaved ? 2 * i + 1 : i + half;
                const float va = v[a], vb = v[b];
                v[a] = va * c[i] - vb * s[i];
                v[b] = vb * c[i] + va * s[i];
            }
        }
    }
}

} // namespace attnviz::model
