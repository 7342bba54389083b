#!/usr/bin/env bash
# Soak test (docs/performance.md and docs/reliability.md, "Soak"): mixed load on one app instance for 5 minutes at
# 32 connections, after a warm-up of the same load: sponsors saving answers (PUT .../answers, bearer token, each on
# drafts of their own), reviewers on the dashboard (/portfolio under several views, sign-in cookie) and report
# downloads (GET .../report.pdf). Three wrk processes run side by side, one per kind, so each kind has its own
# p50/p95/p99; the app's resident memory (VmRSS) is sampled every 5 s. Passes when no request failed (no non-2xx, no
# socket error or timeout) and RSS at the end is less than 10% above RSS at the end of the warm-up.
#
# Usage: tests/benchmark/soak.sh [--duration 300] [--warmup 60] [--assessments 2000]
#                                [--savers 16] [--dashboard 12] [--reports 4]
#   --duration     seconds of measured load
#   --warmup       seconds of the same load before it (JIT, caches, pools; not measured)
#   --assessments  size of the synthetic portfolio the dashboard and the reports read
#   --savers / --dashboard / --reports   connections of each kind (32 in all by default)
# Environment: PGPORT, PGROOT (see tests/postgres.sh), BENCH_PORT (default 5192). Debian as root, .NET 10 SDK.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPO_ROOT="$(pwd)"
OUT_DIR="$REPO_ROOT/artifacts/benchmark"
PROJECT=src/PilotReadiness.Web

duration=300
warmup=60
assessments=2000
savers=16
dashboard=12
reports=4
port="${BENCH_PORT:-5192}"
password="bench-password-2026"
reviewer="reviewer01@synthetic.example.com"
sponsor="sponsor01@synthetic.example.com"

usage() { sed -n '9,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --duration)    [ $# -ge 2 ] || { usage; exit 2; }; duration="$2"; shift 2 ;;
    --warmup)      [ $# -ge 2 ] || { usage; exit 2; }; warmup="$2"; shift 2 ;;
    --assessments) [ $# -ge 2 ] || { usage; exit 2; }; assessments="$2"; shift 2 ;;
    --savers)      [ $# -ge 2 ] || { usage; exit 2; }; savers="$2"; shift 2 ;;
    --dashboard)   [ $# -ge 2 ] || { usage; exit 2; }; dashboard="$2"; shift 2 ;;
    --reports)     [ $# -ge 2 ] || { usage; exit 2; }; reports="$2"; shift 2 ;;
    -h|--help)     usage; exit 0 ;;
    *)             echo "unknown argument: $1" >&2; usage; exit 2 ;;
  esac
done

command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK ('dotnet') is required" >&2; exit 1; }
base="http://127.0.0.1:$port"
# shellcheck source=tests/benchmark/common.sh
source "$REPO_ROOT/tests/benchmark/common.sh"
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v curl >/dev/null 2>&1 || apt_install curl
command -v jq >/dev/null 2>&1 || apt_install jq

bench_build
sampler=""
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() { [ -z "$sampler" ] || kill "$sampler" 2>/dev/null || true; bench_stop_app; }
trap cleanup EXIT
db=pilotreadiness_soak
bench_fresh_db "$db"
bench_seed "$db" "$assessments"
bench_start_app "$OUT_DIR/app-soak.log"

# ---- Who does what
saver_token="$(bench_sign_in_bearer "$sponsor")"
reviewer_token="$(bench_sign_in_bearer "$reviewer")"
reviewer_cookie="$(bench_sign_in_cookie "$reviewer")"
echo "== Drafts for the savers, and the reports to download"
drafts=()
for i in $(seq 1 256); do   # many more than connections: no two saves of one draft at once
  drafts+=("$(curl -fsS "$base/api/assessments" -H "Authorization: Bearer $saver_token" -H 'Content-Type: application/json' \
    -d "{\"title\":\"Soak draft $i\",\"businessUnit\":\"Operations\",\"sponsor\":\"Soak\",\"description\":\"Saved over and over by the soak test.\"}" | jq -r .id)")
done
mapfile -t report_ids < <(curl -fsS -H "Authorization: Bearer $reviewer_token" "$base/api/portfolio?pageSize=100" | jq -r '.items[].id')
[ "${#report_ids[@]}" -gt 0 ] || { echo "error: the portfolio is empty" >&2; exit 1; }

# ---- One wrk Lua script per kind: the requests it cycles through, and p50/p95/p99 and errors when it is done.
lua_list() { printf '"%s",' "$@"; }
lua_done='
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("SOAK kind=%s requests=%d errors=%d non2xx=%d socket=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f rps=%.1f\n",
    kind, summary.requests, e.status + e.connect + e.read + e.write + e.timeout, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1000000)))
end'
cat > "$OUT_DIR/soak-save.lua" <<LUA
kind = "save"
local ids = { $(lua_list "${drafts[@]}") }
local i = 0
request = function()
  i = i + 1
  local body = '{"answers":{"involvement.daily-users":' .. (i % 5000 + 1) .. ',"commitment.rollout-date":"2027-0' .. (i % 9 + 1) .. '-15"}}'
  return wrk.format("PUT", "/api/assessments/" .. ids[i % #ids + 1] .. "/answers",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer $saver_token" }, body)
end
$lua_done
LUA
cat > "$OUT_DIR/soak-dashboard.lua" <<LUA
kind = "dashboard"
local views = { "/portfolio", "/portfolio?status=submitted", "/portfolio?verdict=go", "/portfolio?verdict=not-ready&sort=overall",
  "/portfolio?sort=title&dir=asc", "/portfolio?page=2", "/portfolio?gate=pilot-theatre", "/portfolio?q=assistant" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", views[i % #views + 1], { ["Cookie"] = "$reviewer_cookie" })
end
$lua_done
LUA
cat > "$OUT_DIR/soak-report.lua" <<LUA
kind = "report"
local ids = { $(lua_list "${report_ids[@]}") }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/assessments/" .. ids[i % #ids + 1] .. "/report.pdf", { ["Authorization"] = "Bearer $reviewer_token" })
end
$lua_done
LUA

# run_load SECONDS TAG: the three kinds side by side; each wrk's report in $OUT_DIR/soak-TAG-KIND.txt.
run_load() {
  local seconds="$1" tag="$2" kind connections pids=()
  for kind in save dashboard report; do
    case "$kind" in save) connections="$savers" ;; dashboard) connections="$dashboard" ;; report) connections="$reports" ;; esac
    [ "$connections" -gt 0 ] || continue
    wrk -t1 -c"$connections" -d"${seconds}s" --timeout 30s --latency -s "$OUT_DIR/soak-$kind.lua" "$base" > "$OUT_DIR/soak-$tag-$kind.txt" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}"
}
rss_mb() { awk '$1 == "VmRSS:" { printf "%.0f", $2 / 1024 }' "/proc/$app_pid/status"; }

echo "== Warm-up: ${warmup} s of the same load"
run_load "$warmup" warmup
rss_start="$(rss_mb)"
: > "$OUT_DIR/soak-rss.txt"
( while true; do echo "$(date +%s) $(rss_mb)" >> "$OUT_DIR/soak-rss.txt"; sleep 5; done ) &
sampler=$!
echo "== Soak: ${duration} s at $((savers + dashboard + reports)) connections ($savers saving, $dashboard on the dashboard, $reports downloading reports); RSS $rss_start MB"
run_load "$duration" soak
kill "$sampler" 2>/dev/null || true; sampler=""
rss_end="$(rss_mb)"
rss_max="$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$OUT_DIR/soak-rss.txt")"

# ---- The table
results="$OUT_DIR/soak-$(date -u +%Y%m%dT%H%M%SZ).txt"
failures=()
{
  echo
  echo "Soak: $(nproc) cores, PostgreSQL on the same machine, $assessments synthetic assessments, logging at Warning,"
  echo "${duration} s after ${warmup} s of warm-up, $((savers + dashboard + reports)) connections; $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  printf '| %-9s | %5s | %9s | %7s | %8s | %8s | %8s | %8s | %6s |\n' kind conns requests "req/s" "p50 ms" "p95 ms" "p99 ms" "max ms" errors
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "-----------" "------:" "----------:" "--------:" "---------:" "---------:" "---------:" "---------:" "-------:"
  for kind in save dashboard report; do
    line="$(grep '^SOAK ' "$OUT_DIR/soak-soak-$kind.txt" 2>/dev/null || true)"
    [ -n "$line" ] || continue
    get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$line"; }
    case "$kind" in save) c="$savers" ;; dashboard) c="$dashboard" ;; report) c="$reports" ;; esac
    printf '| %-9s | %5s | %9s | %7s | %8s | %8s | %8s | %8s | %6s |\n' "$kind" "$c" "$(get requests)" "$(get rps)" "$(get p50)" "$(get p95)" "$(get p99)" "$(get max)" "$(get errors)"
  done
  echo
  echo "RSS: $rss_start MB after the warm-up, $rss_end MB at the end ($(awk -v a="$rss_start" -v b="$rss_end" 'BEGIN { printf "%+.1f%%", 100 * (b - a) / a }')), at most $rss_max MB during the soak"
} | tee "$results"
echo "(saved to ${results#"$REPO_ROOT"/}; wrk reports and RSS samples in ${OUT_DIR#"$REPO_ROOT"/}/soak-*)"

for kind in save dashboard report; do
  line="$(grep '^SOAK ' "$OUT_DIR/soak-soak-$kind.txt" 2>/dev/null || true)"
  if [ -z "$line" ]; then failures+=("$kind: wrk gave no summary (see $OUT_DIR/soak-soak-$kind.txt)"); continue; fi
  errors="$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' <<< "$line")"
  [ "$errors" = 0 ] || failures+=("$kind: $errors requests failed")
done
awk -v a="$rss_start" -v b="$rss_end" 'BEGIN { exit !(b < 1.10 * a) }' || failures+=("RSS grew from $rss_start MB to $rss_end MB (10% or more)")
if [ ${#failures[@]} -eq 0 ]; then
  echo "soak: PASS"
else
  echo "soak: FAIL"; printf '  - %s\n' "${failures[@]}"; exit 1
fi
