// parseStrictJson: nlohmann-json plus the checks it leaves to us (duplicate keys, depth and size
// bounds), with errors that say where they are.

#include "io/strict_json.h"
#include "iotestutil.h"

#include <QTest>
#include <nlohmann/json.hpp>

using namespace attnviz::io;

namespace {

QString errorOf(const std::string& text)
{
    return iotest::formatErrorOf([&] { parseStrictJson(text, "j"); });
}

} // namespace

class TestStrictJson : public QObject {
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void depthLimit();
    void valueLimit();
};

void TestStrictJson::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("string"); // the value of key "s"
    QTest::addColumn<qint64>("integer"); // the value of key "n"
    QTest::newRow("plain") << R"({"s":"abc","n":42})"
                           << "abc" << qint64(42);
    QTest::newRow("escapes") << R"({"s":"a\"\\\/\b\f\n\r\t","n":-7})"
                             << "a\"\\/\b\f\n\r\t" << qint64(-7);
    QTest::newRow("unicode") << R"({"s":"\u00e9\u4e2d\ud83d\ude00","n":0})"
                             << QString::fromUtf8("é中😀") << qint64(0);
    QTest::newRow("raw utf-8") << QString::fromUtf8("{\"s\":\"é中😀\",\"n\":1}")
                               << QString::fromUtf8("é中😀") << qint64(1);
    QTest::newRow("whitespace") << " \t\r\n{ \"n\" : 9223372036854775807 , \"s\" : \"\" } \n"
                                << "" << qint64(9223372036854775807);
    QTest::newRow("nesting") << R"({"x":[[],{},[1,2.5e3,-0.5,true,false,null]],"s":"","n":3})"
                             << "" << qint64(3);
    QTest::newRow("same key in two objects")
        << R"({"x":{"s":1},"y":[{"s":2},{"s":3}],"s":"","n":4})"
        << "" << qint64(4);
}

void TestStrictJson::parses()
{
    QFETCH(QString, text);
    QFETCH(QString, string);
    QFETCH(qint64, integer);
    const nlohmann::json v = parseStrictJson(text.toStdString(), "j");
    QVERIFY(v.is_object());
    QCOMPARE(QString::fromStdString(v["s"].get<std::string>()), string);
    QVERIFY(v["n"].is_number_integer());
    QCOMPARE(qint64(v["n"].get<std::int64_t>()), integer);
}

void TestStrictJson::rejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    const QString syntax = "syntax error while parsing value - ";
    const QString string = syntax + "invalid string: ";
    QTest::newRow("empty") << QByteArray("")
                           << "j: invalid JSON at byte 0: " + syntax + "unexpected end of input";
    QTest::newRow("trailing comma")
        << QByteArray("[1,]") << "j: invalid JSON at byte 3: " + syntax + "unexpected ']'";
    QTest::newRow("object comma") << QByteArray("{\"a\":1,}")
                                  << "j: invalid JSON at byte 7: syntax error while parsing "
                                     "object key - unexpected '}'";
    QTest::newRow("leading zero") << QByteArray("01")
                                  << "j: invalid JSON at byte 1: " + syntax +
                                         "unexpected number literal; expected end of input";
    QTest::newRow("bare minus") << QByteArray("-")
                                << "j: invalid JSON at byte 1: " + syntax + "invalid number";
    QTest::newRow("dot") << QByteArray("1.")
                         << "j: invalid JSON at byte 2: " + syntax + "invalid number";
    QTest::newRow("exponent") << QByteArray("1e")
                              << "j: invalid JSON at byte 2: " + syntax + "invalid number";
    QTest::newRow("huge double") << QByteArray("1e400")
                                 << "j: invalid JSON at byte 4: number overflow parsing '1e400'";
    QTest::newRow("huge in array")
        << QByteArray("[1e400]") << "j: invalid JSON at byte 6: number overflow parsing '1e400'";
    QTest::newRow("tru") << QByteArray("tru")
                         << "j: invalid JSON at byte 3: " + syntax + "invalid literal";
    QTest::newRow("single quotes") << QByteArray("{'a':1}")
                                   << "j: invalid JSON at byte 1: syntax error while parsing "
                                      "object key - invalid literal";
    QTest::newRow("unterminated") << QByteArray("\"abc")
                                  << "j: invalid JSON at byte 4: " + string +
                                         "missing closing quote";
    QTest::newRow("control char") << QByteArray("\"a\nb\"")
                                  << "j: invalid JSON at byte 2: " + string +
                                         "control character U+000A (LF) must be escaped";
    QTest::newRow("bad escape") << QByteArray("\"\\x\"")
                                << "j: invalid JSON at byte 2: " + string +
                                       "forbidden character after backslash";
    QTest::newRow("short \\u") << QByteArray("\"\\u12")
                               << "j: invalid JSON at byte 5: " + string +
                                      "'\\u' must be followed by 4 hex digits";
    QTest::newRow("lone low") << QByteArray("\"\\udc00\"")
                              << "j: invalid JSON at byte 6: " + string +
                                     "surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF";
    QTest::newRow("lone high") << QByteArray("\"\\ud800x\"")
                               << "j: invalid JSON at byte 7: " + string +
                                      "surrogate U+D800..U+DBFF must be followed by";
    QTest::newRow("overlong") << QByteArray("\"\xc0\xaf\"")
                              << "j: invalid JSON at byte 1: " + string + "ill-formed UTF-8 byte";
    QTest::newRow("surrogate utf-8")
        << QByteArray("\"\xed\xa0\x80\"")
        << "j: invalid JSON at byte 2: " + string + "ill-formed UTF-8 byte";
    QTest::newRow("cut utf-8") << QByteArray("\"\xe4\xb8")
                               << "j: invalid JSON at byte 3: " + string + "ill-formed UTF-8 byte";
    QTest::newRow("depth 65") << QByteArray(65, '[') + QByteArray(65, ']')
                              << "j: invalid JSON at byte 64: nested deeper than 64 levels";
    QTest::newRow("objects 65") << QByteArray("{\"a\":").repeated(65) + "1" + QByteArray(65, '}')
                                << "j: invalid JSON at byte 320: nested deeper than 64 levels";
    QTest::newRow("two values") << QByteArray("{} {}")
                                << "j: invalid JSON at byte 3: " + syntax +
                                       "unexpected '{'; expected end of input";
    QTest::newRow("comment") << QByteArray("{} // note")
                             << "j: invalid JSON at byte 3: " + syntax + "invalid literal";
    // Duplicates point at the second key's opening quote, escaped quotes notwithstanding.
    QTest::newRow("duplicate key")
        << QByteArray("{\"a\":1,\"a\":2}") << "j: invalid JSON at byte 7: duplicate key \"a\"";
    QTest::newRow("duplicate escaped key")
        << QByteArray(R"({"x":{"a\"\\":1,"a\"\\":2}})")
        << R"(j: invalid JSON at byte 16: duplicate key "a\"\\")";
    QTest::newRow("duplicate after nested object")
        << QByteArray(R"({"s":[{"t":1,"u":{}}],"s":1})")
        << "j: invalid JSON at byte 22: duplicate key \"s\"";
}

void TestStrictJson::rejects()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    const QString error = errorOf(iotest::str(text));
    if (!error.startsWith(message))
        QFAIL(qPrintable("got: " + error));
}

// 64 levels are fine; a million are refused at level 65 before the tree grows (nlohmann's parser
// is iterative, and the check stops it early).
void TestStrictJson::depthLimit()
{
    QVERIFY(parseStrictJson(std::string(64, '[') + std::string(64, ']'), "j").is_array());
    QCOMPARE(errorOf(std::string(1'000'000, '[') + std::string(1'000'000, ']')),
             "j: invalid JSON at byte 64: nested deeper than 64 levels");
}

void TestStrictJson::valueLimit()
{
    std::string atLimit = "[";
    for (std::size_t i = 1; i + 1 < kMaxJsonValues; ++i)
        atLimit += "0,";
    atLimit += "0]"; // the array and its elements: kMaxJsonValues values
    QCOMPARE(parseStrictJson(atLimit, "j").size(), kMaxJsonValues - 1);
    QCOMPARE(errorOf("[0," + atLimit.substr(1)),
             "j: invalid JSON at byte 2097152: more than 1048576 values");
}

QTEST_APPLESS_MAIN(TestStrictJson)
#include "tst_strict_json.moc"
