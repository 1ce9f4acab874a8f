#pragma once

#include "attention/engine.h"
#include "compute_job.h"
#include "job_tracker.h"
#include "mask_commands.h"
#include "render_gate.h"
#include "session_state.h"

#include <QObject>
#include <QRect>
#include <QStringList>
#include <QThreadPool>
#include <QUndoStack>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace attnviz::ui {

// Owns the session state, the engine that views read and the undo stack. Widgets read from it
// and request changes; they never compute attention.
//
// Full recomputes that are estimated to be slow run on a worker thread (job tracker: each job has
// an increasing id, its result comes back by queued invocation and is dropped if a newer job has
// started). The worker computes into a fresh engine that is swapped in on the GUI thread, so the
// engine the views read is never touched by another thread. Mask edits are incremental and
// synchronous (microseconds).
class AttentionController : public QObject {
    Q_OBJECT
public:
    explicit AttentionController(QObject* parent = nullptr);
    ~AttentionController() override;

    const SessionState& state() const { return m_state; }
    // The displayed result (may lag behind state() while a job is pending).
    const AttentionEngine& engine() const { return *m_engine; }
    // The same engine, kept alive by background renders while they read it.
    std::shared_ptr<const AttentionEngine> sharedEngine() const { return m_engine; }
    // Background renders read the engine only while the gate lets them (mask edits write it).
    std::shared_ptr<RenderGate> renderGate() const { return m_renderGate; }
    bool hasResult() const { return m_engine->hasResult(); }
    // True from the moment the result on screen is released for a recompute that does not fit
    // next to it (see setMemoryBudget) until a new result arrives. hasResult() is false then:
    // the views keep their last picture (tokens() and keyTokens() stay) and disable what needs
    // the numbers (hover values, row inspector, mask edits, exports).
    bool isReleased() const { return m_released; }
    // What views say instead of a value while released: computing, or why there is no result.
    QString releasedNote() const;
    const QStringList& tokens() const { return m_tokens; }
    // Key (column) tokens: the same as tokens() except for imported cross-attention.
    const QStringList& keyTokens() const { return m_keyTokens; }
    // The input rows and weights of the displayed result (null before the first result).
    const Matrix* input() const { return m_input.get(); }
    const AttentionWeights* attentionWeights() const { return m_weights.get(); }
    QUndoStack* undoStack() { return &m_undo; }
    bool isBusy() const { return m_jobs.isBusy(); }
    QString error() const { return m_error; }
    // Upper end of the shared colour scale of the weights (0 … colorMax).
    float colorMax() const { return m_colorMax; }
    // Weights of `head` before the last edit or recompute of the same shape (ghost bars), or
    // null if there are none.
    const Matrix* previousWeights(int head) const;

    // A recompute whose estimated memory (estimatedMemory) is above the budget is refused with a
    // message; the result on screen stays. One that fits alone but not next to the result on
    // screen (shownMemory) releases that result first. Default 2 GiB, or what memory_budget.h
    // remembers.
    void setMemoryBudget(quint64 bytes) { m_memoryBudget = bytes; }
    quint64 memoryBudget() const { return m_memoryBudget; }
    // Bytes a recompute of the current settings with `length` tokens needs at its peak when
    // nothing else is kept: the new engine, its inputs and the views' images.
    quint64 estimatedMemory(int length) const;
    // The same for `queries` rows attending to `keys`, at a given d_model and head count.
    quint64 estimatedMemory(int queries, int keys, int dModel, int heads, bool perHeadMask) const;
    // Bytes of the engine on screen (0 when there is none or it is released).
    quint64 shownMemory() const;
    // The refusal message for `length` tokens, empty when it fits the budget.
    QString budgetRefusal(int length) const;

    // Estimated multiply-adds above which a recompute runs on the worker (default ≈ 5 ms of work).
    void setAsyncThreshold(double flops) { m_asyncThreshold = flops; }
    double asyncThreshold() const { return m_asyncThreshold; }
    static constexpr double kAlwaysAsync = 0.0;
    static constexpr double kNeverAsync = std::numeric_limits<double>::infinity();

    // Control changes: each recomputes immediately.
    void setText(const QString& text);
    void setDModel(int dModel);
    void setHeads(int heads);
    void setSeed(std::uint64_t seed);
    void setFill(MaskFill fill);
    void setScale(bool scale);
    void setTemperature(double temperature);
    void setColorMap(const QString& name);
    // Replaces head `head`'s W_q/W_k with a hand-made pattern, or restores the seeded weights
    // (no pattern). Recomputes.
    void setDesignedHead(int head, std::optional<HeadPattern> pattern);
    // Replaces everything (session files, issue 4). The mask is kept if its shape fits.
    // Leaves imported inputs (back to the demo).
    void setState(const SessionState& state);

    // Imported tensors (File ▸ Open of attention or weights) replace the seeded demo: the text,
    // d_model, heads, seed and designed heads are ignored while imported, and so are scaling and
    // temperature when the scores are fixed (attention tensors). The mask resets to no masking
    // unless `keep.mask` fits; mask edits, presets and undo work as for the demo.
    void setImported(std::shared_ptr<const ImportedInputs> inputs, const MaskSnapshot& keep = {});
    // Why these inputs would be refused (their result is above the memory budget), else "".
    QString importRefusal(const ImportedInputs& inputs, const MaskSnapshot& keep = {}) const;
    bool isImported() const { return m_imported != nullptr; }
    const ImportedInputs* imported() const { return m_imported.get(); }

    // Mask changes, each one undo step. `head` is a head index or Mask::kAllHeads.
    void setPreset(MaskPreset preset);
    void setPresetParams(const MaskPresetParams& params);
    void invertMask();
    void resetMaskToPreset();
    void toggleCell(int head, int row, int col);
    // Sets every cell of `cells` (x = key column, y = query row) to `allowed`.
    void setCells(int head, const QRect& cells, bool allowed, const QString& text = {});
    void setRow(int head, int row, bool allowed);
    void setColumn(int head, int col, bool allowed);
    bool canEditMask() const;

    // Used by the undo commands.
    void applyCellEdits(const std::vector<CellEdit>& edits, bool redo);
    void applyMaskSnapshot(const MaskSnapshot& snapshot);

    QString cellToolTip(int head, int row, int col) const;

signals:
    void stateChanged();                // SessionState parameters changed (controls re-sync)
    void resultChanged();               // a whole new result or mask: everything may differ
    void rowChanged(int head, int row); // one row of one head changed (mask edit)
    void colorRangeChanged();
    void colorMapChanged(const QString& name);
    void busyChanged(bool busy);
    void errorChanged(const QString& message);
    void resultReleased(); // the engine on screen is gone until the next resultChanged
    void importChanged();  // entered, changed or left imported inputs

private:
    void recompute();
    // Shows a result; `wasBusy`: a background job was pending until now.
    void deliver(ComputeResult result, bool wasBusy);
    void setError(const QString& message);
    // Frees the engine on screen before a recompute that does not fit next to it.
    void releaseResult();
    void snapshotWeights();
    // The colour scale for weights up to `maxWeight`; it only grows unless `allowShrink`.
    void setColorScale(float maxWeight, bool allowShrink);
    void regenerateMask();
    MaskSnapshot maskSnapshot() const;
    void pushMaskSnapshot(MaskSnapshot after, const QString& text);
    std::vector<std::string> tokenizeText() const;
    // The preset's mask of `s` for the current query × key lengths.
    Mask presetMaskFor(const SessionState& s) const;
    // The engine to apply a mask edit to, once no background render reads it.
    AttentionEngine& engineForEdit();

    SessionState m_state;
    std::shared_ptr<AttentionEngine> m_engine; // never null; replaced, not mutated, by jobs
    std::shared_ptr<RenderGate> m_renderGate = std::make_shared<RenderGate>();
    QStringList m_tokens;
    QStringList m_keyTokens;
    std::shared_ptr<const ImportedInputs> m_imported;
    std::shared_ptr<const Matrix> m_input;
    std::shared_ptr<const AttentionWeights> m_weights;
    std::vector<Matrix> m_previous;
    QUndoStack m_undo;
    QString m_error;
    bool m_released = false;
    float m_colorMax = 1.0f;
    double m_asyncThreshold = 2.5e7;
    quint64 m_memoryBudget;
    static constexpr double kMaxGhostFloats = 16.0 * 1024 * 1024;

    // One worker, drained in the destructor; the tracker drops all but the newest result.
    QThreadPool m_pool;
    JobTracker m_jobs{&m_pool};
};

} // namespace attnviz::ui
