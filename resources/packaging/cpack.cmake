# The Debian package (`cpack`, run by the `package` preset): everything `cmake --install` lays
# out, under /usr. Dependencies are computed by dpkg-shlibdeps (dpkg-dev) from the binary's
# libraries; the rest are what Qt loads at run time.
execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE ATTNVIZ_DEB_ARCH
                OUTPUT_STRIP_TRAILING_WHITESPACE)
set(ATTNVIZ_DEB_FILE attnviz_${PROJECT_VERSION}_${ATTNVIZ_DEB_ARCH}.deb)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME attnviz)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT
    "AttnViz maintainers <maintainers@users.noreply.r-seed-faa95410.example>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "see what multi-head attention does, and edit it")
# Debian's extended description: CPack indents the lines and marks the empty one; at most 79
# characters a line.
set(CPACK_PACKAGE_DESCRIPTION [=[
AttnViz computes multi-head attention exactly, keeps every stage (projections,
scaled scores, mask, softmax, weighted values, output projection) and shows
one heatmap per head. Clicking or dragging mask cells recomputes the softmax
and everything after it at once.

For teaching, it has a step-by-step pipeline view, teaching toggles, lessons
and a presentation mode, in English and Chinese. For engineers, it opens
attention tensors and weights saved from real models, runs LLaMA, Qwen, GPT-2
and BERT checkpoints headless with single attention edges blocked, and exports
heatmaps as PNG, SVG and PDF.]=])
set(CPACK_DEBIAN_FILE_NAME ${ATTNVIZ_DEB_FILE})
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${ATTNVIZ_DEB_ARCH})
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Qt finds its window-system plugins at run time; without them no window opens.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
# The Chinese UI: a CJK font, and Qt's own strings (dialog buttons) in Chinese.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qt6-wayland")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
