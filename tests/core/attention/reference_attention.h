#pragma once

// A deliberately naive, double-precision transcription of the reference maths (loops only, no
// Eigen products), used to check the engine independently of how it is optimised.

#include "attention/engine.h"

#include <cmath>
#include <limits>
#include <vector>

namespace attnviz::testing {

struct ReferenceResult {
    std::vector<std::vector<std::vector<double>>> weights; // [head][i][j]
    std::vector<std::vector<double>> output;               // [i][d]
};

inline std::vector<std::vector<double>> linear(const Matrix& x, const Matrix& w, const RowVector& b)
{
    std::vector<std::vector<double>> y(x.rows(), std::vector<double>(w.rows()));
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        for (Eigen::Index o = 0; o < w.rows(); ++o) {
            double s = b(o);
            for (Eigen::Index k = 0; k < x.cols(); ++k)
                s += double(x(i, k)) * w(o, k);
            y[i][o] = s;
        }
    return y;
}

inline ReferenceResult referenceAttention(const Matrix& xq, const Matrix& xkv,
                                          const AttentionWeights& w, const Mask& mask,
                                          const AttentionOptions& opt)
{
    const int L = int(xq.rows()), S = int(xkv.rows()), D = int(w.wq.rows()), H = opt.heads;
    const int dk = D / H;
    auto Q = linear(xq, w.wq, w.bq), K = linear(xkv, w.wk, w.bk), V = linear(xkv, w.wv, w.bv);
    const double divisor = (opt.scale ? std::sqrt(double(dk)) : 1.0) * opt.temperature;
    const double fill =
        opt.fill == MaskFill::NegInf ? -std::numeric_limits<double>::infinity() : -1e9;
    ReferenceResult r;
    r.weights.assign(H, std::vector<std::vector<double>>(L, std::vector<double>(S)));
    std::vector<std::vector<double>> concat(L, std::vector<double>(D, 0.0));
    for (int h = 0; h < H; ++h)
        for (int i = 0; i < L; ++i) {
            std::vector<double> s(S);
            for (int j = 0; j < S; ++j) {
                double dot = 0;
                for (int c = 0; c < dk; ++c)
                    dot += Q[i][h * dk + c] * K[j][h * dk + c];
                s[j] = (mask.empty() || mask.allowed(h, i, j)) ? dot / divisor : fill;
            }
            double mx = -std::numeric_limits<double>::infinity();
            for (double v : s)
                mx = std::max(mx, v);
            std::vector<double>& a = r.weights[h][i];
            if (std::isinf(mx)) {
                std::fill(a.begin(), a.end(), 0.0); // no visible key: defined as zero
            } else {
                double sum = 0;
                for (int j = 0; j < S; ++j)
                    sum += a[j] = std::exp(s[j] - mx);
                for (double& v : a)
                    v /= sum;
            }
            for (int c = 0; c < dk; ++c) {
                double acc = 0;
                for (int j = 0; j < S; ++j)
                    acc += a[j] * V[j][h * dk + c];
                concat[i][h * dk + c] = acc;
            }
        }
    r.output.assign(L, std::vector<double>(D));
    for (int i = 0; i < L; ++i)
        for (int o = 0; o < D; ++o) {
            double s = w.bo(o);
            for (int k = 0; k < D; ++k)
                s += concat[i][k] * w.wo(o, k);
            r.output[i][o] = s;
        }
    return r;
}

} // namespace attnviz::testing
