// One path from session to result: every kind of session opened in the window (File ▸ Open)
// and computed without one (computeSession, what `attnviz export` draws) gives the same numbers.
#include "io/npy.h"
#include "tensor_files.h"
#include "ui/actions/import_actions.h"
#include "ui/actions/session_actions.h"
#include "ui/io/session_compute.h"
#include "ui/model/attention_controller.h"
#include "ui/shell/main_window.h"
#include "ui_test_main.h"

#include <QDir>
#include <QTemporaryDir>

using namespace attnviz;
using namespace attnviz::ui;

class TestSessionResult : public QObject {
    Q_OBJECT
private slots:
    void guiAndExportAgree_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char* kind : {"demo", "per-head mask", "attention import", "weights import"})
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }

    void guiAndExportAgree()
    {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        const QDir d(dir.path());
        SessionDocument doc;
        doc.state.text = QStringLiteral("one two three four five");
        doc.state.heads = 2;
        doc.state.temperature = 0.7;
        if (kind == QLatin1String("per-head mask")) {
            doc.state.mask = doc.state.presetMask(5);
            doc.state.mask.set(1, 4, 0, false, 2);
        } else if (kind == QLatin1String("attention import")) {
            std::vector<float> a(2 * 4 * 4);
            for (std::size_t i = 0; i < a.size(); ++i)
                a[i] = 0.1f + static_cast<float>(i % 5);
            io::writeNpy(d.filePath(QStringLiteral("a.npy")).toStdString(), {2, 4, 4}, a.data());
            doc.attention.path = d.filePath(QStringLiteral("a.npy"));
        } else if (kind == QLatin1String("weights import")) {
            writeProjections(d.filePath(QStringLiteral("w.safetensors")), 8);
            io::writeNpy(d.filePath(QStringLiteral("X.npy")).toStdString(), {5, 8},
                         seeded(5, 8, 5).data());
            doc.weights = {d.filePath(QStringLiteral("w.safetensors")),
                           d.filePath(QStringLiteral("X.npy")),
                           {},
                           2};
        }
        const QString path = d.filePath(QStringLiteral("s.attnviz.json"));
        QCOMPARE(saveSession(path, doc), QString());

        MainWindow window;
        AttentionController* c = window.controller();
        QCOMPARE(window.files()->openFile(path, false), QString());
        QTRY_VERIFY(!window.files()->imports()->isBusy() && !c->isBusy());

        SessionDocument loaded;
        QCOMPARE(loadSession(path, &loaded), QString());
        const ComputeResult result = computeSession(&loaded);
        QVERIFY2(result.engine, qPrintable(result.error));
        const AttentionEngine& e = *result.engine;
        QCOMPARE(e.heads(), c->engine().heads());
        QCOMPARE(e.options().temperature, c->engine().options().temperature);
        QVERIFY(e.mask() == c->engine().mask());
        for (int h = 0; h < e.heads(); ++h) {
            QVERIFY(e.scaledScores(h) == c->engine().scaledScores(h));
            QVERIFY(e.weights(h) == c->engine().weights(h));
        }
        QVERIFY(e.output() == c->engine().output());
        QCOMPARE(result.tokens, c->tokens());
    }
};

ATTNVIZ_UI_TEST_MAIN(TestSessionResult)
#include "tst_session_result.moc"
