// Broken tokenizer files and hostile input: each gives attnviz::Error with a message that names
// the file and what is wrong, and nothing hangs or grows without bound.
#include "tokenizer/gguf_vocab.h"
#include "tokenizertestutil.h"

using namespace tokenizertest;
using nlohmann::json;

namespace {

QString loadError(const std::map<std::string, std::string>& files)
{
    QTemporaryDir dir;
    for (const auto& [name, text] : files)
        writeFile(dir, name, text);
    return errorOf([&] { attnviz::tokenizer::loadTokenizer(dir.path().toStdString()); });
}

std::string withModel(const json& model)
{
    return document(model).dump();
}

} // namespace

class TstTokenizerErrors : public QObject {
    Q_OBJECT
private slots:
    void brokenFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<std::string>("text");
        QTest::addColumn<QString>("message");
        const std::string ab = withModel(bpeModel({"a", "b"}));
        QTest::newRow("not JSON") << "tokenizer.json" << std::string("{\"model\": ")
                                  << "tokenizer.json: not valid JSON";
        QTest::newRow("nested too deep")
            << "tokenizer.json" << std::string(200, '[') + std::string(200, ']')
            << "nested deeper than 64 levels";
        // nlohmann reports a number beyond double's range as out_of_range, not parse_error.
        QTest::newRow("number overflow")
            << "tokenizer.json" << std::string("{\"model\": {\"vocab\": {\"a\": 3E999}}}")
            << "tokenizer.json: not valid JSON";
        QTest::newRow("no model") << "tokenizer.json" << std::string("{}")
                                  << "tokenizer.json: 'model' is missing";
        QTest::newRow("Unigram")
            << "tokenizer.json" << withModel({{"type", "Unigram"}, {"vocab", json::array()}})
            << "model type 'Unigram' is not supported (supported: BPE, WordPiece)";
        QTest::newRow("vocab not an object")
            << "tokenizer.json"
            << withModel({{"type", "BPE"}, {"vocab", 3}, {"merges", json::array()}})
            << "'vocab' must be an object";
        QTest::newRow("negative id")
            << "tokenizer.json"
            << withModel({{"type", "BPE"}, {"vocab", {{"a", -1}}}, {"merges", json::array()}})
            << "token id -1 is out of range";
        QTest::newRow("huge id") << "tokenizer.json"
                                 << withModel({{"type", "BPE"},
                                               {"vocab", {{"a", 2000000000}}},
                                               {"merges", json::array()}})
                                 << "token id 2000000000 is out of range";
        QTest::newRow("id given twice")
            << "tokenizer.json"
            << withModel(
                   {{"type", "BPE"}, {"vocab", {{"a", 0}, {"b", 0}}}, {"merges", json::array()}})
            << "token id 0 is given to both";
        QTest::newRow("merge of an unknown piece")
            << "tokenizer.json" << withModel(bpeModel({"a", "b"}, {"a z"}))
            << "merge 0 ('a' 'z') uses a piece that is not in the vocabulary";
        QTest::newRow("malformed merge") << "tokenizer.json" << withModel(bpeModel({"a"}, {"abc"}))
                                         << "merge 0: expected \"left right\" or [left, right]";
        QTest::newRow("unknown unk") << "tokenizer.json" << [] {
            json m = bpeModel({"a"});
            m["unk_token"] = "<unk>";
            return withModel(m);
        }() << "unk_token '<unk>' is not in the vocabulary";
        QTest::newRow("bad regex") << "tokenizer.json" << [&] {
            json d = json::parse(ab);
            d["pre_tokenizer"] = {
                {"type", "Split"}, {"pattern", {{"Regex", "(a"}}}, {"behavior", "Isolated"}};
            return d.dump();
        }() << "pre_tokenizer Split: bad regex at offset 2: missing closing parenthesis";
        QTest::newRow("Precompiled") << "tokenizer.json" << [&] {
            json d = json::parse(ab);
            d["normalizer"] = {{"type", "Precompiled"}, {"precompiled_charsmap", "AAAA"}};
            return d.dump();
        }() << "normalizer type 'Precompiled' is not supported";
        QTest::newRow("unknown pre-tokenizer") << "tokenizer.json" << [&] {
            json d = json::parse(ab);
            d["pre_tokenizer"] = {{"type", "UnicodeScripts"}};
            return d.dump();
        }() << "pre-tokenizer type 'UnicodeScripts' is not supported";
        QTest::newRow("template id outside the vocabulary") << "tokenizer.json" << [&] {
            json d = json::parse(ab);
            d["post_processor"] = {
                {"type", "BertProcessing"}, {"sep", {"x", 99}}, {"cls", {"a", 0}}};
            return d.dump();
        }() << "post_processor: token id 99 is not in the vocabulary";
        QTest::newRow("template without $A") << "tokenizer.json" << [&] {
            json d = json::parse(ab);
            d["post_processor"] = {{"type", "TemplateProcessing"},
                                   {"single", json::array()},
                                   {"special_tokens", json::object()}};
            return d.dump();
        }() << "the 'single' template has no $A sequence";
        QTest::newRow("added token without content") << "tokenizer.json" << [&] {
            json d = json::parse(ab);
            d["added_tokens"] = json::array({{{"id", 5}}});
            return d.dump();
        }() << "added token 0: 'content' is missing";
        QTest::newRow("not SentencePiece") << "tokenizer.model" << std::string("not a model")
                                           << "tokenizer.model: not a SentencePiece model";
        QTest::newRow("vocab.txt invalid UTF-8") << "vocab.txt" << std::string("[UNK]\n\xff\n")
                                                 << "vocab.txt: line 2: invalid UTF-8 at byte 0";
        QTest::newRow("vocab.txt without [UNK]") << "vocab.txt" << std::string("a\nb\n")
                                                 << "the vocabulary has no unknown token ([UNK])";
    }
    void brokenFiles()
    {
        QFETCH(QString, file);
        QFETCH(std::string, text);
        QFETCH(QString, message);
        const QString error = loadError({{file.toStdString(), text}});
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY2(error.contains(file), qPrintable(error)); // the message names the file
    }

    void brokenCompanionFiles()
    {
        QVERIFY(loadError({{"vocab.json", R"({"a": 0, "b": 1, "ab": 2})"},
                           {"merges.txt", "#version: 0.2\na b\nab\n"}})
                    .contains("merges.txt: line 3: expected two pieces separated by one space"));
        QVERIFY(loadError({{"vocab.txt", "[UNK]\n"}, {"tokenizer_config.json", "{oops"}})
                    .contains("tokenizer_config.json: not valid JSON"));
        QVERIFY(loadError({{"vocab.txt", "[UNK]\n"},
                           {"tokenizer_config.json", R"({"add_bos_token": 1})"}})
                    .contains("tokenizer_config.json: 'add_bos_token' must be true or false"));
        QVERIFY(loadError({}).contains("no tokenizer found (looked for tokenizer.json"));
        QVERIFY(errorOf([] {
                    attnviz::tokenizer::loadTokenizer("/nonexistent/folder");
                }).contains("/nonexistent/folder: not a folder"));
    }

    void brokenGgufVocabularies_data()
    {
        using attnviz::tokenizer::GgufVocab;
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("model") << "model"
                               << "tokenizer.ggml.model 'rwkv' is not supported";
        QTest::newRow("pre") << "pre"
                             << "tokenizer.ggml.pre 'exotic' is not supported";
        QTest::newRow("scores") << "scores"
                                << "tokenizer.ggml.scores has 1 entries for 2 tokens";
        QTest::newRow("types") << "types"
                               << "tokenizer.ggml.token_type has 3 entries for 2 tokens";
        QTest::newRow("bos") << "bos"
                             << "special token id 7 is outside the vocabulary of 2";
        QTest::newRow("merge") << "merge"
                               << "merge 0 ('a' 'c') uses a piece that is not in the vocabulary";
    }
    void brokenGgufVocabularies()
    {
        QFETCH(QString, field);
        QFETCH(QString, message);
        attnviz::tokenizer::GgufVocab v;
        v.model = "gpt2";
        v.tokens = {"a", "b"};
        if (field == "model")
            v.model = "rwkv";
        if (field == "pre")
            v.pre = "exotic";
        if (field == "scores")
            v.scores = {0.0f};
        if (field == "types")
            v.tokenTypes = {1, 1, 1};
        if (field == "bos")
            v.bos = 7;
        if (field == "merge")
            v.merges = {"a c"};
        const QString error = errorOf([&] { attnviz::tokenizer::tokenizerFromGguf(v); });
        QVERIFY2(error.startsWith("GGUF tokenizer: ") && error.contains(message),
                 qPrintable(error));
    }

    void invalidUtf8Text()
    {
        const auto t = load(document(bpeModel({"a"})));
        QCOMPARE(errorOf([&] { t->encode("a\xc3(", false); }),
                 QString("text: invalid UTF-8 at byte 1"));
    }

    void catastrophicRegexStopsAtTheMatchLimit()
    {
        json d = document(bpeModel({"a", "b"}));
        d["pre_tokenizer"] = {
            {"type", "Split"}, {"pattern", {{"Regex", "(a|aa)+$"}}}, {"behavior", "Isolated"}};
        const auto t = load(d);
        const QString error = errorOf([&] { t->encode(std::string(64, 'a') + "b", false); });
        QVERIFY2(error.contains("regex failed on the text: match limit exceeded"),
                 qPrintable(error));
    }

    void longWordsStayFast()
    {
        // A million-character word: O(n log n) merging; a quadratic loop would not finish here.
        const auto t = load(document(bpeModel({"a", "aa", "aaaa"}, {"a a", "aa aa"})));
        const Ids ids = t->encode(std::string(1 << 20, 'a'), false);
        QCOMPARE(ids.size(), std::size_t(1 << 18));
        QCOMPARE(ids.front(), 2);
    }
};

QTEST_APPLESS_MAIN(TstTokenizerErrors)
#include "tst_tokenizer_errors.moc"
