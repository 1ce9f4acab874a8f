// Autosave: a debounced save after changes, and the restore offered after a crash.
#include "ui/io/autosave.h"
#include "ui/io/session_file.h"
#include "ui/model/attention_controller.h"
#include "ui/shell/autosave_prompt.h"
#include "ui_test_main.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace attnviz;
using namespace attnviz::ui;

namespace {

QByteArray stateJson(const SessionState& state)
{
    SessionDocument doc;
    doc.state = state;
    return QByteArray::fromStdString(sessionToJson(doc).dump());
}

} // namespace

class TestAutosave : public QObject {
    Q_OBJECT
private slots:
    void autosaveWritesReadableSession()
    {
        QTemporaryDir dir;
        AttentionController c;
        Autosave autosave(&c, dir.filePath(QStringLiteral("auto/session.json")));
        autosave.setDelay(50);
        QSignalSpy saved(&autosave, &Autosave::saved);
        c.setSeed(1234);
        const bool allowed = c.state().mask.allowed(0, 5, 2);
        c.toggleCell(0, 5, 2);
        QVERIFY(autosave.isPending());
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 5000); // debounced: one save for two changes
        SessionDocument doc;
        QCOMPARE(loadSession(autosave.path(), &doc), QString());
        QCOMPARE(stateJson(doc.state), stateJson(c.state()));
        QCOMPARE(doc.state.mask.allowed(0, 5, 2), !allowed); // the edit itself was saved
    }

    void restoreAfterCrash()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("autosave.json"));
        QByteArray crashed;
        {
            AttentionController c;
            Autosave a(&c, path);
            a.start();
            c.setText(QStringLiteral("the crash must not lose this sentence"));
            c.setSeed(99);
            QCOMPARE(a.saveNow(), QString());
            crashed = stateJson(c.state());
            // No markCleanExit: the process "crashes" here.
        }
        AttentionController c2;
        {
            Autosave b(&c2, path);
            QVERIFY(b.start());
            QVERIFY(b.previousRunCrashed());
            QCOMPARE(b.restore(), QString());
            QCOMPARE(stateJson(c2.state()), crashed);
            QCOMPARE(c2.state().seed, std::uint64_t(99));
            b.markCleanExit();
        }
        Autosave c3(&c2, path);
        QVERIFY(!c3.start()); // the previous run exited cleanly: nothing to offer
        QVERIFY(!offerRestore(c3, nullptr));
    }
};

ATTNVIZ_UI_TEST_MAIN(TestAutosave)
#include "tst_autosave.moc"
