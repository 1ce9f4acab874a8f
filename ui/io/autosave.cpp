#include "autosave.h"

#include "session_file.h"
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
    , m_controller(controller)
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
    SessionDocument doc;
    doc.state = m_controller->state();
    const QString error = saveSession(m_path, doc);
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
    SessionDocument doc;
    doc.state = m_controller->state();
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
    const QString error = loadSession(m_path, &doc);
    if (error.isEmpty())
        m_controller->setState(doc.state);
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
