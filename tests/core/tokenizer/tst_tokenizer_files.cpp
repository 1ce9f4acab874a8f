// The real tokenizer files in ../shared/testdata: which loader each folder gets, the special
// tokens encode(text, true) adds, the special-token ids and the display strings.
#include "io/gguf.h"
#include "io/npy.h"
#include "testdata.h"
#include "tokenizer/gguf_file_vocab.h"
#include "tokenizer/gguf_vocab.h"
#include "tokenizertestutil.h"

using namespace tokenizertest;
using attnviz::tokenizer::loadTokenizer;

namespace {

std::unique_ptr<attnviz::tokenizer::Tokenizer> fromTestdata(const char* folder)
{
    return loadTokenizer(testdataPath(QString::fromUtf8(folder)).toStdString());
}

} // namespace

class TstTokenizerFiles : public QObject {
    Q_OBJECT
private slots:
    void qwen3TokenizerJson()
    {
        ATTNVIZ_REQUIRE_TESTDATA("tokenizers/qwen3/tokenizer.json");
        const auto t = fromTestdata("tokenizers/qwen3");
        QCOMPARE(t->encode("Hello world", true), (Ids{9707, 1879})); // Qwen adds nothing
        QCOMPARE(t->encode("<|im_start|>user", false), (Ids{151644, 872}));
        QVERIFY(t->isSpecial(151644));
        QVERIFY(!t->isSpecial(9707));
        QCOMPARE(t->specialTokens().eos, std::optional<TokenId>(151645));
        QCOMPARE(t->specialTokens().pad, std::optional<TokenId>(151643));
        QVERIFY(!t->specialTokens().bos);
        QCOMPARE(t->piece(1879), std::string("\xc4\xa0world"));
        QCOMPARE(t->display(1879), std::string(" world"));
        QCOMPARE(t->display(198), std::string("\\n"));
        QCOMPARE(t->display(151644), std::string("<|im_start|>"));
        QVERIFY(t->vocabSize() > 151643);
    }

    void gpt2EncoderJsonAndVocabBpe()
    {
        ATTNVIZ_REQUIRE_TESTDATA("tokenizers/gpt2/vocab.bpe");
        const auto t = fromTestdata("tokenizers/gpt2");
        QCOMPARE(t->encode("Hello world", true), (Ids{15496, 995})); // GPT-2 adds nothing
        QCOMPARE(t->encode("<|endoftext|>", false), Ids{50256});
        QCOMPARE(t->specialTokens().bos, std::optional<TokenId>(50256));
        QCOMPARE(t->specialTokens().eos, std::optional<TokenId>(50256));
        QCOMPARE(t->vocabSize(), 50257);
        QCOMPARE(t->display(995), std::string(" world"));
        QCOMPARE(t->display(447), std::string("<0xE2><0x80>")); // "âĢ": half of a character
    }

    void bertVocabTxt()
    {
        ATTNVIZ_REQUIRE_TESTDATA("tokenizers/bert-base-uncased/vocab.txt");
        const auto t = fromTestdata("tokenizers/bert-base-uncased");
        QCOMPARE(t->encode("Hello, World!", true), (Ids{101, 7592, 1010, 2088, 999, 102}));
        // Ideographs beyond the BMP are split like the others (HF pads every CJK ideograph).
        QCOMPARE(t->encode("\xf0\xa0\x80\x80\xf0\xa0\x80\x81", false), (Ids{100, 100}));
        QCOMPARE(t->encode("[CLS] x [MASK]", false), (Ids{101, 1060, 103}));
        const auto& s = t->specialTokens();
        QCOMPARE(s.cls, std::optional<TokenId>(101));
        QCOMPARE(s.sep, std::optional<TokenId>(102));
        QCOMPARE(s.mask, std::optional<TokenId>(103));
        QCOMPARE(s.unk, std::optional<TokenId>(100));
        QCOMPARE(s.pad, std::optional<TokenId>(0));
        QCOMPARE(t->display(2075), std::string("##ing"));
        QVERIFY(t->isSpecial(101));
    }

    void stories260KSentencePiece()
    {
        ATTNVIZ_REQUIRE_TESTDATA("models/stories260K/hf/tokenizer.model");
        const auto t = fromTestdata("models/stories260K/hf");
        const Ids ids = t->encode("Once upon a time", true);
        QCOMPARE(ids.front(), 1); // tokenizer_config.json: add_bos_token
        QCOMPARE(t->encode("Once upon a time", false), Ids(ids.begin() + 1, ids.end()));
        QCOMPARE(t->encode("<s>hello", false).front(), 1); // special tokens are split out
        QCOMPARE(t->display(13), std::string("\\n"));      // <0x0A>
        QCOMPARE(t->display(259), std::string(" t"));      // ▁t
        QCOMPARE(t->display(1), std::string("<s>"));
        QVERIFY(t->isSpecial(1) && t->isSpecial(2) && t->isSpecial(0));
        QCOMPARE(t->vocabSize(), 512);
    }

    void stories260KGoldenIds()
    {
        // The golden forward's ids: "Once upon a time, there was a little girl named Lily." + BOS.
        ATTNVIZ_REQUIRE_TESTDATA("models/stories260K/reference/ids.npy");
        const auto t = fromTestdata("models/stories260K/hf");
        const auto ids = attnviz::io::readNpy(
            testdataPath("models/stories260K/reference/ids.npy").toStdString());
        const Ids golden(ids.values.begin(), ids.values.end()); // small ids are exact in float
        QCOMPARE(golden.size(), std::size_t(16));
        QCOMPARE(t->encode("Once upon a time, there was a little girl named Lily.", true), golden);
    }

    void stories260KGgufAgreesWithSentencePiece()
    {
        // The same vocabulary twice: embedded in the GGUF (our BPE by scores) and as
        // tokenizer.model (libsentencepiece). The cross-check compares 400 strings.
        ATTNVIZ_REQUIRE_TESTDATA("models/stories260K/stories260K.gguf");
        ATTNVIZ_REQUIRE_TESTDATA("models/stories260K/hf/tokenizer.model");
        const attnviz::io::GgufFile file(
            testdataPath("models/stories260K/stories260K.gguf").toStdString());
        const auto gguf =
            attnviz::tokenizer::tokenizerFromGguf(attnviz::tokenizer::readGgufVocab(file));
        const auto sp = fromTestdata("models/stories260K/hf");
        for (const char* text :
             {"", " ", "Once upon a time, there was a little girl named Lily.",
              "  two  spaces\n\ttab", "caf\xc3\xa9 \xe4\xbd\xa0\xe5\xa5\xbd \xf0\x9f\x98\x80",
              "Lily's dog didn't bark!!! 12345", "<s>Once</s>"})
            QCOMPARE(gguf->encode(text, true), sp->encode(text, true));
        QCOMPARE(gguf->vocabSize(), sp->vocabSize());
        for (TokenId id = 0; id < sp->vocabSize(); ++id) {
            QCOMPARE(gguf->display(id), sp->display(id));
            QCOMPARE(gguf->isSpecial(id), sp->isSpecial(id));
        }
        QCOMPARE(gguf->specialTokens().bos, sp->specialTokens().bos);
        QCOMPARE(gguf->specialTokens().eos, sp->specialTokens().eos);
        QCOMPARE(gguf->specialTokens().unk, sp->specialTokens().unk);
    }

    void ggufVocabularies()
    {
        using attnviz::tokenizer::GgufVocab;
        GgufVocab llama;
        llama.model = "llama";
        llama.tokens = {"<unk>",
                        "<s>",
                        "</s>",
                        "<0x41>",
                        "\xe2\x96\x81",
                        "a",
                        "b",
                        "\xe2\x96\x81"
                        "a",
                        "ab"};
        llama.scores = {0, 0, 0, 0, -1, -2, -3, -4, -5};
        llama.tokenTypes = {2, 3, 3, 6, 1, 1, 1, 1, 1};
        llama.bos = 1;
        llama.eos = 2;
        llama.unk = 0;
        llama.pad = -1; // llama.cpp's "none"
        const auto t = attnviz::tokenizer::tokenizerFromGguf(llama);
        // "▁a" (score -4) merges before "ab" (-5); 'A' has no piece and falls back to its byte.
        QCOMPARE(t->encode("ab A", true), (Ids{1, 7, 6, 4, 3}));
        QVERIFY(!t->specialTokens().pad);
        QCOMPARE(t->display(3), std::string("A"));

        GgufVocab bert;
        bert.model = "bert";
        bert.tokens = {"[PAD]",
                       "[UNK]",
                       "[CLS]",
                       "[SEP]",
                       "\xe2\x96\x81"
                       "un",
                       "aff"};
        bert.tokenTypes = {3, 2, 3, 3, 1, 1};
        bert.unk = 1;
        bert.cls = 2;
        bert.sep = 3;
        const auto b = attnviz::tokenizer::tokenizerFromGguf(bert);
        QCOMPARE(b->encode("Unaff", true), (Ids{2, 4, 5, 3}));
        QCOMPARE(b->piece(5), std::string("##aff"));
    }
};

QTEST_APPLESS_MAIN(TstTokenizerFiles)
#include "tst_tokenizer_files.moc"
