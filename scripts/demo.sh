#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the page and serves it on
# http://127.0.0.1:${EBM_PORT:-8080}/ until Ctrl+C.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
exec node "$root/scripts/serve.mjs" "$root/build/web/site" "${EBM_PORT:-8080}"
