#!/usr/bin/env bash
# Portfolio benchmark (docs/performance.md, section "Portfolio"). For each portfolio size: a fresh PostgreSQL
# database, seeded with the seed command; the app in Release on a real port with logging at Warning; a reviewer
# signed in; then wrk at 16 connections against each endpoint, /healthz/ready (one database round trip) first as
# the floor. Prints requests/s, p99 and the ratio to the floor per size and endpoint, and how the time per request
# grows from the smallest size to the largest.
#
# Usage: tests/benchmark/portfolio.sh [--sizes 1000,10000,100000] [--endpoints "/healthz/ready /portfolio ..."]
#                                     [--duration 15s] [--connections 16] [--threads 2] [--check]
#   --check  exit 1 when a target of docs/performance.md is missed (needs sizes 10000 and, for the growth
#            target, 1000 and 100000, and the endpoints /portfolio and /api/portfolio/summary).
# Environment: PGPORT, PGROOT (see tests/postgres.sh), BENCH_PORT (default 5190). Debian as root, .NET 10 SDK.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPO_ROOT="$(pwd)"
OUT_DIR="$REPO_ROOT/artifacts/benchmark"
PROJECT=src/PilotReadiness.Web

sizes="1000,10000,100000"
# The floor comes first. The assessment list stands in until the portfolio endpoints exist; an endpoint that
# answers 404 is skipped with a warning.
endpoints="/healthz/ready /portfolio /api/portfolio /api/portfolio/summary /assessments /api/assessments"
duration="15s"
connections=16
threads=2
check=0
port="${BENCH_PORT:-5190}"
password="bench-password-2026"
reviewer="reviewer01@synthetic.example.com"

usage() { sed -n '9,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes)       [ $# -ge 2 ] || { usage; exit 2; }; sizes="$2"; shift 2 ;;
    --endpoints)   [ $# -ge 2 ] || { usage; exit 2; }; endpoints="$2"; shift 2 ;;
    --duration)    [ $# -ge 2 ] || { usage; exit 2; }; duration="$2"; shift 2 ;;
    --connections) [ $# -ge 2 ] || { usage; exit 2; }; connections="$2"; shift 2 ;;
    --threads)     [ $# -ge 2 ] || { usage; exit 2; }; threads="$2"; shift 2 ;;
    --check)       check=1; shift ;;
    -h|--help)     usage; exit 0 ;;
    *)             echo "unknown argument: $1" >&2; usage; exit 2 ;;
  esac
done
IFS=',' read -r -a size_list <<< "$sizes"
read -r -a endpoint_list <<< "$endpoints"
for n in "${size_list[@]}"; do
  if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then echo "--sizes: '$n' is not a positive whole number" >&2; exit 2; fi
done
floor="${endpoint_list[0]}"

command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK ('dotnet') is required" >&2; exit 1; }
base="http://127.0.0.1:$port"
# shellcheck source=tests/benchmark/common.sh
source "$REPO_ROOT/tests/benchmark/common.sh"
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v curl >/dev/null 2>&1 || apt_install curl

bench_build
trap bench_stop_app EXIT


declare -A rps p99
results="$OUT_DIR/portfolio-$(date -u +%Y%m%dT%H%M%SZ).txt"

for n in "${size_list[@]}"; do
  db="pilotreadiness_bench_$n"
  echo "== $n assessments"
  bench_fresh_db "$db"
  bench_seed "$db" "$n"
  bench_start_app "$OUT_DIR/app-$n.log"

  # Signed in twice: the sign-in page's cookie for pages, a bearer token for the API.
  cookie="$(bench_sign_in_cookie)"
  bearer="$(bench_sign_in_bearer)"

  for endpoint in "${endpoint_list[@]}"; do
    case "$endpoint" in
      /healthz*) header="X-Benchmark: floor" ;;
      /api/*)    header="Authorization: Bearer $bearer" ;;
      *)         header="Cookie: $cookie" ;;
    esac
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "$header" "$base$endpoint")"
    if [ "$code" = 404 ]; then
      echo "warning: $endpoint answers 404; skipped" >&2
      continue
    elif [ "$code" != 200 ]; then
      echo "warning: $endpoint answers $code, not 200; skipped" >&2
      continue
    fi
    wrk -t"$threads" -c"$connections" -d5s -H "$header" "$base$endpoint" >/dev/null   # warm-up
    out="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "$header" "$base$endpoint")"
    echo "$out" > "$OUT_DIR/wrk-$n-$(echo "$endpoint" | tr '/' '_').txt"
    if grep -q 'Non-2xx' <<< "$out"; then
      echo "warning: $endpoint: $(grep 'Non-2xx' <<< "$out" | xargs)" >&2
    fi
    rps[$n,$endpoint]="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<< "$out")"
    p99[$n,$endpoint]="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<< "$out")")"
    printf '  %-24s %8s req/s  p99 %8s ms\n' "$endpoint" "${rps[$n,$endpoint]}" "${p99[$n,$endpoint]}"
  done
  bench_stop_app
  bench_drop_db "$db"
done

# ---- The table
{
  echo
  echo "Portfolio benchmark: $(nproc) cores, PostgreSQL on the same machine, logging at Warning,"
  echo "wrk -t$threads -c$connections -d$duration; $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  printf '| %9s | %-24s | %9s | %9s | %8s |\n' "N" "endpoint" "req/s" "p99 ms" "vs floor"
  printf '|%s|%s|%s|%s|%s|\n' "----------:" "--------------------------" "----------:" "----------:" "---------:"
  for n in "${size_list[@]}"; do
    for endpoint in "${endpoint_list[@]}"; do
      [ -n "${rps[$n,$endpoint]:-}" ] || continue
      ratio="-"
      [ -n "${rps[$n,$floor]:-}" ] && ratio="$(awk -v a="${rps[$n,$endpoint]}" -v b="${rps[$n,$floor]}" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
      printf '| %9s | %-24s | %9s | %9s | %8s |\n' "$n" "$endpoint" "${rps[$n,$endpoint]}" "${p99[$n,$endpoint]}" "$ratio"
    done
  done
  first="${size_list[0]}"; last="${size_list[${#size_list[@]}-1]}"
  if [ "$first" != "$last" ]; then
    echo
    echo "Time per request at $last assessments, as a multiple of that at $first:"
    for endpoint in "${endpoint_list[@]}"; do
      if [ -z "${rps[$first,$endpoint]:-}" ] || [ -z "${rps[$last,$endpoint]:-}" ]; then continue; fi
      printf '  %-24s %sx\n' "$endpoint" "$(awk -v a="${rps[$first,$endpoint]}" -v b="${rps[$last,$endpoint]}" 'BEGIN { printf "%.2f", a / b }')"
    done
  fi
} | tee "$results"
echo "(saved to ${results#"$REPO_ROOT"/})"

# ---- The targets
if [ "$check" = 1 ]; then
  failures=0
  miss() { echo "target missed: $*" >&2; failures=$((failures + 1)); }
  for endpoint in /portfolio /api/portfolio/summary; do
    if [ -z "${rps[10000,$endpoint]:-}" ] || [ -z "${rps[10000,$floor]:-}" ]; then
      miss "$endpoint at 10000 assessments was not measured"
      continue
    fi
    awk -v a="${rps[10000,$endpoint]}" -v b="${rps[10000,$floor]}" 'BEGIN { exit !(a >= 0.4 * b) }' \
      || miss "$endpoint at 10000: ${rps[10000,$endpoint]} req/s is under 40% of the floor's ${rps[10000,$floor]}"
    awk -v p="${p99[10000,$endpoint]}" 'BEGIN { exit !(p < 100) }' \
      || miss "$endpoint at 10000: p99 ${p99[10000,$endpoint]} ms is not under 100 ms"
  done
  if [ -z "${rps[1000,/portfolio]:-}" ] || [ -z "${rps[100000,/portfolio]:-}" ]; then
    miss "/portfolio was not measured at both 1000 and 100000 assessments"
  else
    awk -v a="${rps[1000,/portfolio]}" -v b="${rps[100000,/portfolio]}" 'BEGIN { exit !(a / b <= 1.5) }' \
      || miss "/portfolio: time per request at 100000 is more than 1.5x that at 1000"
  fi
  [ "$failures" = 0 ] || exit 1
  echo "All targets met."
fi
