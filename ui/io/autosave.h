#pragma once

#include "session_file.h"

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>
#include <functional>

namespace attnviz::ui {

class AttentionController;

// Saves the session a short while after every change (debounced, atomic via saveSession's
// QSaveFile) to AppDataLocation, and remembers in QSettings whether the run ended cleanly, so
// that the next start can offer to restore what a crash would otherwise have lost.
//
//   Autosave autosave(controller);
//   autosave.start();                 // this run is now "running"
//   offerRestore(autosave, window);   // asks if the previous run crashed (shell/)
//   ... on quit: autosave.markCleanExit();
class Autosave : public QObject {
    Q_OBJECT
public:
    explicit Autosave(AttentionController* controller, QString path = defaultPath(),
                      QObject* parent = nullptr);

    // What is saved, and how a restored document is applied (the error, empty on success). By
    // default the controller's state alone; the main window's session actions supply the whole
    // document, imported files included (SessionActions::keepImportsIn).
    using DocumentSource = std::function<SessionDocument()>;
    using DocumentSink = std::function<QString(const SessionDocument&)>;
    void setDocument(DocumentSource current, DocumentSink apply);

    static QString defaultPath();
    QString path() const { return m_path; }
    void setDelay(int ms) { m_timer.setInterval(ms); }
    bool isPending() const { return m_timer.isActive(); }

    // Reads whether the previous run exited cleanly, then marks this run as not (yet) clean.
    // Returns true when the previous run did not exit cleanly and left an autosave.
    bool start();
    bool previousRunCrashed() const { return m_crashed; }
    // Loads the autosave into the controller; the error message, empty on success.
    QString restore();
    // The user chose not to restore: the autosave is no longer offered.
    void declineRestore() { m_crashed = false; }
    // Saves now and records a clean exit.
    void markCleanExit();
    // Writes the session now; the error message, empty on success.
    QString saveNow();
    // The timer's save: the state is copied here, serialised and written on a worker thread (a
    // 4096-token mask is a 16 MB document); emits saved() when done.
    void saveInBackground();

signals:
    void saved();

private:
    DocumentSource m_current;
    DocumentSink m_apply;
    QString m_path;
    QTimer m_timer;
    bool m_crashed = false;
    bool m_saving = false; // a background save is running
    QThreadPool m_pool;    // one writer; drained before a foreground save and on destruction
};

} // namespace attnviz::ui
