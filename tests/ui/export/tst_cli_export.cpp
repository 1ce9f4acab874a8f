// `attnviz export` as users run it: the built binary, no display and no Qt environment variable.
#include "cli_process.h"
#include "io/npy.h"
#include "tensor_files.h"
#include "ui/io/session_file.h"
#include "ui_test_main.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <cmath>

using namespace attnviz;

namespace {

using Run = CliRun;

Run runAttnviz(const QStringList& args)
{
    return runCommand(QStringLiteral("export"), args);
}

// Softmax-like rows: H×L×L (or layers×H×L×L) of positive values summing to 1 per row.
std::vector<float> attentionValues(int count, int length)
{
    std::vector<float> v(static_cast<std::size_t>(count) * length * length);
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = 1.0f / length;
    return v;
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// `attnviz export --session` of `doc`, saved as NAME.json in `dir`, to NAME.png: the sidecar;
// empty when saving, exporting (its stderr is printed) or reading the sidecar failed.
QJsonObject exportedSidecar(const QTemporaryDir& dir, const QString& name,
                            const ui::SessionDocument& doc)
{
    const QString session = dir.filePath(name + ".json");
    const QString png = dir.filePath(name + ".png");
    if (!ui::saveSession(session, doc).isEmpty())
        return {};
    const Run r = runAttnviz({"--session", session, "--format", "png", "--out", png});
    if (r.code != 0) {
        qWarning("%s", qPrintable(r.err));
        return {};
    }
    QFile sidecar(png + ".json");
    if (!sidecar.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(sidecar.readAll()).object();
}

} // namespace

class TestCliExport : public QObject {
    Q_OBJECT
private slots:
    void formats_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("format");
        QTest::newRow("png all heads") << QStringList{"--scale", "1"} << "png";
        QTest::newRow("png one head, scores")
            << QStringList{"--head", "2", "--stage", "scores", "--colormap", "magma"} << "png";
        QTest::newRow("svg masked stage") << QStringList{"--stage", "masked"} << "svg";
        QTest::newRow("pdf output stage, demo options")
            << QStringList{"--stage", "output", "--tokens", "a b c d e", "--heads", "2",
                           "--dim",   "16",     "--seed",   "7",         "--mask",  "window"}
            << "pdf";
    }
    void formats()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, format);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("fig.") + format);
        const Run r = runAttnviz(args + QStringList{"--format", format, "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray head = file.read(8);
        if (format == QLatin1String("png"))
            QVERIFY(head.startsWith("\x89PNG"));
        else if (format == QLatin1String("pdf"))
            QVERIFY(head.startsWith("%PDF"));
        else
            QVERIFY(head.startsWith("<?xml"));
        QFile sidecar(out + QStringLiteral(".json"));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(sidecar.readAll()).object();
        QCOMPARE(o.value("format").toString(), QStringLiteral("attnviz-export"));
        QVERIFY(o.value("session").toObject().contains("mask"));
        QVERIFY(o.value("session").toObject().contains("seed"));
    }

    void scaleChangesPixelsOnly()
    {
        QTemporaryDir dir;
        QVERIFY(
            runAttnviz({"--format", "png", "--scale", "1", "--out", dir.filePath("a.png")}).code ==
            0);
        QVERIFY(
            runAttnviz({"--format", "png", "--scale", "3", "--out", dir.filePath("b.png")}).code ==
            0);
        const QImage a(dir.filePath("a.png")), b(dir.filePath("b.png"));
        QVERIFY(std::abs(b.width() - 3 * a.width()) <= 3);
        QVERIFY(std::abs(b.height() - 3 * a.height()) <= 3);
    }

    void session()
    {
        QTemporaryDir dir;
        ui::SessionDocument doc;
        doc.state.text = QStringLiteral("one two three four");
        doc.state.heads = 2;
        doc.state.mask = doc.state.presetMask(4);
        doc.state.mask.set(1, 3, 0, false, 2);
        const QJsonObject o = exportedSidecar(dir, "s", doc);
        QVERIFY(!o.isEmpty());
        // The sidecar is checked with QJson, an independent parser; the session is read back as
        // the app reads it.
        const ui::Json session = ui::Json::parse(
            QJsonDocument(o.value("session").toObject()).toJson().toStdString());
        ui::SessionDocument back;
        QCOMPARE(ui::sessionFromJson(session, &back), QString());
        QVERIFY(back.state.mask == doc.state.mask); // the per-head edit was rendered
    }

    // Defect 1: a session of imported weights exports their attention, not the demo's.
    void sessionOfWeightsImport()
    {
        QTemporaryDir dir;
        const int d = 8, l = 5, s = 7;
        writeProjections(dir.filePath("w.safetensors"), d);
        io::writeNpy(dir.filePath("X.npy").toStdString(), {l, d}, seeded(l, d, 5).data());
        io::writeNpy(dir.filePath("XK.npy").toStdString(), {s, d}, seeded(s, d, 6).data());
        ui::SessionDocument doc;
        doc.weights = {dir.filePath("w.safetensors"), dir.filePath("X.npy"), dir.filePath("XK.npy"),
                       2};
        const QJsonObject o = exportedSidecar(dir, "w", doc);
        QVERIFY(!o.isEmpty());
        QCOMPARE(o.value("queryTokens").toArray().size(), l);
        QCOMPARE(o.value("keyTokens").toArray().size(), s);
        QCOMPARE(o.value("headsShown").toArray().size(), 2);
    }

    void attention()
    {
        QTemporaryDir dir;
        io::writeNpy(dir.filePath("a.npy").toStdString(), {2, 3, 4, 4},
                     attentionValues(6, 4).data());
        writeBytes(dir.filePath("a.txt"), "w\nx\ny\nz\n");
        Run r = runAttnviz({"--attention", dir.filePath("a.npy"), "--layer", "1", "--head", "3",
                            "--format", "svg", "--out", dir.filePath("a.svg")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile svg(dir.filePath("a.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray content = svg.readAll();
        QVERIFY(content.contains(">w</text>") || content.contains(">w\n</text>") ||
                content.contains(">w"));
        // Masking imported attention renormalises it.
        r = runAttnviz({"--attention", dir.filePath("a.npy"), "--mask", "causal", "--format", "png",
                        "--out", dir.filePath("m.png")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no format") << QStringList{} << "--format";
        QTest::newRow("gif") << QStringList{"--format", "gif"} << "png, svg or pdf";
        QTest::newRow("scale 5") << QStringList{"--scale", "5"} << "--scale";
        QTest::newRow("head 9") << QStringList{"--head", "9"} << "--head";
        QTest::newRow("stage") << QStringList{"--stage", "logits"} << "--stage";
        QTest::newRow("colormap") << QStringList{"--colormap", "jet"} << "jet";
        QTest::newRow("heads vs dim")
            << QStringList{"--heads", "5", "--dim", "64"} << "not divisible";
        QTest::newRow("mask preset") << QStringList{"--mask", "diagonal"} << "diagonal";
        QTest::newRow("empty tokens") << QStringList{"--tokens", "  "} << "no tokens";
        QTest::newRow("missing session")
            << QStringList{"--session", "@/none.json"} << "cannot open";
        QTest::newRow("foreign session")
            << QStringList{"--session", "@/foreign.json"} << "not an AttnViz session";
        QTest::newRow("newer session") << QStringList{"--session", "@/v2.json"} << "version 2";
        QTest::newRow("truncated npy") << QStringList{"--attention", "@/truncated.npy"} << "npy";
        QTest::newRow("2-D npy") << QStringList{"--attention", "@/flat.npy"} << "(H, L, S)";
        QTest::newRow("NaN npy") << QStringList{"--attention", "@/nan.npy"} << "finite";
        QTest::newRow("negative npy") << QStringList{"--attention", "@/neg.npy"} << "negative";
        QTest::newRow("huge header npy") << QStringList{"--attention", "@/huge.npy"} << "header";
        QTest::newRow("token count")
            << QStringList{"--attention", "@/ok.npy", "--tokens-file", "@/three.txt"} << "3 tokens";
        QTest::newRow("layer") << QStringList{"--attention", "@/ok.npy", "--layer", "1"}
                               << "--layer";
        QTest::newRow("attention stage")
            << QStringList{"--attention", "@/ok.npy", "--stage", "scores"} << "weights only";
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString d = dir.path();
        writeBytes(d + "/foreign.json", R"({"name": "x", "version": 1})");
        ui::Json v2 = ui::sessionToJson(ui::SessionDocument{});
        v2["version"] = 2;
        writeBytes(d + "/v2.json", QByteArray::fromStdString(v2.dump()));
        const std::string ok = io::serializeNpy({2, 4, 4}, attentionValues(2, 4).data());
        writeBytes(d + "/ok.npy", QByteArray::fromStdString(ok));
        writeBytes(d + "/truncated.npy", QByteArray::fromStdString(ok.substr(0, ok.size() - 9)));
        writeBytes(d + "/three.txt", "a\nb\nc\n");
        std::vector<float> v = attentionValues(2, 4);
        io::writeNpy((d + "/flat.npy").toStdString(), {8, 4}, v.data());
        v[5] = std::nanf("");
        io::writeNpy((d + "/nan.npy").toStdString(), {2, 4, 4}, v.data());
        v[5] = -0.5f;
        io::writeNpy((d + "/neg.npy").toStdString(), {2, 4, 4}, v.data());
        // Version 2 header claiming 4 GiB of header bytes.
        writeBytes(d + "/huge.npy", QByteArray("\x93NUMPY\x02\x00\xff\xff\xff\xff{", 13));

        QStringList full;
        for (QString a : args)
            full << a.replace(QLatin1String("@"), d);
        const QString out = d + "/out.png";
        if (!full.contains(QLatin1String("--format")))
            full << "--format"
                 << "png";
        if (reason == QLatin1String("--format"))
            full.removeAll(QLatin1String("--format")), full.removeAll(QLatin1String("png"));
        const Run r = runAttnviz(full + QStringList{"--out", out});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(reason), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
        QVERIFY(!QFile::exists(out + ".json"));
        QVERIFY(QDir(d).entryList({"*.png", "out*"}, QDir::Files).isEmpty());
    }

    void unwritableIsExit1()
    {
        QTemporaryDir dir;
        const Run r = runAttnviz({"--format", "svg", "--out", dir.filePath("missing/dir/x.svg")});
        QCOMPARE(r.code, 1);
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }
};

ATTNVIZ_UI_TEST_MAIN(TestCliExport)
#include "tst_cli_export.moc"
