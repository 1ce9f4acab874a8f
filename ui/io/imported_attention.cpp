#include "imported_attention.h"

#include "common/error.h"
#include "io/npy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QTextStream>
#include <cmath>

namespace attnviz::ui {

std::vector<Matrix> ImportedAttention::layer(int index) const
{
    std::vector<Matrix> out;
    const std::size_t plane = static_cast<std::size_t>(rows) * cols;
    for (int h = 0; h < heads; ++h) {
        Matrix m(rows, cols);
        const float* src = values.data() + (static_cast<std::size_t>(index) * heads + h) * plane;
        std::copy(src, src + plane, m.data());
        out.push_back(std::move(m));
    }
    return out;
}

QString findTokens(const QString& path)
{
    const QFileInfo info(path);
    for (const QString& name :
         {info.completeBaseName() + QStringLiteral(".txt"), QStringLiteral("tokens.txt")}) {
        const QString candidate = info.dir().filePath(name);
        if (QFileInfo::exists(candidate))
            return candidate;
    }
    return {};
}

QString readTokens(const QString& path, QStringList* tokens)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return QObject::tr("cannot open token list %1: %2").arg(path, file.errorString());
    if (file.size() > 16 * 1024 * 1024)
        return QObject::tr("%1: too large for a token list").arg(path);
    QTextStream in(&file);
    QStringList out;
    while (!in.atEnd())
        out << in.readLine();
    while (!out.isEmpty() && out.last().isEmpty())
        out.removeLast(); // a trailing newline is not a token
    *tokens = out;
    return {};
}

QStringList numbered(int count)
{
    QStringList out;
    for (int i = 0; i < count; ++i)
        out << QString::number(i);
    return out;
}

QString readImportedAttention(const QString& path, const QString& tokensPath,
                              ImportedAttention* out)
{
    io::Tensor t;
    try {
        t = io::readNpy(path.toStdString());
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    const auto& s = t.shape;
    if (s.size() != 3 && s.size() != 4)
        return QObject::tr("%1: expected attention of shape (H, L, S) or (layers, H, L, S), got %2")
            .arg(path, QString::fromStdString(io::shapeToString(s)));
    for (std::int64_t d : s)
        if (d <= 0 || d > (1 << 20))
            return QObject::tr("%1: shape %2 has an empty or absurd dimension")
                .arg(path, QString::fromStdString(io::shapeToString(s)));
    ImportedAttention a;
    a.path = path;
    a.layers = s.size() == 4 ? static_cast<int>(s[0]) : 1;
    a.heads = static_cast<int>(s[s.size() - 3]);
    a.rows = static_cast<int>(s[s.size() - 2]);
    a.cols = static_cast<int>(s[s.size() - 1]);
    for (std::size_t i = 0; i < t.values.size(); ++i) {
        const float v = t.values[i];
        if (!std::isfinite(v))
            return QObject::tr("%1: element %2 is %3; attention weights must be finite")
                .arg(path)
                .arg(i)
                .arg(v);
        if (v < 0.0f)
            return QObject::tr("%1: element %2 is negative (%3); attention weights are ≥ 0 — "
                               "is this a score tensor?")
                .arg(path)
                .arg(i)
                .arg(v);
    }
    a.values = std::move(t.values);

    a.tokensPath = tokensPath.isEmpty() ? findTokens(path) : tokensPath;
    QStringList tokens;
    if (!a.tokensPath.isEmpty()) {
        const QString error = readTokens(a.tokensPath, &tokens);
        if (!error.isEmpty())
            return error;
        // One list for self-attention; L then S tokens for cross-attention.
        if (tokens.size() == a.rows && a.rows == a.cols) {
            a.rowTokens = a.colTokens = tokens;
        } else if (tokens.size() == a.rows + a.cols && a.rows != a.cols) {
            a.rowTokens = tokens.mid(0, a.rows);
            a.colTokens = tokens.mid(a.rows);
        } else {
            return QObject::tr("%1 has %2 tokens but the attention is %3×%4 (queries × keys)")
                .arg(a.tokensPath)
                .arg(tokens.size())
                .arg(a.rows)
                .arg(a.cols);
        }
    } else {
        a.rowTokens = numbered(a.rows);
        a.colTokens = numbered(a.cols);
    }
    *out = std::move(a);
    return {};
}

std::shared_ptr<ImportedInputs> importedInputs(const std::vector<Matrix>& heads)
{
    const int h = static_cast<int>(heads.size());
    if (h == 0)
        throw Error("no heads");
    const int rows = static_cast<int>(heads[0].rows());
    const int cols = static_cast<int>(heads[0].cols());
    const int d = h * cols;
    if (double(h) * cols * cols > kMaxImportedKeyFloats)
        throw Error(
            QObject::tr("%1 heads × %2 keys is too large to edit interactively (heads × keys² "
                        "at most %3); render it with attnviz export --attention")
                .arg(h)
                .arg(cols)
                .arg(kMaxImportedKeyFloats, 0, 'f', 0)
                .toStdString());
    // A zero weight stays (numerically) zero: exp(-80) vanishes next to any weight above 1e-30.
    constexpr float kLogZero = -80.0f;
    Matrix query(rows, d);
    Matrix keys = Matrix::Zero(cols, d);
    for (int k = 0; k < h; ++k) {
        query.middleCols(k * cols, cols) =
            heads[k].unaryExpr([](float a) { return a > 0.0f ? std::log(a) : kLogZero; });
        keys.middleCols(k * cols, cols).setIdentity();
    }
    auto in = std::make_shared<ImportedInputs>();
    in->options.heads = h;
    in->options.scale = false;
    in->fixedScores = true;
    in->crossAttention = rows != cols;
    in->query = std::move(query);
    in->keys = std::move(keys);
    return in;
}

std::shared_ptr<ImportedInputs> attentionInputs(const ImportedAttention& attention, int layer)
{
    auto in = importedInputs(attention.layer(layer));
    in->rowTokens = attention.rowTokens;
    in->colTokens = attention.colTokens;
    return in;
}

std::shared_ptr<AttentionEngine> importedEngine(const std::vector<Matrix>& heads, const Mask& mask,
                                                MaskFill fill)
{
    const std::shared_ptr<const ImportedInputs> in = importedInputs(heads);
    AttentionOptions options = in->options;
    options.fill = fill;
    auto engine = std::make_shared<AttentionEngine>();
    engine->computeFromProjections(in->query, in->keys, in->keys, mask, options);
    return engine;
}

} // namespace attnviz::ui
