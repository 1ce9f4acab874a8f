#include "demo/demo_inputs.h"
#include "common/random.h"
#include "demo/tokenizer.h"

#include <QTest>

using namespace attnviz;

class TestDemo : public QObject {
    Q_OBJECT

private slots:
    void tokenize_data();
    void tokenize();
    void generatorIsPinned();
    void embeddingsAreDeterministic();
    void positionalEncoding();
    void xavierBound();
};

void TestDemo::tokenize_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tokens");
    QTest::newRow("words") << "The cat sat" << QStringList{"The", "cat", "sat"};
    QTest::newRow("punctuation") << "Hi, you!" << QStringList{"Hi", ",", "you", "!"};
    QTest::newRow("spaces") << "  a \t b\n" << QStringList{"a", "b"};
    QTest::newRow("empty") << "" << QStringList{};
    QTest::newRow("digits") << "GPT-4 x_1" << QStringList{"GPT", "-", "4", "x_1"};
    QTest::newRow("accents") << "café naïve" << QStringList{"café", "naïve"};
    QTest::newRow("chinese") << "注意力机制。" << QStringList{"注", "意", "力", "机", "制", "。"};
    QTest::newRow("mixed") << "BERT的注意力" << QStringList{"BERT", "的", "注", "意", "力"};
}

void TestDemo::tokenize()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tokens);
    QStringList got;
    for (const std::string& t : attnviz::tokenize(text.toStdString()))
        got << QString::fromStdString(t);
    QCOMPARE(got, tokens);
}

void TestDemo::generatorIsPinned()
{
    // Pinned values: a change here means every saved demo would change on every machine.
    SeededRandom rng(42);
    QCOMPARE(rng.next(), Q_UINT64_C(0xBDD732262FEB6E95));
    SeededRandom u(1);
    for (int i = 0; i < 1000; ++i) {
        const float v = u.uniform();
        QVERIFY(v >= 0.0f && v < 1.0f);
    }
    // Invalid UTF-8 never crashes the tokenizer.
    QCOMPARE(attnviz::tokenize("\xff\xfe a").size(), std::size_t(3));
}

void TestDemo::embeddingsAreDeterministic()
{
    const std::vector<std::string> tokens{"the", "cat", "the"};
    const Matrix a = demoEmbeddings(tokens, 16, 7);
    const Matrix b = demoEmbeddings(tokens, 16, 7);
    const Matrix c = demoEmbeddings(tokens, 16, 8);
    QCOMPARE(a, b);
    QVERIFY(a != c);
    // Same token, different position: differs only by the positional encoding.
    const Matrix pe = attnviz::positionalEncoding(3, 16);
    QVERIFY(((a.row(0) - pe.row(0)) - (a.row(2) - pe.row(2))).cwiseAbs().maxCoeff() < 1e-5f);
}

void TestDemo::positionalEncoding()
{
    const Matrix pe = attnviz::positionalEncoding(4, 8);
    QCOMPARE(pe(0, 0), 0.0f);
    QCOMPARE(pe(0, 1), 1.0f);
    QVERIFY(std::abs(pe(1, 0) - std::sin(1.0f)) < 1e-6f);
    QVERIFY(std::abs(pe(3, 2) - float(std::sin(3.0 / std::pow(10000.0, 2.0 / 8)))) < 1e-6f);
}

void TestDemo::xavierBound()
{
    const AttentionWeights w = demoWeights(32, 1);
    const float bound = std::sqrt(6.0f / 64.0f);
    QVERIFY(w.wq.cwiseAbs().maxCoeff() <= bound);
    QVERIFY(w.wq.cwiseAbs().maxCoeff() > 0.9f * bound);
    QVERIFY(w.bq.isZero());
    QVERIFY(w.wq != w.wk);
    QCOMPARE(demoWeights(32, 1).wo, w.wo);
}

QTEST_APPLESS_MAIN(TestDemo)
#include "tst_demo.moc"
