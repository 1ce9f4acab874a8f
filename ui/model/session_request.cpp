#include "session_request.h"

#include "demo/tokenizer.h"

namespace attnviz::ui {

namespace {

bool fits(const Mask& m, int rows, int cols)
{
    return !m.empty() && m.rows() == rows && m.cols() == cols;
}

} // namespace

void adoptImport(SessionState& s, const ImportedInputs& inputs, const MaskSnapshot& keep)
{
    s.heads = inputs.options.heads;
    s.dModel = static_cast<int>(inputs.query.cols());
    s.designedHeads.clear();
    const int rows = static_cast<int>(inputs.query.rows());
    const int cols = static_cast<int>(inputs.keys.rows());
    const Mask& k = keep.mask;
    if (fits(k, rows, cols) && (!k.isPerHead() || k.planes() == s.heads)) {
        s.mask = k;
        s.preset = keep.preset;
        s.presetParams = keep.params;
        s.inverted = keep.inverted;
    } else {
        s.preset = MaskPreset::None;
        s.inverted = false;
        s.mask = s.presetMask(rows, cols);
    }
}

ComputeRequest sessionRequest(const SessionState& s, std::shared_ptr<const ImportedInputs> imported)
{
    ComputeRequest request;
    int rows = 0;
    int cols = 0;
    if (imported) {
        rows = static_cast<int>(imported->query.rows());
        cols = static_cast<int>(imported->keys.rows());
        request.imported = std::move(imported);
    } else {
        request.tokens = tokenize(s.text.toStdString());
        rows = cols = static_cast<int>(request.tokens.size());
        request.dModel = s.dModel;
        request.seed = s.seed;
        request.designedHeads = s.designedHeads;
    }
    request.mask = fits(s.mask, rows, cols) ? s.mask : s.presetMask(rows, cols);
    request.options = s.options();
    return request;
}

} // namespace attnviz::ui
