// Bad checkpoints are refused with a message that names what is wrong.
#include "common/error.h"
#include "model/forward.h"
#include "model/model.h"
#include "tiny_models.h"

#include <QTemporaryDir>
#include <QTest>
#include <limits>

using namespace attnviz;
using model::Family;

Q_DECLARE_METATYPE(Family)
Q_DECLARE_METATYPE(tiny::Edit)

class TestModelErrors : public QObject {
    Q_OBJECT
private slots:
    void refused_data()
    {
        QTest::addColumn<Family>("family");
        QTest::addColumn<tiny::Edit>("edit");
        QTest::addColumn<QString>("message");
        using J = nlohmann::json;
        QTest::newRow("unknown architecture")
            << Family::Llama
            << tiny::Edit([](J& c, tiny::Tensors&) { c["architectures"] = {"MambaForCausalLM"}; })
            << "architecture \"MambaForCausalLM\" is not supported (supported: LlamaForCausalLM";
        QTest::newRow("rope scaling yarn") << Family::Llama << tiny::Edit([](J& c, tiny::Tensors&) {
            c["rope_scaling"] = {{"rope_type", "yarn"}, {"factor", 4.0}};
        }) << "rope_scaling type \"yarn\" is not supported (supported: llama3)";
        QTest::newRow("missing key")
            << Family::Gpt2 << tiny::Edit([](J& c, tiny::Tensors&) { c.erase("n_head"); })
            << "\"n_head\" is missing";
        QTest::newRow("mistyped key")
            << Family::Bert << tiny::Edit([](J& c, tiny::Tensors&) { c["hidden_size"] = "32"; })
            << "\"hidden_size\" is not an integer";
        QTest::newRow("heads do not divide")
            << Family::Llama
            << tiny::Edit([](J& c, tiny::Tensors&) { c["num_key_value_heads"] = 3; })
            << "4 attention heads cannot share 3 key/value heads";
        QTest::newRow("missing tensor") << Family::Llama << tiny::Edit([](J&, tiny::Tensors& t) {
            t.erase("model.layers.1.mlp.up_proj.weight");
        }) << "missing tensor 'model.layers.1.mlp.up_proj.weight'";
        QTest::newRow("missing lm_head")
            << Family::Llama << tiny::Edit([](J&, tiny::Tensors& t) { t.erase("lm_head.weight"); })
            << "missing tensor 'lm_head.weight'";
        QTest::newRow("missing MLM bias") << Family::Bert << tiny::Edit([](J&, tiny::Tensors& t) {
            t.erase("cls.predictions.bias");
        }) << "missing tensor 'cls.predictions.decoder.bias'";
        QTest::newRow("wrong shape")
            << Family::DistilBert << tiny::Edit([](J&, tiny::Tensors& t) {
                   t["distilbert.transformer.layer.0.ffn.lin1.weight"].shape = {32, 48};
               })
            << "tensor 'distilbert.transformer.layer.0.ffn.lin1.weight' has shape (32, 48), the "
               "config needs (48, 32)";
        QTest::newRow("NaN norm") << Family::Gpt2 << tiny::Edit([](J&, tiny::Tensors& t) {
            t["transformer.ln_f.weight"].values[3] = std::numeric_limits<float>::quiet_NaN();
        }) << "tensor 'transformer.ln_f.weight' holds NaN or infinite values";
        QTest::newRow("NaN matrix") << Family::Llama << tiny::Edit([](J&, tiny::Tensors& t) {
            t["model.layers.0.self_attn.v_proj.weight"].values[100] =
                std::numeric_limits<float>::infinity();
        }) << "tensor 'model.layers.0.self_attn.v_proj.weight' holds NaN or infinite values";
        QTest::newRow("NaN embedding") << Family::Bert << tiny::Edit([](J&, tiny::Tensors& t) {
            t["bert.embeddings.word_embeddings.weight"].values[5 * 32] =
                std::numeric_limits<float>::quiet_NaN();
        }) << "tensor 'bert.embeddings.word_embeddings.weight' holds NaN or infinite values";
    }
    void refused()
    {
        QFETCH(Family, family);
        QFETCH(tiny::Edit, edit);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const std::string folder = dir.filePath("m").toStdString();
        tiny::write(folder, family, edit);
        try {
            const auto m = model::openModel(folder);
            model::ModelForward f(m->config, m->weights); // NaN matrices show up when used
            f.run({2, 5, 7}, {});
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }

    void brokenFiles()
    {
        QTemporaryDir dir;
        const std::filesystem::path folder = dir.filePath("m").toStdString();
        tiny::write(folder, Family::Llama);
        const auto size = std::filesystem::file_size(folder / "model.safetensors");
        std::filesystem::resize_file(folder / "model.safetensors", size - 10);
        QVERIFY_THROWS_EXCEPTION(Error, model::openModel(folder));
        tiny::write(folder, Family::Llama);
        std::ofstream(folder / "config.json") << "{\"architectures\": [\"LlamaForCausalLM\",";
        QVERIFY_THROWS_EXCEPTION(Error, model::openModel(folder));
        std::filesystem::remove(folder / "config.json");
        QVERIFY_THROWS_EXCEPTION(Error, model::openModel(folder));
        QVERIFY_THROWS_EXCEPTION(Error, model::openModel(folder / "nothing-here"));
        // A tokenizer file that is there but broken is an error, not "no tokenizer".
        tiny::write(folder, Family::Gpt2);
        std::ofstream(folder / "tokenizer.json") << "{\"model\": ";
        QVERIFY_THROWS_EXCEPTION(Error, model::openModel(folder));
    }
};

QTEST_APPLESS_MAIN(TestModelErrors)
#include "tst_model_errors.moc"
