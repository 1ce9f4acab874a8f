// The controller without widgets: presets, invert, control changes, invalid input and the
// background recompute (newest request wins) and recomputes that fail.
#include "mask/presets.h"
#include "ui/model/attention_controller.h"
#include "ui_test_main.h"

#include <QSignalSpy>
#include <QTest>
#include <atomic>
#include <new>
#include <stdexcept>
#include <thread>

using namespace attnviz;
using namespace attnviz::ui;

Q_DECLARE_METATYPE(attnviz::MaskPreset)

namespace {

void throwBadAlloc(const ComputeRequest&)
{
    throw std::bad_alloc();
}

void throwRuntime(const ComputeRequest&)
{
    throw std::runtime_error("injected failure");
}

std::vector<Matrix> allWeights(const AttentionController& c)
{
    std::vector<Matrix> out;
    for (int h = 0; h < c.engine().heads(); ++h)
        out.push_back(c.engine().weights(h));
    return out;
}

bool sameWeights(const std::vector<Matrix>& a, const std::vector<Matrix>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t h = 0; h < a.size(); ++h)
        if (a[h].rows() != b[h].rows() || a[h].cols() != b[h].cols() || a[h] != b[h])
            return false;
    return true;
}

} // namespace

class TestController : public QObject {
    Q_OBJECT
private slots:
    void defaultDemo()
    {
        AttentionController c;
        QVERIFY(c.hasResult());
        QCOMPARE(c.engine().heads(), 4);
        QCOMPARE(c.engine().dModel(), 64);
        QCOMPARE(c.tokens().size(), 11);
        QVERIFY(c.state().preset == MaskPreset::Causal);
        QVERIFY(c.error().isEmpty());
        for (int i = 0; i < c.engine().queryLength(); ++i)
            QCOMPARE(c.engine().weights(0).row(i).sum(), 1.0f);
    }

    void editWhileRenderReadsEngineStopsIt()
    {
        AttentionController c;
        // A background render reads the engine until it is told to stop.
        const std::shared_ptr<RenderGate> gate = c.renderGate();
        const std::uint64_t generation = gate->generation();
        std::atomic<bool> reading = false;
        std::atomic<bool> stopped = false;
        std::thread render([&] {
            const RenderGate::Reader reader(*gate, generation);
            QVERIFY(reader);
            reading = true;
            while (!gate->cancelled(generation))
                std::this_thread::yield();
            stopped = true;
        });
        while (!reading)
            std::this_thread::yield();
        const AttentionEngine* engine = &c.engine();
        c.toggleCell(1, 5, 0); // waits for the render to stop, then edits in place: no copy
        QVERIFY(stopped);
        render.join();
        QCOMPARE(&c.engine(), engine);
        QVERIFY(!c.engine().mask().allowed(1, 5, 0));
        QCOMPARE(c.engine().weights(1)(5, 0), 0.0f);
        // A render requested before the edit does not start reading after it.
        const RenderGate::Reader late(*gate, generation);
        QVERIFY(!late);
        const RenderGate::Reader current(*gate, gate->generation());
        QVERIFY(current);
    }

    void presets_data()
    {
        QTest::addColumn<MaskPreset>("preset");
        QTest::newRow("none") << MaskPreset::None;
        QTest::newRow("causal") << MaskPreset::Causal;
        QTest::newRow("padding") << MaskPreset::Padding;
        QTest::newRow("window") << MaskPreset::SlidingWindow;
        QTest::newRow("block") << MaskPreset::BlockDiagonal;
        QTest::newRow("prefix") << MaskPreset::PrefixLM;
        QTest::newRow("random") << MaskPreset::Random;
    }

    void presets()
    {
        QFETCH(MaskPreset, preset);
        AttentionController c;
        if (preset == MaskPreset::Causal)
            c.setPreset(MaskPreset::None);
        c.setPreset(preset);
        const int n = c.engine().queryLength();
        const MaskPresetParams p = c.state().presetParams;
        int blocked = 0;
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                bool expected = true;
                switch (preset) {
                case MaskPreset::None:
                    break;
                case MaskPreset::Causal:
                    expected = j <= i;
                    break;
                case MaskPreset::Padding:
                    expected = j < n - p.padding;
                    break;
                case MaskPreset::SlidingWindow:
                    expected = std::abs(i - j) <= p.window;
                    break;
                case MaskPreset::BlockDiagonal:
                    expected = i / p.block == j / p.block;
                    break;
                case MaskPreset::PrefixLM:
                    expected = j < p.prefix || j <= i;
                    break;
                case MaskPreset::Random:
                    expected = c.engine().mask().allowed(0, i, j); // checked against makeMask below
                    break;
                }
                QCOMPARE(c.engine().mask().allowed(0, i, j), expected);
                blocked += expected ? 0 : 1;
                if (!expected)
                    QCOMPARE(c.engine().weights(1)(i, j), 0.0f);
            }
        MaskPresetParams seeded = p;
        seeded.seed = c.state().seed;
        QCOMPARE(c.engine().mask(), makeMask(preset, n, n, seeded));
        QCOMPARE(c.state().mask, c.engine().mask());
        if (preset != MaskPreset::None)
            QVERIFY(blocked > 0);
        // A preset change is one undo step.
        QVERIFY(c.undoStack()->canUndo() || preset == MaskPreset::Causal);
    }

    void presetParameter()
    {
        AttentionController c;
        c.setPreset(MaskPreset::SlidingWindow);
        MaskPresetParams p = c.state().presetParams;
        p.window = 1;
        c.setPresetParams(p);
        QVERIFY(c.engine().mask().allowed(0, 5, 4));
        QVERIFY(!c.engine().mask().allowed(0, 5, 3));
        c.undoStack()->undo();
        QVERIFY(c.engine().mask().allowed(0, 5, 3)); // back to ±2
    }

    void invert()
    {
        AttentionController c;
        const Mask before = c.engine().mask();
        const auto weightsBefore = allWeights(c);
        c.invertMask();
        QVERIFY(c.state().inverted);
        const int n = c.engine().queryLength();
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                QCOMPARE(c.engine().mask().allowed(0, i, j), !before.allowed(0, i, j));
        // Causal inverted: the last row has no visible key (−1e9 → uniform row).
        QCOMPARE(c.engine().weights(0)(n - 1, 0), 1.0f / n);
        c.undoStack()->undo();
        QCOMPARE(c.engine().mask(), before);
        QVERIFY(!c.state().inverted);
        QVERIFY(sameWeights(allWeights(c), weightsBefore));
    }

    void controlChangesRecompute_data()
    {
        QTest::addColumn<QString>("control");
        QTest::newRow("heads") << "heads";
        QTest::newRow("seed") << "seed";
        QTest::newRow("temperature") << "temperature";
        QTest::newRow("fill") << "fill";
        QTest::newRow("scale") << "scale";
        QTest::newRow("dModel") << "dModel";
        QTest::newRow("text") << "text";
    }

    void controlChangesRecompute()
    {
        QFETCH(QString, control);
        AttentionController c;
        c.setRow(0, 4, false); // a fully masked row makes the fill mode visible
        const Matrix before = c.engine().weights(0);
        QSignalSpy spy(&c, &AttentionController::resultChanged);
        if (control == "heads")
            c.setHeads(8);
        else if (control == "seed")
            c.setSeed(7);
        else if (control == "temperature")
            c.setTemperature(3.0);
        else if (control == "fill")
            c.setFill(MaskFill::NegInf);
        else if (control == "scale")
            c.setScale(false);
        else if (control == "dModel")
            c.setDModel(128);
        else if (control == "text")
            c.setText(QStringLiteral("A different sentence , longer than before ."));
        QCOMPARE(spy.count(), 1);
        QVERIFY(c.error().isEmpty());
        const Matrix& after = c.engine().weights(0);
        QVERIFY(after.rows() != before.rows() || after != before);
        if (control == "fill")
            QCOMPARE(after.row(4).sum(), 0.0f);
    }

    void invalidHeadsKeepLastResult()
    {
        AttentionController c;
        const auto before = allWeights(c);
        QSignalSpy errors(&c, &AttentionController::errorChanged);
        c.setHeads(5); // 64 % 5 != 0
        QCOMPARE(errors.count(), 1);
        QVERIFY(c.error().contains(QStringLiteral("not divisible")));
        QCOMPARE(c.engine().heads(), 4);
        QVERIFY(sameWeights(allWeights(c), before));
        QVERIFY(!c.canEditMask());
        c.setDModel(66); // still invalid
        QVERIFY(!c.error().isEmpty());
        c.setDModel(60); // 60 / 5 = 12: valid again
        QVERIFY(c.error().isEmpty());
        QCOMPARE(c.engine().heads(), 5);
        QCOMPARE(c.engine().dModel(), 60);
    }

    void emptyTextIsAMessage()
    {
        AttentionController c;
        c.setText(QString());
        QVERIFY(!c.error().isEmpty());
        QVERIFY(c.hasResult());
        c.setText(QStringLiteral("hello world"));
        QVERIFY(c.error().isEmpty());
        QCOMPARE(c.engine().queryLength(), 2);
    }

    void backgroundNewestWins()
    {
        AttentionController c;
        c.setAsyncThreshold(AttentionController::kAlwaysAsync);
        QSignalSpy results(&c, &AttentionController::resultChanged);
        QSignalSpy busy(&c, &AttentionController::busyChanged);
        c.setTemperature(0.5);
        QVERIFY(c.isBusy());
        c.setSeed(3);
        c.setText(QStringLiteral("one two three four five six seven"));
        c.setTemperature(2.0);
        QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 10000);
        QCOMPARE(results.count(), 1); // the stale results were dropped
        QCOMPARE(busy.count(), 2);    // busy once, idle once
        QCOMPARE(c.engine().options().temperature, 2.0f);
        QCOMPARE(c.engine().queryLength(), 7);

        // Same parameters computed synchronously give the same numbers.
        AttentionController reference;
        reference.setSeed(3);
        reference.setText(QStringLiteral("one two three four five six seven"));
        reference.setTemperature(2.0);
        QVERIFY(sameWeights(allWeights(c), allWeights(reference)));
    }

    void editsDuringBackgroundJobSurvive()
    {
        AttentionController c;
        c.setAsyncThreshold(AttentionController::kAlwaysAsync);
        c.setTemperature(0.7);
        QVERIFY(c.isBusy());
        c.toggleCell(2, 6, 1); // same shape: applies now and to the pending result
        QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 10000);
        QVERIFY(!c.engine().mask().allowed(2, 6, 1));
        QCOMPARE(c.engine().weights(2)(6, 1), 0.0f);
        QCOMPARE(c.engine().options().temperature, 0.7f);
    }

    void throwingRecomputeKeepsLastResult_data()
    {
        QTest::addColumn<bool>("badAlloc");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad_alloc") << true << QStringLiteral("Out of memory");
        QTest::newRow("exception") << false << QStringLiteral("injected failure");
    }
    void throwingRecomputeKeepsLastResult()
    {
        QFETCH(bool, badAlloc);
        QFETCH(QString, message);
        AttentionController c;
        c.setAsyncThreshold(AttentionController::kAlwaysAsync);
        const Matrix before = c.engine().weights(0);
        setComputeFaultHookForTesting(badAlloc ? &throwBadAlloc : &throwRuntime);
        c.setSeed(c.state().seed + 1);
        QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 10000);
        setComputeFaultHookForTesting(nullptr);
        QVERIFY2(c.error().contains(message), qPrintable(c.error()));
        QVERIFY(c.hasResult());
        QVERIFY(c.engine().weights(0) == before);
        // The next good recompute clears the message.
        c.setSeed(c.state().seed + 1);
        QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 10000);
        QVERIFY(c.error().isEmpty());
        QVERIFY(!(c.engine().weights(0) == before));
    }

    void destroyWhileBusy()
    {
        auto* c = new AttentionController;
        c->setAsyncThreshold(AttentionController::kAlwaysAsync);
        bool delivered = false;
        QObject receiver;
        connect(c, &AttentionController::resultChanged, &receiver,
                [&delivered] { delivered = true; });
        c->setDModel(128);
        QVERIFY(c->isBusy()); // the job is on the worker
        delete c;             // drains the worker; no result may reach a dead object
        QTest::qWait(50);
        QVERIFY(!delivered);
    }
};

ATTNVIZ_UI_TEST_MAIN(TestController)
#include "tst_controller.moc"
