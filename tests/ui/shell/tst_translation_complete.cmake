# ctest: runs lupdate over the sources into a temporary copy of the zh_CN .ts and fails when a
# string has no finished translation ("unfinished") or the file still holds strings the code no
# longer has ("vanished"/"obsolete"). Fix: see README, "Translations".
# Inputs: LUPDATE, SOURCE_DIR, WORK_DIR.
set(ts ${SOURCE_DIR}/resources/translations/attnviz_zh_CN.ts)
file(MAKE_DIRECTORY ${WORK_DIR})
configure_file(${ts} ${WORK_DIR}/attnviz_zh_CN.ts COPYONLY)
execute_process(
  COMMAND ${LUPDATE} -locations none -no-ui-lines ${SOURCE_DIR}/ui ${SOURCE_DIR}/app
          -ts ${WORK_DIR}/attnviz_zh_CN.ts
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lupdate failed (${rc}): ${err}")
endif()
file(READ ${WORK_DIR}/attnviz_zh_CN.ts text)
string(REGEX MATCHALL "<source>[^<]*</source>[^<]*<translation type=\"(unfinished|vanished|obsolete)\""
       bad "${text}")
list(LENGTH bad count)
if(count GREATER 0)
  foreach(entry IN LISTS bad)
    string(REGEX REPLACE "[ \n]+" " " entry "${entry}")
    message("  ${entry}")
  endforeach()
  message(FATAL_ERROR "${count} zh_CN string(s) unfinished or stale: run lupdate and translate "
                      "them (README, Translations)")
endif()
message("zh_CN translation complete")
