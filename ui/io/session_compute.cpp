#include "session_compute.h"

#include "imported_attention.h"
#include "ui/model/session_request.h"

#include <stdexcept>

namespace attnviz::ui {

QString sessionInputs(const SessionDocument& doc, std::shared_ptr<const ImportedInputs>* out)
{
    out->reset();
    if (!doc.weights.isEmpty()) {
        std::shared_ptr<ImportedInputs> in;
        const QString error = readImportedWeights(doc.weights, &in);
        *out = std::move(in);
        return error;
    }
    if (doc.attention.isEmpty())
        return {};
    ImportedAttention a;
    const AttentionSource& source = doc.attention;
    if (QString error = readImportedAttention(source.path, source.tokensPath, &a); !error.isEmpty())
        return error;
    if (source.layer < 0 || source.layer >= a.layers)
        return QStringLiteral("layer %1 does not exist (the file has %2)")
            .arg(source.layer)
            .arg(a.layers);
    try {
        *out = attentionInputs(a, source.layer);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

ComputeResult computeSession(SessionDocument* doc)
{
    ComputeResult result;
    std::shared_ptr<const ImportedInputs> inputs;
    result.error = sessionInputs(*doc, &inputs);
    if (!result.error.isEmpty())
        return result;
    SessionState& s = doc->state;
    if (inputs)
        adoptImport(s, *inputs, {s.mask, s.preset, s.presetParams, s.inverted});
    ComputeRequest request = sessionRequest(s, inputs);
    s.mask = request.mask;
    return runCompute(request);
}

} // namespace attnviz::ui
