// The session files' mask encoding: exact, small for edited long masks, and bounded on bad input.
#include "common/error.h"
#include "mask/mask_bits.h"
#include "mask/presets.h"

#include <QTest>
#include <zlib.h>

using namespace attnviz;

namespace {

std::string inflated(const std::string& packed)
{
    std::string out(1 << 16, '\0');
    uLongf size = out.size();
    if (uncompress(reinterpret_cast<Bytef*>(out.data()), &size,
                   reinterpret_cast<const Bytef*>(packed.data()), packed.size()) != Z_OK)
        return {};
    out.resize(size);
    return out;
}

std::string deflated(const std::string& raw)
{
    std::string out(compressBound(raw.size()), '\0');
    uLongf size = out.size();
    compress(reinterpret_cast<Bytef*>(out.data()), &size,
             reinterpret_cast<const Bytef*>(raw.data()), raw.size());
    out.resize(size);
    return out;
}

void roundTrip(const Mask& mask)
{
    const Mask back = unpackMaskBits(packMaskBits(mask), mask.planes(), mask.rows(), mask.cols(),
                                     mask.isPerHead());
    QVERIFY(back == mask);
    QCOMPARE(back.isPerHead(), mask.isPerHead());
}

} // namespace

class TestMaskBits : public QObject {
    Q_OBJECT
private slots:
    void roundTrips()
    {
        MaskPresetParams random;
        random.probability = 0.5;
        roundTrip(makeMask(MaskPreset::Causal, 7, 7, {})); // rows not a whole number of bytes
        roundTrip(makeMask(MaskPreset::Random, 13, 5, random));
        Mask perHead = makeMask(MaskPreset::SlidingWindow, 9, 9, {});
        perHead.set(2, 4, 1, false, 3);
        perHead.set(1, 0, 8, true, 3);
        roundTrip(perHead);
        roundTrip(Mask::perHead(1, 3, 3)); // per head with a single head stays per head
        Mask blocked = Mask::shared(2, 3, false);
        roundTrip(blocked);
    }

    // The layout the header documents, so that numpy and zlib read it.
    void layoutIsPackedBitsXorFirstPlane()
    {
        Mask m = Mask::perHead(2, 2, 3); // 2 planes of 2×3: 12 bits
        m.set(0, 0, 1, false, 2);        // plane 0: 101 111
        m.set(1, 1, 2, false, 2);        // plane 1: 111 110, stored XOR plane 0: 010 001
        QCOMPARE(inflated(packMaskBits(m)), std::string("\xbd\x10", 2));
    }

    // Defect 4: one click on one head at L = 4096 with 16 heads.
    void longPerHeadMaskIsSmall()
    {
        Mask m = makeMask(MaskPreset::Causal, 4096, 4096, {});
        m.set(3, 100, 50, false, 16);
        const std::string packed = packMaskBits(m);
        QVERIFY2(packed.size() < 200 * 1024, qPrintable(QString::number(packed.size())));
        const Mask back = unpackMaskBits(packed, 16, 4096, 4096, true);
        QVERIFY(back == m);
        QVERIFY(!back.allowed(3, 100, 50));
        QVERIFY(back.allowed(2, 100, 50));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("packed");
        QTest::addColumn<int>("planes");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("reason");
        const std::string good = packMaskBits(Mask::perHead(2, 4, 4));
        auto bytes = [](const std::string& s) { return QByteArray(s.data(), s.size()); };
        QTest::newRow("not zlib") << QByteArray("not a zlib stream") << 2 << 4 << "mask bits";
        QTest::newRow("truncated")
            << bytes(good.substr(0, good.size() - 3)) << 2 << 4 << "truncated";
        QTest::newRow("trailing") << bytes(good + "x") << 2 << 4 << "after the end";
        QTest::newRow("too few cells") << bytes(good) << 3 << 4 << "fewer cells";
        QTest::newRow("too many cells")
            << bytes(deflated(std::string(5, '\xff'))) << 2 << 4 << "more cells";
        QTest::newRow("huge shape") << bytes(good) << 4096 << 65536 << "out of bounds";
        QTest::newRow("no planes") << bytes(good) << 0 << 4 << "out of bounds";
    }
    void rejects()
    {
        QFETCH(QByteArray, packed);
        QFETCH(int, planes);
        QFETCH(int, rows);
        QFETCH(QString, reason);
        try {
            unpackMaskBits(std::string_view(packed.data(), packed.size()), planes, rows,
                           rows == 65536 ? 65536 : 4, true);
            QFAIL("expected attnviz::Error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains(reason), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestMaskBits)
#include "tst_mask_bits.moc"
