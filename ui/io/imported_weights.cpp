#include "imported_weights.h"

#include "imported_attention.h"
#include "io/npy.h"
#include "io/tensor_matrix.h"
#include "io/weights_loader.h"

#include <QFileInfo>
#include <QObject>
#include <exception>

namespace attnviz::ui {

int weightsModelDim(const QString& weightsPath, QString* error)
{
    try {
        return io::readWeights(weightsPath.toStdString()).dModel();
    } catch (const std::exception& e) {
        *error = QString::fromStdString(e.what());
        return -1;
    }
}

namespace {

QString readInput(const QString& path, int dModel, Matrix* out, QStringList* tokens)
{
    Matrix m;
    try {
        m = io::toMatrix(io::readNpy(path.toStdString()), QFileInfo(path).fileName().toStdString());
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    if (m.rows() == 0)
        return QObject::tr("%1 has no rows (tokens)").arg(path);
    if (m.cols() != dModel)
        return QObject::tr("%1 is %2×%3 but the weights have d_model %4: the input must be "
                           "tokens × d_model")
            .arg(path)
            .arg(m.rows())
            .arg(m.cols())
            .arg(dModel);
    if (!m.allFinite())
        return QObject::tr("%1 holds NaN or infinite values").arg(path);
    QStringList list;
    const QString tokensPath = findTokens(path);
    if (!tokensPath.isEmpty()) {
        const QString error = readTokens(tokensPath, &list);
        if (!error.isEmpty())
            return error;
        if (list.size() != m.rows())
            return QObject::tr("%1 has %2 tokens but %3 has %4 rows")
                .arg(tokensPath)
                .arg(list.size())
                .arg(path)
                .arg(m.rows());
    } else {
        list = numbered(static_cast<int>(m.rows()));
    }
    *out = std::move(m);
    *tokens = std::move(list);
    return {};
}

} // namespace

QString readImportedWeights(const WeightsImport& request, std::shared_ptr<ImportedInputs>* out)
{
    auto in = std::make_shared<ImportedInputs>();
    try {
        in->weights = io::readWeights(request.weightsPath.toStdString());
        in->weights.validate();
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    const int d = in->weights.dModel();
    if (request.heads <= 0 || d % request.heads != 0)
        return QObject::tr("d_model %1 is not divisible by %2 heads").arg(d).arg(request.heads);
    QString error = readInput(request.inputPath, d, &in->query, &in->rowTokens);
    if (!error.isEmpty())
        return error;
    if (request.keyInputPath.isEmpty()) {
        in->keys = in->query;
        in->colTokens = in->rowTokens;
    } else {
        error = readInput(request.keyInputPath, d, &in->keys, &in->colTokens);
        if (!error.isEmpty())
            return error;
        in->crossAttention = true;
    }
    in->options.heads = request.heads;
    in->label = QObject::tr("%1 on %2")
                    .arg(QFileInfo(request.weightsPath).fileName(),
                         QFileInfo(request.inputPath).fileName());
    *out = std::move(in);
    return {};
}

} // namespace attnviz::ui
