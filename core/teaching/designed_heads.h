#pragma once

#include "attention/matrix.h"
#include "attention/weights.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attnviz {

// Classic attention patterns, built by hand instead of learned.
enum class HeadPattern {
    PreviousToken, // each query attends to the token just before it
    Self,          // each query attends to itself (the diagonal)
    FirstToken,    // every query attends to position 0 (an "attention sink")
    SameToken,     // each query attends to earlier/later copies of its own token
};

std::string_view toString(HeadPattern pattern);
std::optional<HeadPattern> headPatternFromString(std::string_view name);
std::vector<HeadPattern> allHeadPatterns();

// How it works. Every head's score is a dot product of a query code and a key code of d_k
// numbers. The head first reads what it needs out of its input rows x_i = embedding + PE(i)
// (a least-squares read-out over the current inputs, exact while L <= d_model), then writes
// codes whose dot product peaks where the pattern wants it:
//   positional codes  c(j) = (sin jω_p, cos jω_p) for the d_k/2 fastest PE frequencies ω_p,
//                     so c(i)·c(j) = Σ_p cos((i − j)ω_p), largest at i = j;
//   previous-token    query = c(i) rotated by −ω_p in every pair = c(i − 1) (PE(pos+1) is a
//                     rotation of PE(pos)), so the peak moves to j = i − 1;
//   self              query = key = c(i);
//   first-token       query = c(0) from the bias alone (the same question at every position);
//   same-token        query = key = a one-hot code of the token's identity.
// The gain makes the peak beat its neighbours by kDesignedHeadMargin after the ÷√d_k scaling,
// so the softmax puts almost all weight on it; temperature and scaling still act on top.
inline constexpr double kDesignedHeadMargin = 6.0;

// Overwrites head `head`'s rows of W_q, W_k, b_q and b_k (V and W_o stay) so that, for the
// inputs `x` (L×D, one row per token of `tokens`), the head shows `pattern`. Throws
// attnviz::Error for a head out of range or inconsistent shapes.
void applyDesignedHead(AttentionWeights& weights, const Matrix& x,
                       const std::vector<std::string>& tokens, int heads, int head,
                       HeadPattern pattern);

// One designed head of a session.
struct DesignedHead {
    int head = 0;
    HeadPattern pattern = HeadPattern::PreviousToken;
    bool operator==(const DesignedHead&) const = default;
};

// Applies every design whose head exists for this head count (others are kept for later).
void applyDesignedHeads(AttentionWeights& weights, const Matrix& x,
                        const std::vector<std::string>& tokens, int heads,
                        const std::vector<DesignedHead>& designs);

} // namespace attnviz
