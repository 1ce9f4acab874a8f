#pragma once

#include "ui/model/attention_controller.h"
#include "ui/shell/main_window.h"
#include "ui/views/heads/head_grid.h"
#include "ui/views/heads/heatmap_widget.h"

#include <QObject>
#include <QTest>
#include <memory>

// Base of the test classes that click on a main window shown at a laptop's size (offscreen in
// tests), with shortcuts to the controller and the heads' heatmaps.
class ShownWindowTest : public QObject {
protected:
    // Creates and shows the window; false if it never became exposed.
    bool showWindow()
    {
        m_window = std::make_unique<attnviz::ui::MainWindow>();
        m_window->resize(1280, 800);
        m_window->show();
        return QTest::qWaitForWindowExposed(m_window.get());
    }
    attnviz::ui::AttentionController* c() { return m_window->controller(); }
    attnviz::ui::HeatmapWidget* heatmap(int head) { return m_window->heads()->heatmap(head); }

    std::unique_ptr<attnviz::ui::MainWindow> m_window;
};
