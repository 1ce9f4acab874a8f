#pragma once

#include "ui/io/imported_attention.h"
#include "ui/io/imported_weights.h"
#include "ui/io/session_file.h"
#include "ui/model/job_tracker.h"
#include "ui/model/mask_commands.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <memory>

class QAction;
class QLabel;
class QMainWindow;
class QMenu;
class QSpinBox;
class QToolBar;
class QWidget;

namespace attnviz::ui {

class AttentionController;

// Real tensors in the GUI: attention tensors (.npy, H×L×S or layers×H×L×S, with a token list) and
// model weights (.safetensors) with .npy inputs replace the seeded demo. A toolbar shows the file,
// a layer selector and "Back to demo"; the demo-only controls are disabled while imported.
//
// Files above kAsyncBytes are read (and the tensors prepared) on a worker thread; the result comes
// back by queued invocation and is dropped if a newer open has started. Nothing changes until a
// file has been read and checked completely; failures are dialogs (when `dialogs`) and finished().
class ImportActions : public QObject {
    Q_OBJECT
public:
    ImportActions(QMainWindow* window, AttentionController* controller);
    ~ImportActions() override;

    // Adds "Open weights…" and "Back to demo" before `before` (null: at the end).
    void populate(QMenu* menu, QAction* before);

    // Both return the error, or "" when the import was applied or started in the background
    // (then finished() reports). `keep` is applied if its shape fits (sessions).
    QString openAttention(const QString& path, const QString& tokensPath = {}, int layer = 0,
                          const MaskSnapshot& keep = {}, bool dialogs = true);
    QString openWeights(const WeightsImport& request, const MaskSnapshot& keep = {},
                        bool dialogs = true);
    bool isBusy() const { return m_jobs.isBusy(); }

    int layer() const { return m_layer; }
    int layerCount() const { return m_attention ? m_attention->layers : 0; }
    void setLayer(int layer);
    void backToDemo();
    // The open attention file (empty for the demo and for weight imports).
    AttentionSource source() const;
    // The open weights and inputs (empty for the demo and for attention files).
    WeightsImport weightsSource() const;

    QToolBar* toolBar() const { return m_toolBar; }
    QSpinBox* layerSpin() const { return m_layerSpin; }
    QAction* layerAction() const { return m_layerAction; } // visible when there are layers
    QAction* backAction() const { return m_back; }

    static constexpr qint64 kAsyncBytes = 1 << 20;

signals:
    void finished(const QString& error);

private:
    struct Loaded {
        QString error;
        std::shared_ptr<const ImportedAttention> attention; // attention tensors
        std::shared_ptr<const ImportedInputs> inputs;       // the engine inputs of `layer`
        int layer = 0;
        WeightsImport weights; // what was read, for weight imports
    };
    using Loader = std::function<Loaded()>;
    QString run(Loader loader, bool async, const MaskSnapshot& keep, bool dialogs);
    // Applies a read (or reports its failure); returns the error, "" when applied.
    QString apply(Loaded loaded, const MaskSnapshot& keep, bool dialogs);
    void openWeightsDialog();
    void syncControls();
    static Loaded prepareLayer(std::shared_ptr<const ImportedAttention> a, int layer);

    QMainWindow* m_window;
    AttentionController* m_controller;
    std::shared_ptr<const ImportedAttention> m_attention;
    int m_layer = 0;
    WeightsImport m_weights;
    QToolBar* m_toolBar;
    QLabel* m_label;
    QSpinBox* m_layerSpin;
    QAction* m_layerAction;
    QAction* m_back;
    QAction* m_openWeights = nullptr;
    QHash<QWidget*, QString> m_savedToolTips;
    QThreadPool m_pool; // drained in the destructor
    JobTracker m_jobs{&m_pool};
};

} // namespace attnviz::ui
