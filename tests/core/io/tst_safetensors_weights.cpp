// SafetensorsWeights: single and sharded HuggingFace checkpoints mapped in their stored dtype,
// and every way a folder can disagree with itself.

#include "io/safetensors_weights.h"
#include "iotestutil.h"

#include <QMap>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <fstream>

using namespace attnviz::io;
using iotest::bytes;
using iotest::str;

namespace {

using Files = QMap<QString, QByteArray>; // file name in the model folder → content

void writeFiles(const QTemporaryDir& dir, const Files& files)
{
    for (auto it = files.begin(); it != files.end(); ++it)
        std::ofstream(dir.filePath(it.key()).toStdString(), std::ios::binary) << str(it.value());
}

QByteArray index(const std::string& weightMap)
{
    return bytes(R"({"metadata":{"total_size":36},"weight_map":)" + weightMap + "}");
}

// Three tensors in three dtypes, as one file or as two shards with an index.
const std::string kA = iotest::f32({1, 2, 3, 4, 5, 6});
const std::string kB = iotest::u16({0x3C00, 0xC000});         // F16 1, -2
const std::string kC = iotest::u16({0x3F80, 0x4040, 0xBF80}); // BF16 1, 3, -1

QByteArray shard1()
{
    return bytes(iotest::safetensorsFile({{"a", "F32", {2, 3}, kA}, {"b", "F16", {2}, kB}}));
}

QByteArray shard2()
{
    return bytes(iotest::safetensorsFile({{"c", "BF16", {3, 1}, kC}}, R"({"format":"pt"})"));
}

Files sharded()
{
    return {{"model-00001-of-00002.safetensors", shard1()},
            {"model-00002-of-00002.safetensors", shard2()},
            {"model.safetensors.index.json", index(R"({"a":"model-00001-of-00002.safetensors",)"
                                                   R"("b":"model-00001-of-00002.safetensors",)"
                                                   R"("c":"model-00002-of-00002.safetensors"})")}};
}

std::vector<float> widened(const WeightView& view)
{
    std::vector<float> out(std::size_t(view.rows() * view.cols()));
    widenRows(view, 0, view.rows(), out.data());
    return out;
}

void checkThreeTensors(const WeightFile& weights)
{
    QCOMPARE(weights.tensors().size(), std::size_t(3));
    const WeightView& a = weights.require("a");
    QVERIFY(a.type == WeightType::F32);
    QCOMPARE(a.shape, (std::vector<std::int64_t>{2, 3}));
    QCOMPARE(a.bytes, kA.size());
    QVERIFY(std::memcmp(a.data, kA.data(), kA.size()) == 0); // the stored bytes, uncopied
    QCOMPARE(widened(a), (std::vector<float>{1, 2, 3, 4, 5, 6}));
    const WeightView& b = weights.require("b");
    QVERIFY(b.type == WeightType::F16);
    QCOMPARE(widened(b), (std::vector<float>{1, -2}));
    const WeightView& c = *weights.find("c");
    QVERIFY(c.type == WeightType::BF16);
    QCOMPARE(c.shape, (std::vector<std::int64_t>{3, 1}));
    QCOMPARE(widened(c), (std::vector<float>{1, 3, -1}));
    QVERIFY(!weights.find("d"));
}

} // namespace

class TestSafetensorsWeights : public QObject {
    Q_OBJECT

private slots:
    void singleFile();
    void shardedFolder();
    void singleFileWinsOverIndex();
    void missingTensor();
    void rejects_data();
    void rejects();
};

void TestSafetensorsWeights::singleFile()
{
    QTemporaryDir dir;
    const std::string all = iotest::safetensorsFile(
        {{"a", "F32", {2, 3}, kA}, {"b", "F16", {2}, kB}, {"c", "BF16", {3, 1}, kC}});
    writeFiles(dir, {{"model.safetensors", bytes(all)}});
    const std::string folder = dir.path().toStdString();
    const SafetensorsWeights fromFolder(folder);
    checkThreeTensors(fromFolder);
    QCOMPARE(fromFolder.source(), folder);
    checkThreeTensors(SafetensorsWeights(folder + "/model.safetensors"));
}

void TestSafetensorsWeights::shardedFolder()
{
    QTemporaryDir dir;
    writeFiles(dir, sharded());
    checkThreeTensors(SafetensorsWeights(dir.path().toStdString()));
    checkThreeTensors(
        SafetensorsWeights(dir.filePath("model.safetensors.index.json").toStdString()));
}

// transformers' from_pretrained looks for model.safetensors before the index.
void TestSafetensorsWeights::singleFileWinsOverIndex()
{
    QTemporaryDir dir;
    Files files = sharded();
    files["model.safetensors"] =
        bytes(iotest::safetensorsFile({{"x", "F32", {1}, iotest::f32({7})}}));
    writeFiles(dir, files);
    const SafetensorsWeights weights(dir.path().toStdString());
    QCOMPARE(weights.tensors().size(), std::size_t(1));
    QVERIFY(weights.find("x"));
}

void TestSafetensorsWeights::missingTensor()
{
    QTemporaryDir dir;
    writeFiles(dir, sharded());
    const SafetensorsWeights weights(dir.path().toStdString());
    QCOMPARE(iotest::formatErrorOf([&] { weights.require("lm_head.weight"); }),
             dir.path() + ": missing tensor 'lm_head.weight'");
}

void TestSafetensorsWeights::rejects_data()
{
    QTest::addColumn<Files>("files");
    QTest::addColumn<QString>("message"); // $D is the folder
    const QString shard1Name = "model-00001-of-00002.safetensors";
    const QString shard2Name = "model-00002-of-00002.safetensors";
    const QString indexName = "model.safetensors.index.json";
    auto withIndex = [&](const std::string& weightMap) {
        Files f = sharded();
        f[indexName] = index(weightMap);
        return f;
    };

    QTest::newRow("empty folder") << Files{{"config.json", "{}"}}
                                  << "$D: no model.safetensors or model.safetensors.index.json "
                                     "in this folder";
    QTest::newRow("F64") << Files{{"model.safetensors",
                                   bytes(iotest::safetensorsFile(
                                       {{"w", "F64", {1}, iotest::f64({1})}}))}}
                         << "$D/model.safetensors: tensor 'w' has unsupported dtype 'F64' "
                            "(supported: F32, F16, BF16)";
    QTest::newRow("shape and bytes differ")
        << Files{{"model.safetensors",
                  bytes(iotest::safetensorsRaw(
                      R"({"w":{"dtype":"BF16","shape":[3,2],"data_offsets":[0,8]}})",
                      kA.substr(0, 8)))}}
        << "$D/model.safetensors: tensor 'w': data_offsets [0, 8] span 8 bytes but BF16 with shape "
           "(3, 2) needs 12";
    QTest::newRow("overlap")
        << Files{{"model.safetensors",
                  bytes(iotest::safetensorsRaw(
                      R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                      R"("b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                      kA.substr(0, 8)))}}
        << "$D/model.safetensors: tensor 'b': data_offsets overlap tensor 'a'";
    QTest::newRow("truncated") << Files{{"model.safetensors", shard1().left(40)}}
                               << "$D/model.safetensors: header length";
    QTest::newRow("short data") << Files{{"model.safetensors", shard1().chopped(1)}}
                                << "$D/model.safetensors: tensor 'b': data_offsets [24, 28] run "
                                   "past the end of the data (27 bytes)";
    Files missing = sharded();
    missing.remove(shard2Name);
    QTest::newRow("missing shard") << missing
                                   << "$D/model.safetensors.index.json: shard "
                                      "'model-00002-of-00002.safetensors' is missing (the index "
                                      "places tensor 'c' in it)";
    QTest::newRow("tensor not in shard")
        << withIndex(R"({"a":"model-00001-of-00002.safetensors",)"
                     R"("b":"model-00001-of-00002.safetensors",)"
                     R"("c":"model-00002-of-00002.safetensors",)"
                     R"("d":"model-00002-of-00002.safetensors"})")
        << "$D/model-00002-of-00002.safetensors: tensor 'd' is not in this shard, but "
           "$D/model.safetensors.index.json places it there";
    QTest::newRow("tensor not in index")
        << withIndex(R"({"a":"model-00001-of-00002.safetensors",)"
                     R"("c":"model-00002-of-00002.safetensors"})")
        << "$D/model-00001-of-00002.safetensors: tensor 'b' is not in the weight_map of "
           "$D/model.safetensors.index.json";
    QTest::newRow("tensor in other shard")
        << withIndex(R"({"a":"model-00001-of-00002.safetensors",)"
                     R"("b":"model-00002-of-00002.safetensors",)"
                     R"("c":"model-00002-of-00002.safetensors"})")
        << "$D/model-00001-of-00002.safetensors: tensor 'b' is in this shard, but "
           "$D/model.safetensors.index.json places it in 'model-00002-of-00002.safetensors'";
    Files twice = sharded();
    twice[shard2Name] =
        bytes(iotest::safetensorsFile({{"a", "F32", {2, 3}, kA}, {"c", "BF16", {3, 1}, kC}}));
    QTest::newRow("tensor in two shards")
        << twice
        << "$D/model-00002-of-00002.safetensors: tensor 'a' is in this shard, but "
           "$D/model.safetensors.index.json places it in 'model-00001-of-00002.safetensors'";
    QTest::newRow("no weight_map") << Files{{indexName, R"({"metadata":{}})"}}
                                   << "$D/model.safetensors.index.json: no \"weight_map\" object";
    QTest::newRow("index array") << Files{{indexName, "[]"}}
                                 << "$D/model.safetensors.index.json: no \"weight_map\" object";
    QTest::newRow("empty weight_map") << Files{{indexName, index("{}")}}
                                      << "$D/model.safetensors.index.json: \"weight_map\" names "
                                         "no tensors";
    QTest::newRow("shard number") << Files{{indexName, index(R"({"a":1})")}}
                                  << "$D/model.safetensors.index.json: tensor 'a': the shard is "
                                     "not a string";
    QTest::newRow("shard path") << Files{{indexName, index(R"({"a":"../x.safetensors"})")}}
                                << "$D/model.safetensors.index.json: tensor 'a': shard "
                                   "'../x.safetensors' is not a .safetensors file name in the "
                                   "model folder";
    QTest::newRow("shard not safetensors")
        << Files{{indexName, index(R"({"a":"model.bin"})")}}
        << "$D/model.safetensors.index.json: tensor 'a': shard 'model.bin' is not a .safetensors "
           "file name";
    QTest::newRow("index not json") << Files{{indexName, "{\"weight_map\":"}}
                                    << "$D/model.safetensors.index.json: invalid JSON";
    QTest::newRow("duplicate in index")
        << Files{{indexName, index(R"({"a":"s.safetensors","a":"t.safetensors"})")}}
        << "$D/model.safetensors.index.json: invalid JSON at byte";
}

void TestSafetensorsWeights::rejects()
{
    QFETCH(Files, files);
    QFETCH(QString, message);
    QTemporaryDir dir;
    writeFiles(dir, files);
    const QString error =
        iotest::formatErrorOf([&] { SafetensorsWeights weights(dir.path().toStdString()); });
    const QString expected = QString(message).replace("$D", dir.path());
    QVERIFY2(error.startsWith(expected), qPrintable("got: " + error));
}

QTEST_APPLESS_MAIN(TestSafetensorsWeights)
#include "tst_safetensors_weights.moc"
