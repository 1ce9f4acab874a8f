// Knockouts: an incremental recompute equals the full pass with the same knockouts bit for bit,
// starts where the knockouts say, and undoing it restores the numbers exactly.
#include "common/error.h"
#include "model/forward.h"
#include "model/model.h"
#include "tiny_models.h"

#include <QTemporaryDir>
#include <QTest>

using namespace attnviz;
using model::Family;

Q_DECLARE_METATYPE(Family)
Q_DECLARE_METATYPE(model::KnockoutSet)

namespace {

struct Snapshot {
    std::vector<Matrix> attention, stream;
    Matrix hidden, logits;
};

Snapshot snapshot(const model::ModelForward& f, const model::ModelConfig& c)
{
    Snapshot s;
    for (int l = 0; l < c.layers; ++l)
        for (int h = 0; h < c.heads; ++h)
            s.attention.push_back(f.attention(l, h));
    for (int l = 0; l <= c.layers; ++l)
        s.stream.push_back(f.residual(l));
    s.hidden = f.hidden();
    s.logits = f.logits();
    return s;
}

// Exact equality: the recompute must reproduce the bits, not approximate them.
bool identical(const Matrix& a, const Matrix& b)
{
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           (a.size() == 0 || // no logits without a head; memcmp must not see a null pointer
            std::memcmp(a.data(), b.data(), sizeof(float) * std::size_t(a.size())) == 0);
}

void verifyIdentical(const Snapshot& a, const Snapshot& b)
{
    for (std::size_t i = 0; i < a.attention.size(); ++i)
        QVERIFY2(identical(a.attention[i], b.attention[i]), qPrintable(QString::number(i)));
    for (std::size_t i = 0; i < a.stream.size(); ++i)
        QVERIFY2(identical(a.stream[i], b.stream[i]), qPrintable(QString::number(i)));
    QVERIFY(identical(a.hidden, b.hidden));
    QVERIFY(identical(a.logits, b.logits));
}

const std::vector<std::int32_t> kIds = {3, 17, 5, 29, 11, 0, 38, 21, 9, 14};

} // namespace

class TestModelKnockouts : public QObject {
    Q_OBJECT
private slots:
    void incrementalEqualsFull_data()
    {
        QTest::addColumn<Family>("family");
        QTest::addColumn<model::KnockoutSet>("edges");
        QTest::addColumn<int>("firstLayer");
        QTest::addColumn<int>("firstRow");
        for (const auto& [name, family] :
             {std::pair{"llama", Family::Llama}, std::pair{"gpt2", Family::Gpt2},
              std::pair{"bert", Family::Bert}, std::pair{"distilbert", Family::DistilBert}}) {
            const bool causal = family == Family::Llama || family == Family::Gpt2;
            QTest::addRow("%s one edge", name)
                << family << model::KnockoutSet{{1, 2, 6, 0}} << 1 << (causal ? 6 : 0);
            QTest::addRow("%s two layers", name)
                << family << model::KnockoutSet{{0, 1, 7, 3}, {1, 3, 4, 4}} << 0
                << (causal ? 4 : 0);
            model::KnockoutSet column; // every head of layer 0 loses key 0
            for (int h = 0; h < tiny::kHeads; ++h)
                for (int q = 0; q < static_cast<int>(kIds.size()); ++q)
                    column.insert({0, h, q, 0});
            QTest::addRow("%s key 0 everywhere", name) << family << column << 0 << 0;
        }
    }
    void incrementalEqualsFull()
    {
        QFETCH(Family, family);
        QFETCH(model::KnockoutSet, edges);
        QFETCH(int, firstLayer);
        QFETCH(int, firstRow);
        QTemporaryDir dir;
        tiny::write(dir.filePath("m").toStdString(), family);
        const auto m = model::openModel(dir.filePath("m").toStdString());
        model::ModelForward f(m->config, m->weights);
        f.run(kIds, {});
        const Snapshot clean = snapshot(f, m->config);

        f.setKnockouts(edges);
        QCOMPARE(f.lastRecompute().layer, firstLayer);
        QCOMPARE(f.lastRecompute().row, firstRow);
        const Snapshot incremental = snapshot(f, m->config);
        model::ModelForward full(m->config, m->weights);
        full.run(kIds, edges);
        verifyIdentical(incremental, snapshot(full, m->config));

        // The knockout changed something downstream, blocked edges are 0 and rows still sum to 1.
        QVERIFY(!identical(clean.logits, incremental.logits));
        for (const model::Edge& e : edges) {
            const Matrix& a = f.attention(e.layer, e.head);
            QCOMPARE(a(e.query, e.key), 0.0f);
            if (a.row(e.query).sum() != 0.0f) // a row with every key blocked is all zero
                QVERIFY(std::abs(a.row(e.query).sum() - 1.0f) < 1e-5f);
        }
        // Layers before the first edited one were not touched.
        for (int l = 0; l <= firstLayer; ++l)
            QVERIFY(identical(clean.stream[l], incremental.stream[l]));
        // Nor the positions before the smallest affected query, in any layer (causal models).
        for (int l = 0; l <= m->config.layers; ++l)
            QVERIFY(identical(clean.stream[l].topRows(firstRow),
                              incremental.stream[l].topRows(firstRow)));

        f.setKnockouts({});
        verifyIdentical(snapshot(f, m->config), clean);
    }

    void parseAndExpand()
    {
        const model::KnockoutSpec all = model::parseKnockout("1:*:*:0");
        QCOMPARE(*all.layer, 1);
        QVERIFY(!all.head && !all.query);
        QCOMPARE(*all.key, 0);
        QCOMPARE(model::toString(all), std::string("1:*:*:0"));
        // Causal: key 0 is visible to all 5 queries of each of 4 heads.
        QCOMPARE(model::expandKnockouts({all}, 2, 4, 5, true).size(), std::size_t(20));
        // Key 3 in a causal model is visible only from query 3 on.
        QCOMPARE(model::expandKnockouts({model::parseKnockout("*:0:*:3")}, 2, 4, 5, true).size(),
                 std::size_t(4));
        QCOMPARE(model::expandKnockouts({model::parseKnockout("*:0:*:3")}, 2, 4, 5, false).size(),
                 std::size_t(10));
        for (const char* bad :
             {"1:2:3", "1:2:3:4:5", "a:0:0:0", "-1:0:0:0", "1::0:0", "", "1:2:3:4x"})
            QVERIFY_THROWS_EXCEPTION(Error, model::parseKnockout(bad));
        QVERIFY_THROWS_EXCEPTION(
            Error, model::expandKnockouts({model::parseKnockout("*:*:*:*")}, 30, 9, 1024, false));
        for (const char* outside : {"2:0:0:0", "0:4:0:0", "0:0:5:0", "0:0:0:5"})
            QVERIFY_THROWS_EXCEPTION(
                Error, model::expandKnockouts({model::parseKnockout(outside)}, 2, 4, 5, false));
    }
};

QTEST_APPLESS_MAIN(TestModelKnockouts)
#include "tst_model_knockouts.moc"
