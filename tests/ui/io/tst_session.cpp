// Session files: exact round trips, and broken or foreign files refused with the state kept.
#include "ui/actions/session_actions.h"
#include "ui/io/session_file.h"
#include "ui/model/attention_controller.h"
#include "ui/shell/main_window.h"
#include "ui/views/heads/head_grid.h"
#include "ui_test_main.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace attnviz;
using namespace attnviz::ui;

namespace {

SessionDocument unusualDocument()
{
    SessionDocument doc;
    SessionState& s = doc.state;
    s.text = QStringLiteral("Ein kleiner Test , mit Satzzeichen !");
    s.dModel = 48;
    s.heads = 3;
    s.seed = (std::uint64_t(1) << 60) + 7; // beyond a double's integers
    s.preset = MaskPreset::SlidingWindow;
    s.presetParams.window = 1;
    s.presetParams.probability = 0.125;
    s.inverted = true;
    s.mask = s.presetMask(7);
    s.mask.set(2, 4, 1, false, 3); // a per-head edit
    s.mask.set(0, 0, 6, true, 3);
    s.fill = MaskFill::NegInf;
    s.scale = false;
    s.temperature = 0.3713;
    s.colorMap = QStringLiteral("cividis");
    s.designedHeads = {{1, HeadPattern::PreviousToken}, {2, HeadPattern::FirstToken}};
    doc.view.focusedHead = 2;
    doc.view.stage = QStringLiteral("scores");
    return doc;
}

void compareStates(const SessionState& a, const SessionState& b)
{
    QCOMPARE(a.text, b.text);
    QCOMPARE(a.dModel, b.dModel);
    QCOMPARE(a.heads, b.heads);
    QCOMPARE(a.seed, b.seed);
    QVERIFY(a.preset == b.preset);
    QCOMPARE(a.presetParams.padding, b.presetParams.padding);
    QCOMPARE(a.presetParams.window, b.presetParams.window);
    QCOMPARE(a.presetParams.block, b.presetParams.block);
    QCOMPARE(a.presetParams.prefix, b.presetParams.prefix);
    QCOMPARE(a.presetParams.probability, b.presetParams.probability);
    QCOMPARE(a.inverted, b.inverted);
    QVERIFY(a.mask == b.mask);
    QVERIFY(a.fill == b.fill);
    QCOMPARE(a.scale, b.scale);
    QCOMPARE(a.temperature, b.temperature);
    QCOMPARE(a.colorMap, b.colorMap);
    QVERIFY(a.designedHeads == b.designedHeads);
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

void waitIdle(AttentionController* c)
{
    QTRY_VERIFY_WITH_TIMEOUT(!c->isBusy(), 10000);
}

} // namespace

class TestSession : public QObject {
    Q_OBJECT
private slots:
    void roundTripExact()
    {
        const SessionDocument doc = unusualDocument();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.json"));
        QCOMPARE(saveSession(path, doc), QString());
        SessionDocument back;
        QCOMPARE(loadSession(path, &back), QString());
        compareStates(back.state, doc.state);
        QVERIFY(back.view == doc.view);
        QVERIFY(back.attention.isEmpty());
        // Saving what was loaded gives the same bytes.
        const QString again = dir.filePath(QStringLiteral("again.json"));
        QCOMPARE(saveSession(again, back), QString());
        QFile a(path), b(again);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
    }

    void attentionSourceIsRelative()
    {
        QTemporaryDir dir;
        SessionDocument doc = unusualDocument();
        doc.state.mask = Mask();
        doc.attention = {dir.filePath(QStringLiteral("data/a.npy")),
                         dir.filePath(QStringLiteral("data/a.txt")), 3};
        const QString path = dir.filePath(QStringLiteral("s.json"));
        QCOMPARE(saveSession(path, doc), QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("\"data/a.npy\""));
        SessionDocument back;
        QCOMPARE(loadSession(path, &back), QString());
        QVERIFY(back.attention == doc.attention);
    }

    void guiRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gui.json"));
        Matrix weights;
        SessionState saved;
        {
            MainWindow w;
            AttentionController* c = w.controller();
            c->setHeads(2);
            c->setTemperature(2.5);
            c->setColorMap(QStringLiteral("inferno"));
            waitIdle(c);
            c->toggleCell(1, 3, 0); // per-head edit
            c->toggleCell(Mask::kAllHeads, 5, 2);
            w.heads()->focusHead(1);
            QCOMPARE(w.files()->saveTo(path, false), QString());
            saved = c->state();
            weights = c->engine().weights(1);
            QVERIFY(w.files()->recentFiles().contains(QFileInfo(path).absoluteFilePath()));
        }
        MainWindow w;
        QCOMPARE(w.files()->openFile(path, false), QString());
        waitIdle(w.controller());
        compareStates(w.controller()->state(), saved);
        QCOMPARE(w.heads()->focusedHead(), 1);
        // Edits were incremental before saving, a full pass after opening: equal to rounding.
        QVERIFY(w.controller()->engine().weights(1).isApprox(weights, 1e-5f));
    }

    void badFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason");
        const QByteArray good =
            QJsonDocument(sessionToJson(unusualDocument())).toJson(QJsonDocument::Compact);
        auto edited = [&](const char* key, const QJsonValue& value) {
            QJsonObject o = sessionToJson(unusualDocument());
            o[QLatin1String(key)] = value;
            return QJsonDocument(o).toJson();
        };
        QTest::newRow("empty") << QByteArray() << "not valid JSON";
        QTest::newRow("truncated") << good.left(good.size() / 2) << "not valid JSON";
        QTest::newRow("not an object") << QByteArray("[1, 2]") << "not an AttnViz session";
        QTest::newRow("foreign JSON")
            << QByteArray(R"({"name": "package", "version": 1})") << "not an AttnViz session";
        QTest::newRow("newer version") << edited("version", 2) << "newer AttnViz";
        QTest::newRow("old version") << edited("version", 0) << "version 0 is not supported";
        QTest::newRow("no version") << edited("version", QJsonValue()) << "no version";
        QTest::newRow("heads not dividing") << edited("heads", 5) << "not divisible";
        QTest::newRow("negative heads") << edited("heads", -1) << "heads";
        QTest::newRow("NaN-like temperature") << edited("temperature", "nan") << "temperature";
        QTest::newRow("unknown colour map") << edited("colorMap", "rainbow") << "rainbow";
        QTest::newRow("mask of other tokens")
            << edited("text", "just three tokens") << "the mask is 7×7";
        QJsonObject badMask = sessionToJson(unusualDocument());
        QJsonObject m = badMask["mask"].toObject();
        m["cells"] = QJsonArray{"0101"};
        badMask["mask"] = m;
        QTest::newRow("wrong mask shape") << QJsonDocument(badMask).toJson() << "mask: expected";
    }
    void badFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        writeFile(path, content);

        SessionDocument doc = unusualDocument();
        const QString error = loadSession(path, &doc);
        QVERIFY2(error.contains(reason), qPrintable(error));
        compareStates(doc.state, unusualDocument().state); // untouched

        // The GUI keeps its current state.
        MainWindow w;
        AttentionController* c = w.controller();
        c->toggleCell(0, 4, 1);
        waitIdle(c);
        const SessionState before = c->state();
        const Matrix weights = c->engine().weights(0);
        QVERIFY(!w.files()->openFile(path, false).isEmpty());
        compareStates(c->state(), before);
        QVERIFY(c->engine().weights(0) == weights);
        QVERIFY(c->undoStack()->canUndo()); // the edit history too
    }

    void hugeFileRefusedFromItsSize()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("huge.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(kMaxSessionBytes + 1)); // sparse: costs no disk
        f.close();
        SessionDocument doc;
        QVERIFY(loadSession(path, &doc).contains(QStringLiteral("too large")));
        QVERIFY(loadSession(dir.filePath(QStringLiteral("missing.json")), &doc)
                    .contains(QStringLiteral("cannot open")));
    }

    // A name without a suffix gets .attnviz.json, the suffix the desktop's MIME type knows.
    void savePathSuffix_data()
    {
        QTest::addColumn<QString>("chosen");
        QTest::addColumn<QString>("saved");
        QTest::newRow("no suffix") << "/tmp/lesson"
                                   << "/tmp/lesson.attnviz.json";
        QTest::newRow("session suffix") << "/tmp/a.attnviz.json"
                                        << "/tmp/a.attnviz.json";
        QTest::newRow("plain json kept") << "/tmp/a.json"
                                         << "/tmp/a.json";
        QTest::newRow("dotted folder") << "/tmp/v1.2/lesson"
                                       << "/tmp/v1.2/lesson.attnviz.json";
    }

    void savePathSuffix()
    {
        QFETCH(QString, chosen);
        QFETCH(QString, saved);
        QCOMPARE(sessionSavePath(chosen), saved);
    }
};

ATTNVIZ_UI_TEST_MAIN(TestSession)
#include "tst_session.moc"
