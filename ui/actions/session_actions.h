#pragma once

#include "ui/io/session_file.h"
#include "ui/render/figure.h"

#include <QObject>
#include <QStringList>
#include <optional>
#include <vector>

class QAction;
class QMainWindow;
class QMenu;

namespace attnviz::ui {

class AttentionController;
class Autosave;
class HeadGrid;
class ImportActions;

// File ▸ Open / Save / Save As / Export / Copy image / recent files, and files dropped on the
// window. Every failure is a dialog with the reason; the current state is only replaced once a
// file has been read and checked completely.
class SessionActions : public QObject {
    Q_OBJECT
public:
    SessionActions(QMainWindow* window, AttentionController* controller, HeadGrid* heads);

    // Adds the actions to the top of `menu`.
    void populate(QMenu* menu);

    // Opens a session (.json) or attention tensor (.npy). Returns the error ("" on success, or
    // when a large file is being read in the background: imports()->finished() reports) and
    // shows it in a dialog when `dialogs` is true.
    QString openFile(const QString& path, bool dialogs = true);
    QString saveTo(const QString& path, bool dialogs = true);
    SessionDocument currentDocument() const;
    // Shows a document read from a file; its imports are read again. The error, "" on success.
    QString applyDocument(const SessionDocument& doc);
    // Makes `autosave` save and restore the whole document, imports included.
    void keepImportsIn(Autosave* autosave);
    QString currentPath() const { return m_path; }
    QStringList recentFiles() const;
    ImportActions* imports() const { return m_imports; }

    static constexpr int kMaxRecent = 8;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void open();
    void save();
    void saveAs();
    void exportImage();
    void copyImage();
    std::vector<int> shownHeads() const;
    std::vector<Stage> exportableStages() const;
    Figure currentFigure(Stage stage) const;
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    // The settings a session puts on top of its import, and its focused head.
    void applyView(const SessionDocument& doc);
    void fail(const QString& title, const QString& message, bool dialogs);

    QMainWindow* m_window;
    AttentionController* m_controller;
    HeadGrid* m_heads;
    QMenu* m_recentMenu = nullptr;
    QString m_path;
    ImportActions* m_imports;
    // A session whose files are read in the background: applyView once they are in.
    std::optional<SessionDocument> m_afterImport;
};

} // namespace attnviz::ui
