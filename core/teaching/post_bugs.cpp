#include "teaching/post_bugs.h"

namespace attnviz {

std::string_view toString(PostBug bug)
{
    switch (bug) {
    case PostBug::None:
        return "none";
    case PostBug::MaskDiscarded:
        return "mask-discarded";
    case PostBug::QueryProjectionForKeyValue:
        return "query-projection-for-kv";
    }
    return "none";
}

std::optional<PostBug> postBugFromString(std::string_view name)
{
    for (PostBug bug : {PostBug::None, PostBug::MaskDiscarded, PostBug::QueryProjectionForKeyValue})
        if (toString(bug) == name)
            return bug;
    return std::nullopt;
}

AttentionWeights queryProjectionForKeyValue(const AttentionWeights& weights)
{
    AttentionWeights w = weights;
    w.wk = weights.wq;
    w.bk = weights.bq;
    w.wv = weights.wq;
    w.bv = weights.bq;
    return w;
}

void computeWithPostBug(AttentionEngine& engine, PostBug bug, const Matrix& query,
                        const Matrix& keyValue, const AttentionWeights& weights, const Mask& mask,
                        const AttentionOptions& options)
{
    switch (bug) {
    case PostBug::None:
        engine.compute(query, keyValue, weights, mask, options);
        return;
    case PostBug::MaskDiscarded:
        // The scores the softmax sees are the unmasked ones: exactly an empty mask.
        engine.compute(query, keyValue, weights, Mask(), options);
        return;
    case PostBug::QueryProjectionForKeyValue:
        engine.compute(query, keyValue, queryProjectionForKeyValue(weights), mask, options);
        return;
    }
}

} // namespace attnviz
