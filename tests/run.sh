#!/usr/bin/env bash
# Runs every test of the solution: starts a throwaway PostgreSQL, makes sure
# Chromium is there for the browser tests, runs `dotnet test` and prints the
# closing line `N passed, N failed` (summed from the TRX files) as the last line.
#
# Usage: tests/run.sh [--filter EXPR]
# Environment: PGPORT (default 5433), PGROOT (default /tmp/pilotreadiness-pg).
# Meant for Debian 12 as root (CI runs `bash .ci/run`); needs the .NET 10 SDK.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$(pwd)"
RESULTS_DIR="artifacts/test-results"

# Whatever happens, the last line of output is the closing line. If the script
# stops before the tests ran, that line reports nothing run.
summary_printed=0
# shellcheck disable=SC2317  # called by the EXIT trap
on_exit() {
  local rc=$?
  if [ "$summary_printed" = 0 ]; then echo "0 passed, 0 failed"; fi
  exit "$rc"
}
trap on_exit EXIT

usage() { echo "usage: tests/run.sh [--filter EXPR]" >&2; }

# ---- arguments
test_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --filter)   [ $# -ge 2 ] || { usage; exit 2; }; test_args+=(--filter "$2"); shift 2 ;;
    --filter=*) test_args+=(--filter "${1#--filter=}"); shift ;;
    -h|--help)  usage; summary_printed=1; exit 0 ;;
    *)          echo "unknown argument: $1" >&2; usage; exit 2 ;;
  esac
done

# apt-get install, running `apt-get update` once per script run, only when needed.
apt_updated=0
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ "$apt_updated" = 0 ]; then apt-get update -q; apt_updated=1; fi
  apt-get install -y -q "$@"
}

# ---- .NET SDK (checked first: nothing else is worth doing without it)
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: 'dotnet' is not on PATH; the .NET 10 SDK is required (see global.json)." >&2
  exit 1
fi

# ---- PostgreSQL: throwaway cluster, reused if already running
# shellcheck source=tests/postgres.sh
source "$REPO_ROOT/tests/postgres.sh"

# ---- Chromium for the browser tests (and pdftoppm for PDF checks)
echo "== Chromium"
pkgs=()
[ -x /usr/bin/chromium ] || pkgs+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || pkgs+=(poppler-utils)
if [ ${#pkgs[@]} -gt 0 ]; then apt_install "${pkgs[@]}"; fi
/usr/bin/chromium --version 2>/dev/null || echo "/usr/bin/chromium is present"

# ---- Node and Redocly's OpenAPI linter, for the test that lints the API document
# (OpenApiLintTests). Pinned to the last release that runs on the Node Debian 12
# ships (18.x); installed once into its own folder with its own npm cache.
echo "== Redocly CLI"
REDOCLY_VERSION=1.34.20
REDOCLY_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/pilotreadiness/redocly-cli-$REDOCLY_VERSION"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then apt_install nodejs npm; fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>18||(a===18&&b>=17)?0:1)'; then
  echo "error: Node $(node --version) is too old for @redocly/cli $REDOCLY_VERSION (needs 18.17 or later)." >&2
  exit 1
fi
if [ ! -x "$REDOCLY_DIR/node_modules/.bin/redocly" ]; then
  mkdir -p "$REDOCLY_DIR"
  if ! npm install --prefix "$REDOCLY_DIR" --cache "$REDOCLY_DIR/npm-cache" --no-audit --no-fund --no-save \
      --loglevel=error "@redocly/cli@$REDOCLY_VERSION" </dev/null; then
    echo "error: could not install @redocly/cli $REDOCLY_VERSION with npm (is the npm registry reachable?);" \
         "the API document's lint test needs it." >&2
    exit 1
  fi
fi
export PILOTREADINESS_REDOCLY="$REDOCLY_DIR/node_modules/.bin/redocly"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
echo "node $(node --version), redocly $("$PILOTREADINESS_REDOCLY" --version)"

# ---- dotnet test
echo "== dotnet test"
export PILOTREADINESS_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=app;Password=app"
export PLAYWRIGHT_CHROMIUM_EXECUTABLE=/usr/bin/chromium
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
test_rc=0
dotnet test PilotReadiness.sln -c Release --logger "trx" --results-directory "$RESULTS_DIR" --blame-hang-timeout 10m \
    "${test_args[@]}" || test_rc=$?

# ---- Summary: sum passed/failed from the <Counters .../> element of every TRX file
passed=0
failed=0
trx_count=0
while IFS= read -r -d '' trx; do
  trx_count=$((trx_count + 1))
  # Join lines so the element is found even if it spans several; take the first one.
  counters="$(tr '\n' ' ' < "$trx" | grep -o '<Counters [^>]*>' | head -n 1 || true)"
  # Leading space so that passedButRunAborted="..." is not taken for passed="...".
  p="$(printf '%s' "$counters" | sed -n 's/.*[[:space:]]passed="\([0-9]*\)".*/\1/p')"
  f="$(printf '%s' "$counters" | sed -n 's/.*[[:space:]]failed="\([0-9]*\)".*/\1/p')"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done < <(find "$RESULTS_DIR" -type f -name '*.trx' -print0)

# A test project that did not build or run leaves no TRX: count each as a failure, so the closing line never says
# "0 failed" about a run that did not run everything.
projects="$(grep -cE '"tests[\\/][^"]*Tests\.csproj"' PilotReadiness.sln || true)"
if [ "$trx_count" -lt "${projects:-0}" ]; then
  echo "$((projects - trx_count)) of $projects test projects produced no results (did not build or run): counted as failures" >&2
  failed=$((failed + projects - trx_count))
fi

status=0
if [ "$test_rc" -ne 0 ]; then echo "dotnet test exited with code $test_rc" >&2; status=1; fi
if [ "$trx_count" -eq 0 ]; then echo "no TRX file was produced in $RESULTS_DIR" >&2; status=1; fi
if [ "$failed" -gt 0 ]; then echo "$failed test(s) failed" >&2; status=1; fi
if [ "$passed" -eq 0 ]; then echo "no test passed" >&2; status=1; fi
echo "TRX files: $trx_count in $REPO_ROOT/$RESULTS_DIR"

summary_printed=1
echo "$passed passed, $failed failed"
exit "$status"
