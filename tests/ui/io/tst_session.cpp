// Session files: exact round trips, and broken or foreign files refused with the state kept.
#include "io/npy.h"
#include "long_sequence.h"
#include "ui/actions/import_actions.h"
#include "ui/actions/session_actions.h"
#include "ui/io/autosave.h"
#include "ui/io/session_file.h"
#include "ui/model/attention_controller.h"
#include "ui/shell/main_window.h"
#include "ui/views/heads/head_grid.h"
#include "ui_test_main.h"

#include <QElapsedTimer>
#include <QFile>
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

    // Defect 4: one click on one head at L = 4096 with 16 heads saved the per-head mask as 0/1
    // strings, 269 MB, which the reader then refused as too large.
    void longPerHeadSessionIsSmallAndReopens()
    {
        SessionDocument doc;
        doc.state.text = numberedWords(4096);
        doc.state.heads = 16;
        doc.state.mask = doc.state.presetMask(4096);
        doc.state.mask.set(5, 1000, 10, false, 16); // one click on head 6
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("long.attnviz.json"));
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(saveSession(path, doc), QString());
        const qint64 saveMs = timer.restart();
        SessionDocument back;
        QCOMPARE(loadSession(path, &back), QString());
        const qint64 loadMs = timer.elapsed();
        const qint64 bytes = QFileInfo(path).size();
        qInfo("4096×4096×16 with one edit: %lld bytes, saved in %lld ms, reopened in %lld ms",
              bytes, saveMs, loadMs);
        QVERIFY2(bytes < 10 * 1000 * 1000, qPrintable(QString::number(bytes)));
        QCOMPARE(back.state.mask, doc.state.mask);
        QVERIFY(!back.state.mask.allowed(5, 1000, 10) && back.state.mask.allowed(4, 1000, 10));
    }

    // Files written before the packed bits (a "cells" string per row) still open.
    void oldCellStringsOpen()
    {
        Json o = sessionToJson(unusualDocument());
        const Mask& mask = unusualDocument().state.mask;
        Json cells = Json::array();
        for (int p = 0; p < mask.planes(); ++p)
            for (int r = 0; r < mask.rows(); ++r) {
                std::string line;
                for (int c = 0; c < mask.cols(); ++c)
                    line += mask.allowed(p, r, c) ? '1' : '0';
                cells.push_back(line);
            }
        o["mask"].erase("bits");
        o["mask"]["cells"] = cells;
        SessionDocument back;
        QCOMPARE(sessionFromJson(o, &back), QString());
        QCOMPARE(back.state.mask, mask);
    }

    // A document that would be refused on opening is refused before writing; the file is kept.
    void tooLargeSessionIsNotWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.attnviz.json"));
        writeFile(path, "the previous save");
        SessionDocument doc;
        doc.state.text = QString(kMaxSessionBytes, QLatin1Char('a'));
        const QString error = saveSession(path, doc);
        QVERIFY2(error.contains(QStringLiteral("MB")), qPrintable(error));
        // A mask the reader would refuse as too large (its planes share storage: costs nothing).
        doc.state.text.clear();
        doc.state.mask = Mask::perHead(2049, 512, 512);
        QVERIFY2(saveSession(path, doc).contains(QStringLiteral("cells")), "mask cells");
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("the previous save"));
    }

    // Defect 4: autosave saved the controller's state alone, so a crash lost the imported files.
    void autosaveKeepsImports()
    {
        QTemporaryDir dir;
        const QString npy = dir.filePath(QStringLiteral("attn.npy"));
        const std::vector<float> uniform(2 * 3 * 3, 1.0f / 3.0f);
        io::writeNpy(npy.toStdString(), {2, 3, 3}, uniform.data());
        const QString path = dir.filePath(QStringLiteral("auto/autosave.attnviz.json"));
        SessionState saved;
        {
            MainWindow w;
            w.controller()->setAsyncThreshold(AttentionController::kNeverAsync);
            QCOMPARE(w.files()->imports()->openAttention(npy, {}, 0, {}, false), QString());
            w.controller()->toggleCell(1, 2, 0);
            Autosave autosave(w.controller(), path);
            w.files()->keepImportsIn(&autosave);
            QCOMPARE(autosave.saveNow(), QString());
            saved = w.controller()->state();
        }
        SessionDocument doc;
        QCOMPARE(loadSession(path, &doc), QString());
        QCOMPARE(doc.attention.path, npy);
        MainWindow w;
        w.controller()->setAsyncThreshold(AttentionController::kNeverAsync);
        Autosave autosave(w.controller(), path);
        w.files()->keepImportsIn(&autosave);
        QCOMPARE(autosave.restore(), QString());
        QVERIFY(w.controller()->isImported());
        QCOMPARE(w.files()->imports()->source().path, npy);
        QCOMPARE(w.controller()->state().mask, saved.mask);
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
        const QByteArray good = QByteArray::fromStdString(sessionToJson(unusualDocument()).dump());
        auto edited = [&](const char* key, const Json& value) {
            Json o = sessionToJson(unusualDocument());
            o[key] = value;
            return QByteArray::fromStdString(o.dump());
        };
        QTest::newRow("empty") << QByteArray() << "not valid JSON";
        QTest::newRow("truncated") << good.left(good.size() / 2) << "not valid JSON";
        QTest::newRow("not an object") << QByteArray("[1, 2]") << "not an AttnViz session";
        // Read by core's strict parser: a key given twice is refused, not silently the last one.
        QTest::newRow("duplicate key")
            << QByteArray(R"({"heads": 3, )") + good.mid(1) << "duplicate key";
        QTest::newRow("foreign JSON")
            << QByteArray(R"({"name": "package", "version": 1})") << "not an AttnViz session";
        QTest::newRow("newer version") << edited("version", 2) << "newer AttnViz";
        QTest::newRow("old version") << edited("version", 0) << "version 0 is not supported";
        QTest::newRow("no version") << edited("version", nullptr) << "no version";
        QTest::newRow("heads not dividing") << edited("heads", 5) << "not divisible";
        QTest::newRow("negative heads") << edited("heads", -1) << "heads";
        QTest::newRow("NaN-like temperature") << edited("temperature", "nan") << "temperature";
        QTest::newRow("unknown colour map") << edited("colorMap", "rainbow") << "rainbow";
        QTest::newRow("mask of other tokens")
            << edited("text", "just three tokens") << "the mask is 7×7";
        Json badMask = sessionToJson(unusualDocument());
        badMask["mask"]["cells"] = {"0101"};
        QTest::newRow("wrong mask shape")
            << QByteArray::fromStdString(badMask.dump()) << "mask: expected";
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
