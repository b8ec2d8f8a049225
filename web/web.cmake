# web.cmake: the page target, included by the top-level CMakeLists for Emscripten builds.
# Dear ImGui 1.86 is compiled from Debian's source package, SDL2 is the WebAssembly build made
# by scripts/setup.sh; the output folder ${CMAKE_BINARY_DIR}/site is a complete static site.
set(EBM_SITE ${CMAKE_BINARY_DIR}/site)

# Only the SDL (input) backend: ImGui's draw lists are rendered by web/imgui_renderer.cpp, which,
# unlike imgui_impl_opengl3.cpp, reads no GL state back per frame (issue 9).
add_library(imgui STATIC
  ${EBM_IMGUI_SRC}/imgui.cpp ${EBM_IMGUI_SRC}/imgui_draw.cpp ${EBM_IMGUI_SRC}/imgui_tables.cpp
  ${EBM_IMGUI_SRC}/imgui_widgets.cpp ${EBM_IMGUI_SRC}/backends/imgui_impl_sdl.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${EBM_IMGUI_SRC} ${EBM_IMGUI_SRC}/backends
                                               ${EBM_SDL2_PREFIX}/include/SDL2)
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_FILE_FUNCTIONS IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
target_compile_options(imgui PRIVATE -O2)

# The page: web/*.cpp (platform, app, widgets) and each scene's controls, view and page glue;
# the scene models come from ebm_scene_models (shared with the native tests).
file(GLOB EBM_WEB_SRC CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/*.cpp ${CMAKE_SOURCE_DIR}/web/scenes/*/*.cpp)
list(FILTER EBM_WEB_SRC EXCLUDE REGEX "_model[a-z_]*\\.cpp$")
add_executable(ebm_web ${EBM_WEB_SRC})
set_target_properties(ebm_web PROPERTIES OUTPUT_NAME ebm RUNTIME_OUTPUT_DIRECTORY ${EBM_SITE})
target_include_directories(ebm_web PRIVATE ${CMAKE_SOURCE_DIR}/web)
target_link_libraries(ebm_web PRIVATE ebm_scene_models imgui ${EBM_SDL2_PREFIX}/lib/libSDL2.a)
target_compile_options(ebm_web PRIVATE ${EBM_WARNINGS} -O2)
target_link_options(ebm_web PRIVATE
  # Memory starts small and grows as a figure needs it (issue 11: a post holds several figures,
  # each its own WebAssembly memory). The page's deepest call stack measured 11 KB: 1 MB is ample.
  -sINITIAL_MEMORY=4MB -sTOTAL_STACK=1MB -sMEMORY_GROWTH_GEOMETRIC_STEP=0.05
  -O2 -sALLOW_MEMORY_GROWTH=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sNO_FILESYSTEM=1
  # No eval / new Function in ebm.js: the page runs under script-src 'self' 'wasm-unsafe-eval'.
  -sDYNAMIC_EXECUTION=0
  # EM_JS bodies cannot declare library dependencies: exporting the string helpers they use
  # (allocateUTF8) keeps them in the build.
  -sENVIRONMENT=web -sEXPORTED_RUNTIME_METHODS=[ccall,cwrap,UTF8ToString,allocateUTF8]
  -sEXPORTED_FUNCTIONS=[_main,_malloc,_free]
  # How files travel: gzip copies by content hash, Cache Storage and Web Locks (asset_loader.js).
  --pre-js ${CMAKE_SOURCE_DIR}/web/asset_loader.js)
set_property(TARGET ebm_web APPEND PROPERTY LINK_DEPENDS ${CMAKE_SOURCE_DIR}/web/asset_loader.js)
# Function names in the wasm for CPU profiles (scripts/bench_page.sh --profile builds with it).
option(EBM_PROFILING_FUNCS "Keep function names in ebm.wasm for profiling" OFF)
if(EBM_PROFILING_FUNCS)
  target_link_options(ebm_web PRIVATE --profiling-funcs)
endif()

# Static files beside the program: the page and its loader (boot.js), favicon, blog post, and
# MathJax 3 (npm, installed by scripts/setup.sh; the static post no longer loads it, its formulas
# are typeset at build time). An always-run target, so an edit to a static file reaches the site
# without relinking the wasm; copy_if_different keeps it cheap.
set(EBM_MATHJAX ${CMAKE_SOURCE_DIR}/scripts/node_modules/mathjax/es5)
# The blog post's formulas are typeset here, once, into inline SVG: the page loads no MathJax.
set(EBM_BLOG_RENDERED ${CMAKE_BINARY_DIR}/generated/blog_index.html)
add_custom_command(OUTPUT ${EBM_BLOG_RENDERED}
  COMMAND ${EBM_NODE} ${CMAKE_SOURCE_DIR}/scripts/render_math.mjs ${CMAKE_SOURCE_DIR}/web/static/blog/index.html
          ${EBM_BLOG_RENDERED}
  DEPENDS ${CMAKE_SOURCE_DIR}/web/static/blog/index.html ${CMAKE_SOURCE_DIR}/scripts/render_math.mjs
  COMMENT "Typesetting the blog post's formulas" VERBATIM)
add_custom_target(ebm_site ALL
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_SOURCE_DIR}/index.html ${EBM_SITE}/index.html
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_SOURCE_DIR}/web/static/boot.js ${EBM_SITE}/boot.js
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_SOURCE_DIR}/web/static/favicon.svg ${EBM_SITE}/favicon.svg
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_SOURCE_DIR}/web/static/embed.js ${EBM_SITE}/embed.js
  COMMAND ${CMAKE_COMMAND} -E copy_directory ${CMAKE_SOURCE_DIR}/web/static/blog ${EBM_SITE}/blog
  COMMAND ${CMAKE_COMMAND} -E copy ${EBM_BLOG_RENDERED} ${EBM_SITE}/blog/index.html
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${EBM_MATHJAX}/tex-chtml.js ${EBM_SITE}/blog/mathjax/tex-chtml.js
  COMMAND ${CMAKE_COMMAND} -E copy_directory ${EBM_MATHJAX}/output/chtml/fonts/woff-v2
          ${EBM_SITE}/blog/mathjax/output/chtml/fonts/woff-v2
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${EBM_MNIST_ASSET} ${EBM_SITE}/assets/mnist.bin
  # gzip copies named by content hash + assets/manifest.json (scripts/build.sh adds the models)
  COMMAND ${EBM_NODE} ${CMAKE_SOURCE_DIR}/scripts/pack_assets.mjs ${EBM_SITE}
  DEPENDS ebm_web ebm_mnist_asset ${EBM_BLOG_RENDERED}
  VERBATIM)
