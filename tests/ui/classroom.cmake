# Classroom mode tests (issue 5). Included by tests/ui/CMakeLists.txt.
foreach(suite pipeline teaching lesson translation)
  attnviz_add_test(tst_ui_${suite} SOURCES tst_${suite}.cpp LIBS attnviz_ui LABEL ui)
  target_include_directories(tst_ui_${suite} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
endforeach()

# New user-visible strings without a zh_CN translation fail CI.
find_package(Qt6 REQUIRED COMPONENTS LinguistTools)
add_test(NAME translations_complete
         COMMAND ${CMAKE_COMMAND} -DLUPDATE=$<TARGET_FILE:Qt6::lupdate>
                 -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/lupdate
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/tst_translation_complete.cmake)
set_tests_properties(translations_complete PROPERTIES LABELS ui)
