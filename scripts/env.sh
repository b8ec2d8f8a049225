# Sourced by the scripts: where the per-user cache lives and the Emscripten quirks of
# Debian's package (see shared TOOLCHAIN notes). Defines paths only; installs nothing.
EBM_CACHE=${EBM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ebm-playground}
EMSCRIPTEN_VERSION=3.1.6
IMGUI_DIR_NAME=imgui-1.86
SDL_DIR_NAME=SDL2-2.26.5
IMGUI_SRC="$EBM_CACHE/src/$IMGUI_DIR_NAME"
SDL_SRC="$EBM_CACHE/src/$SDL_DIR_NAME"
SDL_WASM_PREFIX="$EBM_CACHE/sdl2-wasm-2.26.5-em$EMSCRIPTEN_VERSION"
# Debian freezes its Emscripten cache; a writable copy keyed by version.
export EM_CACHE="$EBM_CACHE/emcache-$EMSCRIPTEN_VERSION"
export EM_FROZEN_CACHE=
# Node 20 does not search Debian's module folder (emcc needs acorn from there).
export NODE_PATH=/usr/share/nodejs
export EBM_CACHE IMGUI_SRC SDL_SRC SDL_WASM_PREFIX
