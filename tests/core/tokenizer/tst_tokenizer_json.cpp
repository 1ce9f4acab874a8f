// tokenizer.json pipelines on small synthetic files: BPE merging, added tokens and their flags,
// normalisers, pre-tokenizers and post-processors, each as HuggingFace's tokenizers defines it.
#include "tokenizertestutil.h"

using namespace tokenizertest;
using nlohmann::json;

namespace {

// The pieces of `text`, joined by '|': every word the pre-tokenizer makes is one piece when it
// is in the vocabulary (ignore_merges), else its characters.
QString words(const json& normalizer, const json& preTokenizer, const std::string& text,
              const std::vector<std::string>& vocabulary)
{
    json model = bpeModel(vocabulary);
    model["ignore_merges"] = true;
    json doc = document(model);
    doc["normalizer"] = normalizer;
    doc["pre_tokenizer"] = preTokenizer;
    const auto tokenizer = load(doc);
    QStringList pieces;
    for (const TokenId id : tokenizer->encode(text, false))
        pieces << QString::fromStdString(tokenizer->piece(id));
    return pieces.join('|');
}

const std::vector<std::string> kLetters = {"a",  "b",  "c",  "-",  " ",  "ab", "a-", "b-",
                                           "-b", "-c", "--", "bc", "c-", "é",  "e",  "\xcc\x81"};

} // namespace

class TstTokenizerJson : public QObject {
    Q_OBJECT
private slots:
    void bpeMergesByRank_data()
    {
        QTest::addColumn<QStringList>("merges");
        QTest::addColumn<std::string>("text");
        QTest::addColumn<Ids>("expected");
        // pieces: a=0 b=1 c=2 ab=3 bc=4 abc=5 aa=6
        QTest::newRow("lower rank first")
            << QStringList{"b c", "a b", "ab c"} << std::string("abc") << Ids{0, 4};
        QTest::newRow("then the next")
            << QStringList{"a b", "b c", "ab c"} << std::string("abc") << Ids{5};
        QTest::newRow("ties go left") << QStringList{"a a"} << std::string("aaa") << Ids{6, 0};
        QTest::newRow("no merge") << QStringList{} << std::string("cab") << Ids{2, 0, 1};
    }
    void bpeMergesByRank()
    {
        QFETCH(QStringList, merges);
        QFETCH(std::string, text);
        QFETCH(Ids, expected);
        std::vector<std::string> m;
        for (const QString& merge : merges)
            m.push_back(merge.toStdString());
        const auto t = load(document(bpeModel({"a", "b", "c", "ab", "bc", "abc", "aa"}, m)));
        QCOMPARE(t->encode(text, false), expected);
    }

    void bpeUnknownCharacters_data()
    {
        QTest::addColumn<bool>("byteFallback");
        QTest::addColumn<bool>("fuseUnk");
        QTest::addColumn<Ids>("expected");
        // pieces: a=0 <unk>=1 <0xC3>=2 <0xA9>=3; "é" is C3 A9, "ü" is C3 BC (no <0xBC>)
        QTest::newRow("bytes") << true << false << Ids{0, 2, 3, 1, 0};
        QTest::newRow("unk") << false << false << Ids{0, 1, 1, 0};
        QTest::newRow("fused unk") << false << true << Ids{0, 1, 0};
    }
    void bpeUnknownCharacters()
    {
        QFETCH(bool, byteFallback);
        QFETCH(bool, fuseUnk);
        QFETCH(Ids, expected);
        json model = bpeModel({"a", "<unk>", "<0xC3>", "<0xA9>"});
        model["unk_token"] = "<unk>";
        model["byte_fallback"] = byteFallback;
        model["fuse_unk"] = fuseUnk;
        QCOMPARE(load(document(model))->encode("aéüa", false), expected);
    }

    void ignoreMergesKeepsWholeWords()
    {
        json model = bpeModel({"a", "b", "c", "ab", "abc"}, {"a b"});
        QCOMPARE(load(document(model))->encode("abc", false), (Ids{3, 2}));
        model["ignore_merges"] = true;
        QCOMPARE(load(document(model))->encode("abc", false), (Ids{4}));
    }

    void addedTokenFlags_data()
    {
        QTest::addColumn<QString>("flag");
        QTest::addColumn<std::string>("text");
        QTest::addColumn<Ids>("expected");
        // a=0 b=1 ' '=2 <=3 m=4 >=5, added <m>=9
        QTest::newRow("plain") << "" << std::string("a <m> b") << Ids{0, 2, 9, 2, 1};
        QTest::newRow("lstrip") << "lstrip" << std::string("a  <m> b") << Ids{0, 9, 2, 1};
        QTest::newRow("rstrip") << "rstrip" << std::string("a <m>  b") << Ids{0, 2, 9, 1};
        QTest::newRow("single word, alone")
            << "single_word" << std::string("a <m> b") << Ids{0, 2, 9, 2, 1};
        QTest::newRow("single word, inside a word")
            << "single_word" << std::string("a<m>b") << Ids{0, 3, 4, 5, 1};
        QTest::newRow("longest match") << "" << std::string("<m>>") << Ids{9, 5};
    }
    void addedTokenFlags()
    {
        QFETCH(QString, flag);
        QFETCH(std::string, text);
        QFETCH(Ids, expected);
        json doc = document(bpeModel({"a", "b", " ", "<", "m", ">"}));
        json token = addedToken(9, "<m>");
        if (!flag.isEmpty())
            token[flag.toStdString()] = true;
        doc["added_tokens"] = json::array({token});
        const auto t = load(doc);
        QCOMPARE(t->encode(text, false), expected);
        QVERIFY(t->isSpecial(9));
        QCOMPARE(t->display(9), std::string("<m>"));
    }

    void normalizedAddedTokensMatchNormalizedText()
    {
        json doc = document(bpeModel({"h", "i", "x"}));
        doc["normalizer"] = {{"type", "Lowercase"}};
        doc["added_tokens"] = json::array({addedToken(7, "HI", false), addedToken(8, "X")});
        const auto t = load(doc);
        // "HI" is matched after lower-casing; the raw "X" before it (and "x" is plain text).
        QCOMPARE(t->encode("hIXx", false), (Ids{7, 8, 2}));
        QVERIFY(!t->isSpecial(7));
    }

    void normalizers_data()
    {
        QTest::addColumn<std::string>("normalizer");
        QTest::addColumn<std::string>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("NFC") << std::string(R"({"type":"NFC"})") << std::string("e\xcc\x81") << "é";
        QTest::newRow("NFD") << std::string(R"({"type":"NFD"})") << std::string("é")
                             << "e|\xcc\x81";
        QTest::newRow("NFD + StripAccents")
            << std::string(
                   R"({"type":"Sequence","normalizers":[{"type":"NFD"},{"type":"StripAccents"}]})")
            << std::string("é") << "e";
        QTest::newRow("Lowercase")
            << std::string(R"({"type":"Lowercase"})") << std::string("AB") << "ab";
        QTest::newRow("Strip") << std::string(
                                      R"({"type":"Strip","strip_left":true,"strip_right":true})")
                               << std::string("  ab ") << "ab";
        QTest::newRow("Replace")
            << std::string(R"({"type":"Replace","pattern":{"String":"-"},"content":"c"})")
            << std::string("a-b") << "a|c|b";
        QTest::newRow("Prepend") << std::string(R"({"type":"Prepend","prepend":"c"})")
                                 << std::string("a") << "c|a";
        QTest::newRow("Prepend skips empty")
            << std::string(R"({"type":"Prepend","prepend":"c"})") << std::string("") << "";
    }
    void normalizers()
    {
        QFETCH(std::string, normalizer);
        QFETCH(std::string, text);
        QFETCH(QString, expected);
        QCOMPARE(words(json::parse(normalizer), nullptr, text, kLetters), expected);
    }

    void preTokenizers_data()
    {
        QTest::addColumn<std::string>("preTokenizer");
        QTest::addColumn<std::string>("text");
        QTest::addColumn<QString>("expected");
        auto split = [](const char* behavior, bool invert = false) {
            return json{{"type", "Split"},
                        {"pattern", {{"String", "-"}}},
                        {"behavior", behavior},
                        {"invert", invert}}
                .dump();
        };
        QTest::newRow("Isolated") << split("Isolated") << std::string("a-b-c") << "a|-|b|-|c";
        QTest::newRow("Removed") << split("Removed") << std::string("a-b-c") << "a|b|c";
        QTest::newRow("MergedWithPrevious")
            << split("MergedWithPrevious") << std::string("a-b-c") << "a-|b-|c";
        QTest::newRow("MergedWithNext")
            << split("MergedWithNext") << std::string("a-b-c") << "a|-b|-c";
        QTest::newRow("Contiguous") << split("Contiguous") << std::string("a--b") << "a|--|b";
        QTest::newRow("invert") << split("Removed", true) << std::string("a-b") << "-";
        QTest::newRow("Metaspace")
            << std::string(
                   R"({"type":"Metaspace","replacement":"c","prepend_scheme":"always","split":true})")
            << std::string("a b") << "ca|cb";
        QTest::newRow("Digits") << std::string(R"({"type":"Digits","individual_digits":true})")
                                << std::string("a12") << "a|1|2";
        QTest::newRow("WhitespaceSplit")
            << std::string(R"({"type":"WhitespaceSplit"})") << std::string(" ab  bc ") << "ab|bc";
        QTest::newRow("BertPreTokenizer") << std::string(R"({"type":"BertPreTokenizer"})")
                                          << std::string("ab-c ab") << "ab|-|c|ab";
        QTest::newRow("ByteLevel") << std::string(R"({"type":"ByteLevel","add_prefix_space":true})")
                                   << std::string("a") << "\xc4\xa0|a";
    }
    void preTokenizers()
    {
        QFETCH(std::string, preTokenizer);
        QFETCH(std::string, text);
        QFETCH(QString, expected);
        std::vector<std::string> vocabulary = kLetters;
        for (const char* extra : {"1", "2", "\xc4\xa0", "ca", "cb"})
            vocabulary.push_back(extra);
        QCOMPARE(words(nullptr, json::parse(preTokenizer), text, vocabulary), expected);
    }

    void metaspacePrependSchemes_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<Ids>("expected");
        // a=0 ▁=1 ▁a=2, added <s>=5: "a<s>a"
        QTest::newRow("always") << "always" << Ids{2, 5, 2};
        QTest::newRow("first") << "first" << Ids{2, 5, 0};
        QTest::newRow("never") << "never" << Ids{0, 5, 0};
    }
    void metaspacePrependSchemes()
    {
        QFETCH(QString, scheme);
        QFETCH(Ids, expected);
        json doc = document(bpeModel({"a", "\xe2\x96\x81",
                                      "\xe2\x96\x81"
                                      "a"},
                                     {"\xe2\x96\x81 a"}));
        doc["pre_tokenizer"] = {{"type", "Metaspace"},
                                {"replacement", "\xe2\x96\x81"},
                                {"prepend_scheme", scheme.toStdString()},
                                {"split", false}};
        doc["added_tokens"] = json::array({addedToken(5, "<s>")});
        QCOMPARE(load(doc)->encode("a<s>a", false), expected);
    }

    void postProcessors_data()
    {
        QTest::addColumn<std::string>("processor");
        QTest::addColumn<std::string>("config");
        QTest::addColumn<Ids>("expected");
        const std::string bert = R"({"type":"BertProcessing","sep":["b",1],"cls":["c",2]})";
        QTest::newRow("none") << std::string("null") << std::string("null") << Ids{0};
        QTest::newRow("ByteLevel")
            << std::string(R"({"type":"ByteLevel"})") << std::string("null") << Ids{0};
        QTest::newRow("Bert") << bert << std::string("null") << Ids{2, 0, 1};
        QTest::newRow("Roberta")
            << std::string(R"({"type":"RobertaProcessing","sep":["b",1],"cls":["c",2]})")
            << std::string("null") << Ids{2, 0, 1};
        QTest::newRow("Template")
            << std::string(
                   R"({"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"c","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"b","type_id":0}},{"SpecialToken":{"id":"b","type_id":0}}],"special_tokens":{"b":{"id":"b","ids":[1],"tokens":["b"]},"c":{"id":"c","ids":[2],"tokens":["c"]}}})")
            << std::string("null") << Ids{2, 0, 1, 1};
        QTest::newRow("Sequence") << R"({"type":"Sequence","processors":[{"type":"ByteLevel"},)" +
                                         bert + "]}"
                                  << std::string("null") << Ids{2, 0, 1};
        QTest::newRow("config flags decide")
            << bert << std::string(R"({"add_bos_token":true,"bos_token":"b","eos_token":"c"})")
            << Ids{1, 0};
        QTest::newRow("config eos")
            << bert
            << std::string(R"({"add_bos_token":false,"add_eos_token":true,"eos_token":"c"})")
            << Ids{0, 2};
    }
    void postProcessors()
    {
        QFETCH(std::string, processor);
        QFETCH(std::string, config);
        QFETCH(Ids, expected);
        json doc = document(bpeModel({"a", "b", "c"}));
        doc["post_processor"] = json::parse(processor);
        const auto t = load(doc, json::parse(config));
        QCOMPARE(t->encode("a", true), expected);
        QCOMPARE(t->encode("a", false), Ids{0});
    }

    void wordPieceModel()
    {
        json doc = document({{"type", "WordPiece"},
                             {"unk_token", "[UNK]"},
                             {"max_input_chars_per_word", 5},
                             {"vocab", {{"[UNK]", 0}, {"un", 1}, {"##aff", 2}, {"##able", 3}}}});
        doc["pre_tokenizer"] = {{"type", "WhitespaceSplit"}};
        const auto t = load(doc);
        QCOMPARE(t->encode("un unaff unx unaffable", false), (Ids{1, 1, 2, 0, 0}));
    }
};

QTEST_APPLESS_MAIN(TstTokenizerJson)
#include "tst_tokenizer_json.moc"
