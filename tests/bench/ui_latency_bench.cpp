// UI latency, offscreen, D=512:
//  - BM_ClickToRepaint/L/H: a click on a heatmap cell until the whole main window has repainted
//    (L=256, H=8 and the long-sequence case of issue 6, L=4096, H=16).
//  - BM_ClickWhileRendering/L/H: the same while every head's level-of-detail image is being
//    rendered in the background (the pooling was just switched), so the renders read the engine
//    that the click edits.
//  - BM_Recompute/L/H/GiB: a temperature change at L=4096, H=16 under a memory budget: 2 GiB
//    (the default) releases the result on screen before computing the new one, 4 GiB keeps it
//    until replaced. Reports the process's peak RSS (run one case at a time to compare).
//  - BM_TypeToken: typing (or deleting) a token: the time the text-change handler blocks the GUI
//    thread, and the longest single event-loop slice until the new result is on screen (the
//    forward pass itself runs on the worker).
#include "long_sequence.h"
#include "ui/model/attention_controller.h"
#include "ui/shell/main_window.h"
#include "ui/views/controls/control_panel.h"
#include "ui/views/heads/head_grid.h"
#include "ui/views/heads/heatmap_widget.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <vector>

using namespace attnviz::ui;

namespace {

void waitIdle(AttentionController* c, std::vector<double>* slices = nullptr)
{
    QElapsedTimer slice;
    do {
        slice.start();
        QCoreApplication::processEvents();
        if (slices)
            slices->push_back(slice.nsecsElapsed() / 1e6);
        if (c->isBusy())
            QThread::usleep(200);
    } while (c->isBusy());
    slice.start();
    QCoreApplication::processEvents(); // the repaint of the new result
    if (slices)
        slices->push_back(slice.nsecsElapsed() / 1e6);
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

std::unique_ptr<MainWindow> makeWindow(int length, int heads = 8)
{
    auto w = std::make_unique<MainWindow>();
    w->resize(1280, 800);
    w->show();
    AttentionController* c = w->controller();
    c->setHeads(heads);
    c->setDModel(512);
    c->setText(numberedWords(length));
    waitIdle(c);
    QCoreApplication::processEvents();
    return w;
}

// Waits until every head's level-of-detail image is on screen (long sequences render them in
// the background).
void waitImages(MainWindow* window)
{
    HeadGrid* heads = window->heads();
    auto rendering = [heads] {
        for (int h = 0; h < heads->headCount(); ++h)
            if (heads->heatmap(h)->isRendering() || heads->heatmap(h)->cellImage().isNull())
                return true;
        return false;
    };
    while (rendering()) {
        QCoreApplication::processEvents();
        QThread::usleep(500);
    }
}

// Milliseconds from the i-th click (a cell near the last rows, spread over the columns) until
// the window has repainted synchronously: every heatmap, the legend and the inspector.
double timedClick(MainWindow* window, HeatmapWidget* heatmap, int length, int i)
{
    const QPoint at = heatmap->cellCenter(length - 56 + (i % 50), (i * 7) % (length - 106));
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(heatmap, Qt::LeftButton, {}, at, 0);
    window->repaint();
    return timer.nsecsElapsed() / 1e6;
}

void BM_ClickToRepaint(benchmark::State& state)
{
    const int length = static_cast<int>(state.range(0));
    auto window = makeWindow(length, static_cast<int>(state.range(1)));
    waitImages(window.get());
    HeatmapWidget* heatmap = window->heads()->heatmap(0);
    std::vector<double> samples;
    int i = 0;
    for (auto _ : state) {
        const double ms = timedClick(window.get(), heatmap, length, i++);
        samples.push_back(ms);
        state.SetIterationTime(ms / 1e3);
        QTest::qWait(0);
    }
    state.counters["median_ms"] = median(samples);
    state.counters["max_ms"] = *std::max_element(samples.begin(), samples.end());
}
BENCHMARK(BM_ClickToRepaint)
    ->Args({256, 8})
    ->Args({4096, 16})
    ->UseManualTime()
    ->Iterations(100)
    ->Unit(benchmark::kMillisecond);

void BM_ClickWhileRendering(benchmark::State& state)
{
    const int length = static_cast<int>(state.range(0));
    auto window = makeWindow(length, static_cast<int>(state.range(1)));
    waitImages(window.get());
    HeadGrid* heads = window->heads();
    HeatmapWidget* heatmap = heads->heatmap(0);
    std::vector<double> samples;
    int i = 0;
    for (auto _ : state) {
        heads->setPooling(i % 2 ? Pooling::Max : Pooling::Mean);
        window->repaint(); // starts the background renders
        const double ms = timedClick(window.get(), heatmap, length, i++);
        samples.push_back(ms);
        state.SetIterationTime(ms / 1e3);
        waitImages(window.get());
    }
    state.counters["median_ms"] = median(samples);
    state.counters["max_ms"] = *std::max_element(samples.begin(), samples.end());
}
BENCHMARK(BM_ClickWhileRendering)
    ->Args({4096, 16})
    ->UseManualTime()
    ->Iterations(20)
    ->Unit(benchmark::kMillisecond);

void BM_Recompute(benchmark::State& state)
{
    auto window = makeWindow(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
    waitImages(window.get());
    AttentionController* c = window->controller();
    c->setMemoryBudget(static_cast<quint64>(state.range(2)) << 30);
    int released = 0;
    QObject::connect(c, &AttentionController::resultReleased, [&released] { ++released; });
    std::vector<double> slices;
    double temperature = 1.0;
    for (auto _ : state) {
        temperature = temperature == 1.0 ? 0.5 : 1.0;
        QElapsedTimer timer;
        timer.start();
        c->setTemperature(temperature);
        waitIdle(c, &slices);
        waitImages(window.get());
        state.SetIterationTime(timer.nsecsElapsed() / 1e9);
    }
    state.counters["released"] = released;
    state.counters["refused"] = c->error().isEmpty() ? 0.0 : 1.0;
    state.counters["slice_max_ms"] = *std::max_element(slices.begin(), slices.end());
    state.counters["peak_rss_mib"] = procStatusMiB("VmHWM:");
}
BENCHMARK(BM_Recompute)
    ->Args({4096, 16, 2})
    ->Args({4096, 16, 4})
    ->UseManualTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

void BM_TypeToken(benchmark::State& state)
{
    auto window = makeWindow(255);
    QLineEdit* edit = window->controls()->textEdit();
    AttentionController* c = window->controller();
    std::vector<double> handler;
    std::vector<double> slices;
    bool add = true;
    for (auto _ : state) {
        QElapsedTimer timer;
        timer.start();
        if (add)
            edit->setText(edit->text() + QStringLiteral(" x")); // 256 tokens
        else
            edit->setText(edit->text().chopped(2)); // back to 255
        add = !add;
        const double ms = timer.nsecsElapsed() / 1e6;
        handler.push_back(ms);
        state.SetIterationTime(ms / 1e3);
        waitIdle(c, &slices);
    }
    state.counters["handler_median_ms"] = median(handler);
    state.counters["handler_max_ms"] = *std::max_element(handler.begin(), handler.end());
    state.counters["slice_median_ms"] = median(slices);
    state.counters["slice_max_ms"] = *std::max_element(slices.begin(), slices.end());
}
BENCHMARK(BM_TypeToken)->UseManualTime()->Iterations(40)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
