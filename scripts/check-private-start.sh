#!/usr/bin/env bash
# Clone this checkout into a mode-0700 folder, install, `npm start`, wait for /api/health.
# Used by .ci/run (as root); prints what happened and exits non-zero when the product does not start.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
port="${CHECK_PORT:-3398}"
pgport="${CHECK_PG_PORT:-54598}"
priv="$(mktemp -d "${HOME:-/root}/dingkao-private-XXXXXX")"
chmod 700 "$priv"
pid=""
cleanup() {
  # the whole process group: npm, tsx, node and the embedded PostgreSQL it started
  if [ -n "$pid" ]; then kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$priv"
}
trap cleanup EXIT
git clone -q "$src" "$priv/app"
cd "$priv/app"
# node_modules inside the private folder: hard links of the installed tree (seconds), else a fresh install
cp -al "$src/node_modules" node_modules 2>/dev/null || { rm -rf node_modules; npm ci --no-audit --no-fund --prefer-offline >/dev/null; }
# build the web client once so `npm start` does not have to
if [ -d "$src/dist/web" ]; then mkdir -p dist && cp -r "$src/dist/web" dist/web && find dist -exec touch {} +; fi
PORT="$port" EMBEDDED_PG_PORT="$pgport" LOG_LEVEL=warn SEED_DEMO=0 setsid npm start >"$priv/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:$port/api/health" >"$priv/health.json" 2>/dev/null; then
    echo "check-private-start: started from $(stat -c %a "$priv") folder $priv: $(cat "$priv/health.json")"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 1
done
echo "check-private-start: the product did not start from a mode-0700 folder" >&2
tail -n 40 "$priv/server.log" >&2
exit 1
