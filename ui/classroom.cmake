# Classroom mode (issue 5): pipeline view, teaching toggles, presentation mode, themes, lessons
# and the Chinese translation. Included by ui/CMakeLists.txt.
target_sources(attnviz_ui PRIVATE
  shell/classroom.cpp
  shell/language.cpp
  io/lesson.cpp
  lessons/lesson_bar.cpp
  lessons/lesson_player.cpp
  views/pipeline/pipeline_images.cpp
  model/pipeline_model.cpp
  views/pipeline/pipeline_page.cpp
  views/pipeline/pipeline_view.cpp
  shell/presentation_mode.cpp
  views/teaching/teaching_compare.cpp
  views/teaching/teaching_page.cpp
  shell/theme.cpp
)

# Shipped lessons: registered by name in lesson_player.cpp (Q_INIT_RESOURCE(lessons)).
qt_add_resources(ATTNVIZ_LESSON_SOURCES ${PROJECT_SOURCE_DIR}/resources/lessons.qrc)
target_sources(attnviz_ui PRIVATE ${ATTNVIZ_LESSON_SOURCES})

# Translations: .ts (edited with lupdate/Linguist, see README) → .qm, embedded as :/i18n/*.qm.
find_package(Qt6 REQUIRED COMPONENTS LinguistTools)
set(ATTNVIZ_TS_FILES ${PROJECT_SOURCE_DIR}/resources/translations/attnviz_zh_CN.ts)
set_source_files_properties(${ATTNVIZ_TS_FILES} PROPERTIES OUTPUT_LOCATION
                            ${CMAKE_CURRENT_BINARY_DIR}/i18n)
qt_add_lrelease(attnviz_ui TS_FILES ${ATTNVIZ_TS_FILES} QM_FILES_OUTPUT_VARIABLE ATTNVIZ_QM_FILES)
qt_add_resources(attnviz_ui attnviz_translations PREFIX /i18n
                 BASE ${CMAKE_CURRENT_BINARY_DIR}/i18n FILES ${ATTNVIZ_QM_FILES})
