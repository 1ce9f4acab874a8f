#include "row_inspector.h"

#include "ui/model/attention_controller.h"
#include "ui/model/selection_model.h"
#include "ui/render/color_map.h"

#include <QFontMetricsF>
#include <QLabel>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace attnviz::ui {

// The bar chart itself: one line per key.
class RowChart : public QWidget {
public:
    explicit RowChart(RowInspector* owner)
        : m_owner(owner)
    {
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }
    static constexpr int kLine = 18;
    static constexpr int kHeader = 22;
    QSize sizeHint() const override
    {
        return {300, kHeader + kLine * static_cast<int>(m_owner->m_weights.size()) + 4};
    }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    RowInspector* m_owner;
};

void RowChart::paintEvent(QPaintEvent* event)
{
    const RowInspector& o = *m_owner;
    QPainter p(this);
    p.fillRect(event->rect(), palette().color(QPalette::Base));
    const int n = static_cast<int>(o.m_weights.size());
    if (n == 0)
        return;
    const QColor text = palette().color(QPalette::Text);
    const QFontMetricsF fm(font());
    const double labelW = 72.0;
    const double valueW = fm.horizontalAdvance(QStringLiteral("0.000")) + 6.0;
    const double colW = std::max(30.0, (width() - labelW - valueW - 16.0) / 3.0);
    const double x0 = labelW + 4.0;
    const double x1 = x0 + colW + 4.0;
    const double x2 = x1 + colW + 4.0;

    p.setPen(text);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    p.setFont(small);
    const QFontMetricsF sfm(small);
    auto header = [&](double x, double w, const QString& text) {
        p.drawText(QRectF(x, 0, w, kHeader), Qt::AlignCenter,
                   sfm.elidedText(text, Qt::ElideRight, w));
    };
    header(x0, colW, RowInspector::tr("score"));
    header(x1, colW, RowInspector::tr("masked"));
    header(x2, colW + valueW, RowInspector::tr("weight"));
    p.setFont(font());

    float scoreMax = 1e-6f;
    for (float s : o.m_scores)
        scoreMax = std::max(scoreMax, std::abs(s));
    float weightMax = 1e-6f;
    for (int j = 0; j < n; ++j) {
        weightMax = std::max(weightMax, o.m_weights[j]);
        if (!o.m_ghost.empty())
            weightMax = std::max(weightMax, o.m_ghost[j]);
    }
    const ColorMap diverging = ColorMap::byName(QStringLiteral("diverging"));
    const QColor weightColor(0x21, 0x91, 0x8c);
    const ColorMap current = ColorMap::byName(o.m_controller->state().colorMap);

    auto scoreBar = [&](double x, int y, float s) {
        const double mid = x + colW / 2.0;
        const double w = s / scoreMax * (colW / 2.0 - 2.0);
        const QRectF r =
            w >= 0 ? QRectF(mid, y + 3, w, kLine - 6) : QRectF(mid + w, y + 3, -w, kLine - 6);
        p.fillRect(r, QColor(diverging.map(s, -scoreMax, scoreMax)).darker(115));
        p.setPen(QPen(QColor(0, 0, 0, 90), 0));
        p.drawLine(QPointF(mid, y + 1), QPointF(mid, y + kLine - 1));
    };

    // Only the lines in the scroll area's viewport: a long sequence has thousands of keys.
    const int first = std::clamp((event->rect().top() - kHeader) / kLine, 0, n);
    const int end = std::clamp((event->rect().bottom() - kHeader) / kLine + 1, first, n);
    for (int j = first; j < end; ++j) {
        const int y = kHeader + j * kLine;
        if (j % 2 == 1)
            p.fillRect(QRectF(0, y, width(), kLine), palette().color(QPalette::AlternateBase));
        p.setPen(text);
        p.drawText(QRectF(2, y, labelW - 4, kLine), Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(o.m_keyTokens.value(j), Qt::ElideRight, labelW - 4));
        scoreBar(x0, y, o.m_scores[j]);
        if (o.m_allowed[j]) {
            scoreBar(x1, y, o.m_scores[j]);
        } else {
            const QRectF cell(x1 + 2, y + 2, colW - 4, kLine - 4);
            p.fillRect(cell, current.maskedFill());
            p.fillRect(cell, QBrush(current.maskedHatch(), Qt::BDiagPattern));
            p.setPen(Qt::black);
            p.drawText(cell, Qt::AlignCenter,
                       o.m_negInf ? QStringLiteral("−∞") : QStringLiteral("−1e9"));
        }
        // Ghost (before the last edit) behind the current weight.
        const double scale = (colW - 2.0) / weightMax;
        if (!o.m_ghost.empty()) {
            const QRectF ghost(x2, y + 2, o.m_ghost[j] * scale, kLine - 4);
            p.fillRect(ghost, QColor(150, 150, 150, 70));
            p.setPen(QPen(QColor(90, 90, 90), 1, Qt::DashLine));
            p.drawRect(ghost);
        }
        p.fillRect(QRectF(x2, y + 5, o.m_weights[j] * scale, kLine - 10), weightColor);
        p.setPen(text);
        p.drawText(QRectF(x2 + colW, y, valueW, kLine), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(o.m_weights[j], 'f', 3));
    }
}

RowInspector::RowInspector(AttentionController* controller, SelectionModel* selection,
                           QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_selection(selection)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    m_chart = new RowChart(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_chart);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::StyledPanel);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sum = new QLabel(this);
    m_sum->setWordWrap(true);
    m_sum->setToolTip(
        tr("Softmax turns a row of scores into weights that add up to 1.\n"
           "A blocked key's score is replaced by the fill before the softmax:\n"
           " • −1e9 (the reference post): blocked keys get weight ≈ 0; if every key of the row is "
           "blocked, all scores are equal (−1e9) and the row becomes uniform, 1/L each — "
           "it still sums to 1.\n"
           " • −∞: blocked keys get exactly 0; a fully blocked row has no key to attend to and is "
           "defined as all zero, so it sums to 0."));
    auto* legend =
        new QLabel(tr("<small>Dashed ghost bars: weights before the last edit.</small>"), this);
    layout->addWidget(m_header);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_sum);
    layout->addWidget(legend);

    connect(selection, &SelectionModel::inspectedChanged, this, &RowInspector::refresh);
    connect(controller, &AttentionController::resultChanged, this, &RowInspector::refresh);
    connect(controller, &AttentionController::resultReleased, this, &RowInspector::refresh);
    connect(controller, &AttentionController::busyChanged, this, &RowInspector::refresh);
    connect(controller, &AttentionController::rowChanged, this, [this](int head, int row) {
        if (head == m_head && row == m_row)
            refresh();
    });
    refresh();
}

void RowInspector::refresh()
{
    m_scores.clear();
    m_weights.clear();
    m_ghost.clear();
    m_allowed.clear();
    const AttentionEngine& e = m_controller->engine();
    m_head = m_selection->inspectedHead();
    m_row = m_selection->inspectedRow();
    if (!m_controller->hasResult() || m_head < 0 || m_head >= e.heads() || m_row < 0 ||
        m_row >= e.queryLength()) {
        m_header->setText(m_controller->isReleased()
                              ? m_controller->releasedNote()
                              : tr("Hover over a heatmap to inspect a query row."));
        m_sum->clear();
        m_chart->updateGeometry();
        m_chart->update();
        return;
    }
    m_queryTokens = m_controller->tokens();
    m_keyTokens = m_controller->keyTokens();
    m_negInf = e.options().fill == MaskFill::NegInf;
    const int n = e.keyLength();
    const RowVector scores = e.scaledScoresRow(m_head, m_row);
    const auto weights = e.weights(m_head).row(m_row);
    for (int j = 0; j < n; ++j) {
        m_scores.push_back(scores(j));
        m_weights.push_back(weights(j));
        m_allowed.push_back(e.mask().allowed(m_head, m_row, j));
    }
    if (const Matrix* before = m_controller->previousWeights(m_head)) {
        bool differs = false;
        for (int j = 0; j < n; ++j)
            differs = differs || (*before)(m_row, j) != weights(j);
        if (differs)
            for (int j = 0; j < n; ++j)
                m_ghost.push_back((*before)(m_row, j));
    }
    m_header->setText(tr("<b>Head %1</b> · query <b>%2</b> (row %3)<br><small>each key's "
                         "scaled score, the same after the mask, and its softmax weight</small>")
                          .arg(m_head + 1)
                          .arg(m_queryTokens.value(m_row).toHtmlEscaped())
                          .arg(m_row));
    m_sum->setText(rowSumText());
    m_chart->updateGeometry();
    m_chart->adjustSize();
    m_chart->update();
}

QString RowInspector::rowSumText() const
{
    if (m_weights.empty())
        return {};
    const double sum = std::accumulate(m_weights.begin(), m_weights.end(), 0.0);
    const bool allBlocked =
        std::none_of(m_allowed.begin(), m_allowed.end(), [](bool a) { return a; });
    QString text = tr("Row sum Σ = %1").arg(sum, 0, 'f', 6);
    if (allBlocked)
        text += m_negInf ? tr(" — every key is blocked: with −∞ fill the row is all zero")
                         : tr(" — every key is blocked: −1e9 fill makes the row uniform");
    return text;
}

} // namespace attnviz::ui
