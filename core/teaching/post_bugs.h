#pragma once

#include "attention/engine.h"
#include "attention/matrix.h"
#include "attention/options.h"
#include "attention/weights.h"
#include "mask/mask.h"

#include <optional>
#include <string_view>

namespace attnviz {

// The reference post's bugs, reproduced on purpose so that students can see what each one does
// (reference.md, "Its three bugs"). Dropout (bug 3) is off at inference and has no variant.
enum class PostBug {
    None,
    // `scores.masked_fill(mask == 0, -1e9)` without the trailing underscore: the masked copy is
    // thrown away, so the forward pass runs as if there were no mask at all.
    MaskDiscarded,
    // `K = self.q_proj(k)`, `V = self.q_proj(v)`: keys and values use the query projection.
    QueryProjectionForKeyValue,
};

std::string_view toString(PostBug bug);
std::optional<PostBug> postBugFromString(std::string_view name);

// The weights the buggy module effectively uses: W_k = W_v = W_q and b_k = b_v = b_q.
AttentionWeights queryProjectionForKeyValue(const AttentionWeights& weights);

// A forward pass with one of the bugs (None: the correct pass). Bug (a) computes with an empty
// mask, bug (b) with queryProjectionForKeyValue(weights); everything else is the same engine.
void computeWithPostBug(AttentionEngine& engine, PostBug bug, const Matrix& query,
                        const Matrix& keyValue, const AttentionWeights& weights, const Mask& mask,
                        const AttentionOptions& options);

} // namespace attnviz
