#include "attention_controller.h"

#include "attention/memory_estimate.h"
#include "demo/tokenizer.h"
#include "memory_budget.h"
#include "session_request.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

namespace attnviz::ui {

AttentionController::AttentionController(QObject* parent)
    : QObject(parent)
    , m_engine(std::make_shared<AttentionEngine>())
    , m_memoryBudget(loadMemoryBudget())
{
    // Newest request wins: one worker, and queued (not yet started) jobs are discarded whenever a
    // newer one arrives.
    m_pool.setMaxThreadCount(1);
    m_undo.setUndoLimit(500);
    regenerateMask();
    recompute();
}

AttentionController::~AttentionController()
{
    m_pool.clear();
    m_pool.waitForDone();
}

const Matrix* AttentionController::previousWeights(int head) const
{
    if (head < 0 || head >= static_cast<int>(m_previous.size()) || !hasResult())
        return nullptr;
    const Matrix& m = m_previous[head];
    if (m.rows() != engine().queryLength() || m.cols() != engine().keyLength())
        return nullptr;
    return &m;
}

std::vector<std::string> AttentionController::tokenizeText() const
{
    return tokenize(m_state.text.toStdString());
}

Mask AttentionController::presetMaskFor(const SessionState& s) const
{
    if (!m_imported)
        return s.presetMask(m_state.mask.rows());
    return s.presetMask(static_cast<int>(m_imported->query.rows()),
                        static_cast<int>(m_imported->keys.rows()));
}

void AttentionController::regenerateMask()
{
    if (m_imported) {
        m_state.mask = presetMaskFor(m_state);
        return;
    }
    const int length = static_cast<int>(tokenizeText().size());
    m_state.mask = m_state.presetMask(length);
}

// --- control changes ------------------------------------------------------------------------

void AttentionController::setText(const QString& text)
{
    if (text == m_state.text || m_imported)
        return;
    m_state.text = text;
    if (const int length = static_cast<int>(tokenizeText().size()); length != m_state.mask.rows()) {
        if (budgetRefusal(length).isEmpty()) // a refused size gets no mask either
            regenerateMask();
        m_undo.clear(); // the edits referred to other positions
    }
    emit stateChanged();
    recompute();
}

void AttentionController::setDModel(int dModel)
{
    if (dModel == m_state.dModel || m_imported)
        return;
    m_state.dModel = dModel;
    emit stateChanged();
    recompute();
}

void AttentionController::setHeads(int heads)
{
    if (heads == m_state.heads || m_imported)
        return;
    m_state.heads = heads;
    if (m_state.mask.isPerHead())
        regenerateMask();
    m_undo.clear(); // edits name head planes that may no longer exist
    emit stateChanged();
    recompute();
}

void AttentionController::setSeed(std::uint64_t seed)
{
    if (seed == m_state.seed || m_imported)
        return;
    m_state.seed = seed;
    if (m_state.preset == MaskPreset::Random) {
        regenerateMask();
        m_undo.clear();
    }
    emit stateChanged();
    recompute();
}

void AttentionController::setFill(MaskFill fill)
{
    if (fill == m_state.fill)
        return;
    m_state.fill = fill;
    emit stateChanged();
    recompute();
}

void AttentionController::setScale(bool scale)
{
    if (scale == m_state.scale || (m_imported && m_imported->fixedScores))
        return;
    m_state.scale = scale;
    emit stateChanged();
    recompute();
}

void AttentionController::setTemperature(double temperature)
{
    if (temperature == m_state.temperature || (m_imported && m_imported->fixedScores))
        return;
    m_state.temperature = temperature;
    emit stateChanged();
    recompute();
}

void AttentionController::setColorMap(const QString& name)
{
    if (name == m_state.colorMap)
        return;
    m_state.colorMap = name;
    emit stateChanged();
    emit colorMapChanged(name);
}

void AttentionController::setDesignedHead(int head, std::optional<HeadPattern> pattern)
{
    std::vector<DesignedHead> designs;
    for (const DesignedHead& d : m_state.designedHeads)
        if (d.head != head)
            designs.push_back(d);
    if (pattern)
        designs.push_back({head, *pattern});
    if (designs == m_state.designedHeads || m_imported)
        return;
    m_state.designedHeads = std::move(designs);
    emit stateChanged();
    recompute();
}

void AttentionController::setState(const SessionState& state)
{
    const QString oldMap = m_state.colorMap;
    const bool wasImported = m_imported != nullptr;
    m_imported.reset();
    m_state = state;
    const int length = static_cast<int>(tokenizeText().size());
    if (m_state.mask.empty() || m_state.mask.rows() != length || m_state.mask.cols() != length ||
        (m_state.mask.isPerHead() && m_state.mask.planes() != m_state.heads))
        regenerateMask();
    m_undo.clear();
    emit stateChanged();
    if (oldMap != m_state.colorMap)
        emit colorMapChanged(m_state.colorMap);
    if (wasImported)
        emit importChanged();
    recompute();
}

QString AttentionController::importRefusal(const ImportedInputs& inputs,
                                           const MaskSnapshot& keep) const
{
    const int queries = static_cast<int>(inputs.query.rows());
    const int keys = static_cast<int>(inputs.keys.rows());
    const int dModel = static_cast<int>(inputs.query.cols());
    const int heads = inputs.options.heads;
    const quint64 need = estimatedMemory(queries, keys, dModel, heads, keep.mask.isPerHead());
    if (need <= m_memoryBudget)
        return {};
    auto bytes = [](quint64 n) { return QString::fromStdString(formatBytes(n)); };
    return tr("%1 queries attending to %2 keys with %3 heads (width %4) would need about %5, "
              "above the memory budget of %6. Raise the budget under View ▸ Memory budget…, or "
              "open a smaller tensor.")
        .arg(queries)
        .arg(keys)
        .arg(heads)
        .arg(dModel)
        .arg(bytes(need), bytes(m_memoryBudget));
}

void AttentionController::setImported(std::shared_ptr<const ImportedInputs> inputs,
                                      const MaskSnapshot& keep)
{
    if (!inputs)
        return;
    m_imported = std::move(inputs);
    adoptImport(m_state, *m_imported, keep);
    m_undo.clear();
    emit stateChanged();
    emit importChanged();
    recompute();
}

// --- recompute (job tracker) ----------------------------------------------------------------

void AttentionController::setError(const QString& message)
{
    if (message == m_error)
        return;
    m_error = message;
    emit errorChanged(message);
}

void AttentionController::recompute()
{
    ComputeRequest request;
    quint64 need = 0; // at the peak of the recompute, with nothing else kept
    if (m_imported) {
        request = sessionRequest(m_state, m_imported);
        // Checked against the budget when imported (importRefusal).
        need = estimatedMemory(static_cast<int>(m_imported->query.rows()),
                               static_cast<int>(m_imported->keys.rows()), m_state.dModel,
                               m_state.heads, m_state.mask.isPerHead());
    } else if (m_state.heads <= 0 || m_state.dModel <= 0) {
        setError(tr("d_model and the number of heads must be positive."));
        return;
    } else if (m_state.dModel % m_state.heads != 0) {
        setError(tr("d_model %1 is not divisible by %2 heads (d_k = d_model / heads must be a "
                    "whole number). Showing the last valid result.")
                     .arg(m_state.dModel)
                     .arg(m_state.heads));
        return;
    } else {
        request.tokens = tokenizeText();
        if (request.tokens.empty()) {
            setError(tr("Type some text: there are no tokens to attend to."));
            return;
        }
        if (const QString refusal = budgetRefusal(static_cast<int>(request.tokens.size()));
            !refusal.isEmpty()) {
            setError(refusal); // nothing allocated; the last good result stays on screen
            return;
        }
        if (m_state.mask.rows() != static_cast<int>(request.tokens.size()))
            regenerateMask();
        request = sessionRequest(m_state);
        need = estimatedMemory(static_cast<int>(request.tokens.size()));
    }
    // It fits alone but maybe not next to the result on screen: that one goes first, the views
    // keep its picture.
    const bool release = need + shownMemory() > m_memoryBudget;

    const bool wasBusy = isBusy();
    if (request.estimatedFlops() < m_asyncThreshold) {
        if (release)
            releaseResult();
        m_jobs.invalidate(); // a running job's result is older than this one
        deliver(runCompute(request), wasBusy);
        return;
    }
    if (release)
        releaseResult(); // before the worker allocates the new engine
    m_pool.clear();      // drop queued jobs that have not started: they are stale already
    m_jobs.start([request] { return runCompute(request); },
                 [this](ComputeResult result) { deliver(std::move(result), true); });
    if (!wasBusy)
        emit busyChanged(true);
}

quint64 AttentionController::estimatedMemory(int length) const
{
    return estimatedMemory(length, length, m_state.dModel, m_state.heads, m_state.mask.isPerHead());
}

quint64 AttentionController::estimatedMemory(int queries, int keys, int dModel, int heads,
                                             bool perHeadMask) const
{
    const MemoryEstimate next = estimateEngineMemory(queries, keys, dModel, heads, perHeadMask);
    // The inputs the worker builds or copies (the request's mask shares the session's storage).
    const quint64 inputs = static_cast<quint64>(std::max(queries, 0)) * std::max(dModel, 0) * 4;
    // Level-of-detail images: about one screen-sized image per head.
    const quint64 views = static_cast<quint64>(std::max(heads, 0)) * (4ull << 20);
    return next.total() + inputs + views;
}

quint64 AttentionController::shownMemory() const
{
    if (!hasResult())
        return 0;
    return estimateEngineMemory(engine().queryLength(), engine().keyLength(), engine().dModel(),
                                engine().heads(), engine().mask().isPerHead())
        .total();
}

QString AttentionController::budgetRefusal(int length) const
{
    const quint64 need = estimatedMemory(length);
    if (need <= m_memoryBudget)
        return {};
    const MemoryEstimate next = estimateEngineMemory(length, length, m_state.dModel, m_state.heads,
                                                     m_state.mask.isPerHead());
    auto bytes = [](quint64 n) { return QString::fromStdString(formatBytes(n)); };
    return tr("%1 tokens with %2 heads (d_model %3) would need about %4 (attention weights %5), "
              "even with the result on screen released first. That is above the memory budget "
              "of %6. Raise the budget under View ▸ Memory budget…, or use fewer tokens or "
              "heads. Showing the last result.")
        .arg(length)
        .arg(m_state.heads)
        .arg(m_state.dModel)
        .arg(bytes(need), bytes(next.weights), bytes(m_memoryBudget));
}

void AttentionController::releaseResult()
{
    if (!hasResult())
        return;
    m_renderGate->invalidate(); // renders that still read it stop and let it go
    m_engine = std::make_shared<AttentionEngine>();
    m_input.reset();
    m_weights.reset();
    m_previous.clear();
    m_released = true;
    emit resultReleased();
}

QString AttentionController::releasedNote() const
{
    if (!m_released)
        return {};
    return isBusy() ? tr("Computing… The values return with the new result.")
                    : tr("No values: the recompute failed (see the message). The picture is "
                         "the last result; change a setting to compute again.");
}

void AttentionController::deliver(ComputeResult result, bool wasBusy)
{
    if (!result.engine) {
        setError(result.error);
    } else {
        const AttentionEngine& next = *result.engine;
        const bool sameShape = hasResult() && engine().queryLength() == next.queryLength() &&
                               engine().heads() == next.heads();
        if (sameShape)
            snapshotWeights();
        else
            m_previous.clear();
        // The engine on screen is freed on a worker (munmap of 1.1 GiB at L = 4096, H = 16).
        startDetached(
            [old = std::exchange(m_engine, std::move(result.engine))]() mutable { old.reset(); });
        m_released = false;
        // Mask edits made while the job ran apply to the new result too.
        float maxWeight = result.maxWeight;
        if (!(m_engine->mask() == m_state.mask) && m_state.mask.rows() == m_engine->queryLength() &&
            m_state.mask.cols() == m_engine->keyLength()) {
            engineForEdit().setMask(m_state.mask);
            maxWeight = largestWeight(engine());
        }
        m_tokens = std::move(result.tokens);
        m_keyTokens = std::move(result.keyTokens);
        m_input = std::move(result.input);
        m_weights = std::move(result.weights);
        setError({});
        setColorScale(maxWeight, true);
        emit resultChanged();
    }
    if (wasBusy)
        emit busyChanged(false);
}

void AttentionController::snapshotWeights()
{
    if (!hasResult())
        return;
    // Ghost bars need a copy of every head's weights: skip it for long sequences (1 GiB at
    // L = 4096, H = 16) rather than double the largest stage on every edit.
    const double floats =
        double(engine().heads()) * engine().queryLength() * double(engine().keyLength());
    if (floats > kMaxGhostFloats) {
        m_previous.clear();
        return;
    }
    m_previous.resize(engine().heads());
    for (int h = 0; h < engine().heads(); ++h)
        m_previous[h] = engine().weights(h);
}

void AttentionController::setColorScale(float maxWeight, bool allowShrink)
{
    // A round upper end (steps of 0.05) keeps the legend readable.
    const float nice = std::clamp(std::ceil(maxWeight * 20.0f - 1e-4f) / 20.0f, 0.05f, 1.0f);
    if (nice == m_colorMax || (!allowShrink && nice < m_colorMax))
        return;
    m_colorMax = nice;
    emit colorRangeChanged();
}

// --- mask editing -----------------------------------------------------------------------------

bool AttentionController::canEditMask() const
{
    return hasResult() && engine().queryLength() == m_state.mask.rows() &&
           engine().keyLength() == m_state.mask.cols() && engine().heads() == m_state.heads &&
           engine().mask() == m_state.mask;
}

void AttentionController::toggleCell(int head, int row, int col)
{
    if (!canEditMask())
        return;
    const int plane = head == Mask::kAllHeads ? 0 : head;
    setCells(head, QRect(col, row, 1, 1), !engine().mask().allowed(plane, row, col));
}

void AttentionController::setCells(int head, const QRect& cells, bool allowed, const QString& text)
{
    if (!canEditMask())
        return;
    const Mask& mask = engine().mask();
    const QRect area = cells.normalized().intersected(QRect(0, 0, mask.cols(), mask.rows()));
    if (area.isEmpty())
        return;
    std::vector<int> heads;
    if (head == Mask::kAllHeads && !mask.isPerHead())
        heads.push_back(Mask::kAllHeads);
    else if (head == Mask::kAllHeads)
        for (int h = 0; h < engine().heads(); ++h)
            heads.push_back(h);
    else
        heads.push_back(head);

    std::vector<CellEdit> edits;
    for (int h : heads)
        for (int r = area.top(); r <= area.bottom(); ++r)
            for (int c = area.left(); c <= area.right(); ++c) {
                const bool before = mask.allowed(h == Mask::kAllHeads ? 0 : h, r, c);
                if (before != allowed)
                    edits.push_back({h, r, c, before, allowed});
            }
    if (edits.empty())
        return;
    QString label = text;
    if (label.isEmpty()) {
        const QString who = head == Mask::kAllHeads ? tr("all heads") : tr("head %1").arg(head + 1);
        if (area.width() == 1 && area.height() == 1)
            label = (allowed ? tr("Unmask %1 → %2 (%3)") : tr("Mask %1 → %2 (%3)"))
                        .arg(m_tokens.value(area.top()), m_keyTokens.value(area.left()), who);
        else
            label = (allowed ? tr("Unmask %1×%2 cells (%3)") : tr("Mask %1×%2 cells (%3)"))
                        .arg(area.height())
                        .arg(area.width())
                        .arg(who);
    }
    m_undo.push(new MaskEditCommand(this, std::move(edits), label));
}

void AttentionController::setRow(int head, int row, bool allowed)
{
    if (!canEditMask())
        return;
    setCells(head, QRect(0, row, engine().keyLength(), 1), allowed,
             (allowed ? tr("Clear row “%1”") : tr("Mask row “%1”")).arg(m_tokens.value(row)));
}

void AttentionController::setColumn(int head, int col, bool allowed)
{
    if (!canEditMask())
        return;
    setCells(head, QRect(col, 0, 1, engine().queryLength()), allowed,
             (allowed ? tr("Unmask key column “%1”") : tr("Mask key column “%1”"))
                 .arg(m_keyTokens.value(col)));
}

void AttentionController::applyCellEdits(const std::vector<CellEdit>& edits, bool redo)
{
    if (edits.empty())
        return;
    if (m_released) {
        // Undo or redo while the result is released: the recompute starts again with the mask.
        for (const CellEdit& e : edits)
            m_state.mask.set(e.head, e.row, e.col, redo ? e.after : e.before, m_state.heads);
        recompute();
        return;
    }
    if (!hasResult())
        return;
    snapshotWeights();
    const double l = engine().queryLength();
    const double d = engine().dModel();
    const double h = engine().heads();
    const double dk = engine().dHead();
    const double perCell = l * (1.0 + dk) + d * d;          // one row softmax, A·V row, output row
    const double full = h * l * l * (1.0 + dk) + l * d * d; // from the scores on
    if (static_cast<double>(edits.size()) * perCell <= full) {
        std::set<std::pair<int, int>> rows;
        // The session shares the engine's mask planes (copy on write): let go of them so that
        // the edit writes in place instead of copying the edited plane (16 MiB at L = 4096).
        m_state.mask = Mask();
        for (const CellEdit& e : edits) {
            engineForEdit().setMaskCell(e.head, e.row, e.col, redo ? e.after : e.before);
            if (e.head == Mask::kAllHeads)
                for (int k = 0; k < engine().heads(); ++k)
                    rows.insert({k, e.row});
            else
                rows.insert({e.head, e.row});
        }
        m_state.mask = engine().mask();
        // The scale only grows here, and only the edited rows changed: scan them, not every
        // weight (1 GiB at L = 4096, H = 16).
        float rowMax = 0.0f;
        for (const auto& [head, row] : rows)
            rowMax = std::max(rowMax, engine().weights(head).row(row).maxCoeff());
        setColorScale(rowMax, false);
        for (const auto& [head, row] : rows)
            emit rowChanged(head, row);
    } else {
        Mask mask = engine().mask();
        for (const CellEdit& e : edits)
            mask.set(e.head, e.row, e.col, redo ? e.after : e.before, engine().heads());
        engineForEdit().setMask(mask);
        m_state.mask = std::move(mask);
        setColorScale(largestWeight(engine()), false);
        emit resultChanged();
    }
}

AttentionEngine& AttentionController::engineForEdit()
{
    // Heatmaps render from the engine on worker threads: they stop (between pixel rows) before
    // it is written, so no thread reads an engine that is being written.
    m_renderGate->invalidate();
    return *m_engine;
}

MaskSnapshot AttentionController::maskSnapshot() const
{
    return {m_state.mask, m_state.preset, m_state.presetParams, m_state.inverted};
}

void AttentionController::applyMaskSnapshot(const MaskSnapshot& snapshot)
{
    m_state.mask = snapshot.mask;
    m_state.preset = snapshot.preset;
    m_state.presetParams = snapshot.params;
    m_state.inverted = snapshot.inverted;
    emit stateChanged();
    if (hasResult() && engine().queryLength() == snapshot.mask.rows() &&
        engine().keyLength() == snapshot.mask.cols() &&
        (!snapshot.mask.isPerHead() || snapshot.mask.planes() == engine().heads())) {
        snapshotWeights();
        engineForEdit().setMask(snapshot.mask);
        setColorScale(largestWeight(engine()), false);
        emit resultChanged();
    } else if (m_released) {
        recompute(); // the pending recompute starts again with this mask
    }
}

void AttentionController::pushMaskSnapshot(MaskSnapshot after, const QString& text)
{
    m_undo.push(new SetMaskCommand(this, maskSnapshot(), std::move(after), text));
}

void AttentionController::setPreset(MaskPreset preset)
{
    if (preset == m_state.preset && !m_state.inverted && m_state.mask == presetMaskFor(m_state))
        return;
    SessionState next = m_state;
    next.preset = preset;
    next.inverted = false;
    const Mask mask = presetMaskFor(next);
    pushMaskSnapshot({mask, preset, next.presetParams, false},
                     tr("Mask preset: %1").arg(QString::fromUtf8(toString(preset).data())));
}

void AttentionController::setPresetParams(const MaskPresetParams& params)
{
    SessionState next = m_state;
    next.presetParams = params;
    const Mask mask = presetMaskFor(next);
    pushMaskSnapshot({mask, next.preset, params, next.inverted},
                     tr("Change mask preset parameter"));
}

void AttentionController::invertMask()
{
    Mask mask = m_state.mask;
    mask.invert();
    pushMaskSnapshot({mask, m_state.preset, m_state.presetParams, !m_state.inverted},
                     tr("Invert mask"));
}

void AttentionController::resetMaskToPreset()
{
    const Mask mask = presetMaskFor(m_state);
    if (mask == m_state.mask)
        return;
    pushMaskSnapshot({mask, m_state.preset, m_state.presetParams, m_state.inverted},
                     tr("Discard mask edits"));
}

QString AttentionController::cellToolTip(int head, int row, int col) const
{
    if (m_released)
        return releasedNote();
    if (!hasResult() || head < 0 || head >= engine().heads() || row < 0 ||
        row >= engine().queryLength() || col < 0 || col >= engine().keyLength())
        return {};
    const AttentionEngine& e = engine();
    const int dk = e.dHead();
    const float raw =
        e.q().row(row).segment(head * dk, dk).dot(e.k().row(col).segment(head * dk, dk));
    const float scaled = e.scaledScoresRow(head, row)(col);
    const bool allowed = e.mask().allowed(head, row, col);
    const float weight = e.weights(head)(row, col);
    const QString fill = e.options().fill == MaskFill::NegInf ? tr("−∞") : tr("−1e9");
    const QString note =
        m_imported && m_imported->fixedScores
            ? tr("<br><i>Imported attention: scores are log A. Masking renormalises the row "
                 "(exact: masking a key then softmax = zeroing it and renormalising).</i>")
            : QString();
    const QString text =
        tr("<b>Head %1</b><br>query <b>%2</b> (row %3) → key <b>%4</b> (column %5)<br>"
           "raw score q·k: %6<br>scaled score: %7 (÷ %8)<br>mask: %9<br>weight: <b>%10</b>")
            .arg(head + 1)
            .arg(m_tokens.value(row).toHtmlEscaped())
            .arg(row)
            .arg(m_keyTokens.value(col).toHtmlEscaped())
            .arg(col)
            .arg(raw, 0, 'f', 4)
            .arg(scaled, 0, 'f', 4)
            .arg(e.options().scoreDivisor(dk), 0, 'f', 3)
            .arg(allowed ? tr("may attend") : tr("blocked (score replaced by %1)").arg(fill))
            .arg(weight, 0, 'f', 4);
    return text + note;
}

} // namespace attnviz::ui
