// `attnviz model` as users and the cross-check harness run it: the built binary on tiny models
// the test writes (and stories260K when the shared test data is there).
#include "cli_process.h"
#include "io/npy.h"
#include "testdata.h"
#include "tiny_models.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace attnviz;

namespace {

using Run = CliRun;

Run runModel(const QStringList& args)
{
    return runCommand(QStringLiteral("model"), args);
}

std::vector<std::int64_t> shapeOf(const QString& path)
{
    return io::readNpy(path.toStdString()).shape;
}

} // namespace

class TestCliModel : public QObject {
    Q_OBJECT
private slots:
    void writesEverything()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("bert");
        tiny::write(model.toStdString(), model::Family::Bert);
        const QString out = dir.filePath("out");
        const Run r = runModel({"--model", model, "--ids", "1,7,3,9,2", "--knockout", "1:*:*:0",
                                "--knockout", "0:2:4:1", "--top-k", "3", "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const std::int64_t T = 5, L = tiny::kLayers, H = tiny::kHeads;
        QCOMPARE(shapeOf(out + "/ids.npy"), (std::vector<std::int64_t>{T}));
        QCOMPARE(io::readNpy((out + "/ids.npy").toStdString()).values,
                 (std::vector<float>{1, 7, 3, 9, 2}));
        QCOMPARE(shapeOf(out + "/attentions.npy"), (std::vector<std::int64_t>{L, H, T, T}));
        QCOMPARE(shapeOf(out + "/logits.npy"), (std::vector<std::int64_t>{T, tiny::kVocab}));
        QCOMPARE(shapeOf(out + "/hidden.npy"), (std::vector<std::int64_t>{T, tiny::kD}));
        // Key 0 is blocked in every head of layer 1: after knockouts its weights are 0.
        const io::Tensor a = io::readNpy((out + "/attentions.npy").toStdString());
        for (std::int64_t h = 0; h < H; ++h)
            for (std::int64_t q = 0; q < T; ++q)
                QCOMPARE(a.values[((1 * H + h) * T + q) * T], 0.0f);
        QFile tokens(out + "/tokens.txt");
        QVERIFY(tokens.open(QIODevice::ReadOnly));
        QCOMPARE(tokens.readAll(), QByteArray("1\n7\n3\n9\n2\n")); // no tokenizer: the ids
        QFile summary(out + "/summary.json");
        QVERIFY(summary.open(QIODevice::ReadOnly));
        const QJsonObject s = QJsonDocument::fromJson(summary.readAll()).object();
        QCOMPARE(s["architecture"].toString(), QString("BertForMaskedLM"));
        QCOMPARE(s["knocked_out_edges"].toInt(), 4 * 5 + 1);
        const QJsonObject p = s["predictions"].toArray()[0].toObject();
        QCOMPARE(p["position"].toInt(), 4);
        QCOMPARE(p["with_knockouts"].toArray().size(), 3);
        QCOMPARE(p["without_knockouts"].toArray().size(), 3);
        QVERIFY(p["with_knockouts"] != p["without_knockouts"]);
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty text") << QStringList{"--text", ""} << "--text is empty";
        QTest::newRow("no tokenizer") << QStringList{"--text", "hi"} << "no tokenizer files";
        QTest::newRow("text and ids") << QStringList{"--text", "a", "--ids", "1"} << "exactly one";
        QTest::newRow("id out of range")
            << QStringList{"--ids", "1,40"} << "token id 40 is outside the vocabulary [0, 40)";
        QTest::newRow("negative id") << QStringList{"--ids", "-1"} << "token id -1";
        QTest::newRow("bad ids") << QStringList{"--ids", "1,x"} << "comma-separated";
        QString many = "1";
        for (int i = 0; i < tiny::kPositions; ++i)
            many += ",1";
        QTest::newRow("too long") << QStringList{"--ids", many}
                                  << "33 tokens are more than the model's 32 positions";
        QTest::newRow("knockout layer")
            << QStringList{"--ids", "1,2", "--knockout", "2:0:0:0"} << "layer 2 is out of range";
        QTest::newRow("knockout query")
            << QStringList{"--ids", "1,2", "--knockout", "0:0:2:*"} << "query 2 is out of range";
        QTest::newRow("knockout syntax")
            << QStringList{"--ids", "1,2", "--knockout", "0:0:1"} << "expected four fields";
        QTest::newRow("top-k") << QStringList{"--ids", "1", "--top-k", "0"} << "--top-k";
        QTest::newRow("memory budget") << QStringList{"--ids", "1,2", "--memory-budget", "0.00001"}
                                       << "above the memory budget";
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString model = dir.filePath("llama");
        tiny::write(model.toStdString(), model::Family::Llama);
        const QString out = dir.filePath("out");
        const Run r = runModel(QStringList{"--model", model, "--out", out} + args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(out)); // nothing written
    }

    void missingModel()
    {
        QTemporaryDir dir;
        const Run r =
            runModel({"--model", dir.filePath("none"), "--ids", "1", "--out", dir.filePath("out")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("no such file or folder"), qPrintable(r.err));
    }

    void unwritableOutput()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("gpt2");
        tiny::write(model.toStdString(), model::Family::Gpt2);
        QFile blocker(dir.filePath("file"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        const Run r = runModel({"--model", model, "--ids", "1", "--out", dir.filePath("file/out")});
        QCOMPARE(r.code, 1);
    }

    void stories260K()
    {
        ATTNVIZ_REQUIRE_TESTDATA("models/stories260K/hf");
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        const Run r = runModel({"--model", testdataPath("models/stories260K/hf"), "--text",
                                "Once upon a time", "--knockout", "1:*:*:0", "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(io::readNpy((out + "/ids.npy").toStdString()).values.front(), 1.0f); // BOS
        QFile tokens(out + "/tokens.txt");
        QVERIFY(tokens.open(QIODevice::ReadOnly));
        QCOMPARE(tokens.readAll(), QByteArray("<s>\n Once\n upon\n a\n time\n"));

        // A tokenizer file that is there but broken: exit 2, nothing written.
        const QString copy = dir.filePath("broken");
        QVERIFY(QDir().mkpath(copy));
        for (const char* f : {"config.json", "model.safetensors", "tokenizer_config.json"})
            QVERIFY(QFile::copy(testdataPath("models/stories260K/hf/") + f, copy + "/" + f));
        QFile broken(copy + "/tokenizer.model");
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("not a sentencepiece model");
        broken.close();
        const Run bad = runModel({"--model", copy, "--text", "Once", "--out", dir.filePath("o2")});
        QCOMPARE(bad.code, 2);
        QVERIFY(!QFileInfo::exists(dir.filePath("o2")));
    }
};

QTEST_GUILESS_MAIN(TestCliModel)
#include "tst_cli_model.moc"
