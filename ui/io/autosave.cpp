#include "ui/io/autosave.h"

#include "ui/io/session_file.h"
#include "ui/model/attention_controller.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>

namespace attnviz::ui {

namespace {

const char kCleanExitKey[] = "session/cleanExit";
constexpr int kDebounceMs = 2000;

} // namespace

Autosave::Autosave(AttentionController* controller, QString path, QObject* parent)
    : QObject(parent)
    , m_current([controller] {
        SessionDocument doc;
        doc.state = controller->state();
        return doc;
    })
    , m_apply([controller](const SessionDocument& doc) {
        controller->setState(doc.state);
        return QString();
    })
    , m_path(std::move(path))
{
    m_pool.setMaxThreadCount(1);
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDebounceMs);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::saveInBackground);
    auto schedule = [this] { m_timer.start(); };
    connect(controller, &AttentionController::stateChanged, this, schedule);
    connect(controller, &AttentionController::resultChanged, this, schedule);
    connect(controller, &AttentionController::rowChanged, this, schedule);
}

void Autosave::setDocument(DocumentSource current, DocumentSink apply)
{
    m_current = std::move(current);
    m_apply = std::move(apply);
}

QString Autosave::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/autosave") + QLatin1String(kSessionSuffix);
}

bool Autosave::start()
{
    QSettings settings;
    const bool clean = settings.value(QLatin1String(kCleanExitKey), true).toBool();
    m_crashed = !clean && QFileInfo::exists(m_path);
    settings.setValue(QLatin1String(kCleanExitKey), false);
    settings.sync();
    return m_crashed;
}

QString Autosave::saveNow()
{
    m_timer.stop();
    m_pool.waitForDone(); // a background save must not land after this one
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    const QString error = saveSession(m_path, m_current());
    if (error.isEmpty())
        emit saved();
    return error;
}

void Autosave::saveInBackground()
{
    if (m_saving) {
        m_timer.start(); // one save at a time; this change is saved after the running one
        return;
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    SessionDocument doc = m_current();
    m_saving = true;
    QPointer<Autosave> self(this);
    m_pool.start([self, path = m_path, doc = std::move(doc)] {
        const QString error = saveSession(path, doc);
        QMetaObject::invokeMethod(
            self.data(),
            [self, error] {
                if (!self)
                    return;
                self->m_saving = false;
                if (error.isEmpty())
                    emit self->saved();
            },
            Qt::QueuedConnection);
    });
}

QString Autosave::restore()
{
    SessionDocument doc;
    QString error = loadSession(m_path, &doc);
    if (error.isEmpty())
        error = m_apply(doc);
    m_crashed = false;
    return error;
}

void Autosave::markCleanExit()
{
    saveNow();
    QSettings settings;
    settings.setValue(QLatin1String(kCleanExitKey), true);
    settings.sync();
}

} // namespace attnviz::ui
