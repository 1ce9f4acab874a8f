#pragma once

#include "attention/matrix.h"

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTest>
#include <cmath>
#include <utility>
#include <vector>

// Model files for the import tests: a minimal .safetensors writer and seeded matrices.

// F32 only: 8-byte header length, JSON header, data.
inline void writeSafetensors(const QString& path,
                             const std::vector<std::pair<QString, attnviz::Matrix>>& tensors)
{
    QJsonObject header;
    QByteArray data;
    for (const auto& [name, m] : tensors) {
        const qint64 begin = data.size();
        data.append(reinterpret_cast<const char*>(m.data()),
                    static_cast<qsizetype>(m.size() * sizeof(float)));
        QJsonArray shape;
        if (m.rows() == 1 && name.endsWith(QLatin1String("bias")))
            shape = {static_cast<int>(m.cols())};
        else
            shape = {static_cast<int>(m.rows()), static_cast<int>(m.cols())};
        header[name] =
            QJsonObject{{QStringLiteral("dtype"), QStringLiteral("F32")},
                        {QStringLiteral("shape"), shape},
                        {QStringLiteral("data_offsets"), QJsonArray{begin, data.size()}}};
    }
    const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const quint64 n = static_cast<quint64>(json.size());
    char len[8];
    for (int i = 0; i < 8; ++i)
        len[i] = static_cast<char>((n >> (8 * i)) & 0xff);
    f.write(len, 8);
    f.write(json);
    f.write(data);
}

inline attnviz::Matrix seeded(int rows, int cols, int seed)
{
    attnviz::Matrix m(rows, cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            m(r, c) = 0.3f * std::sin(0.7f * static_cast<float>(r * cols + c) + seed);
    return m;
}

// Projection weights (q/k/v/o, no biases) of width d, seeded 1 … 4.
inline void writeProjections(const QString& path, int d)
{
    writeSafetensors(path, {{QStringLiteral("q_proj.weight"), seeded(d, d, 1)},
                            {QStringLiteral("k_proj.weight"), seeded(d, d, 2)},
                            {QStringLiteral("v_proj.weight"), seeded(d, d, 3)},
                            {QStringLiteral("o_proj.weight"), seeded(d, d, 4)}});
}
