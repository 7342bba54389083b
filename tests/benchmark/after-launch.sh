#!/usr/bin/env bash
# After-launch benchmark (docs/performance.md, section "After launch"). A fresh PostgreSQL database seeded with
# ASSESSMENTS synthetic assessments, every monitored live pilot among them given an ingestion key (`seed
# --ingestion-keys`; 60,000 give a little over 10,000); the app in Release on a real port with logging at Warning; then:
#   1. ingest: a year of daily figures (never before a pilot's go-live, up to yesterday) for PILOTS live pilots through
#      POST /api/live/{pilotId}/signals, BATCH days a request, CONNECTIONS pilots at once (tests/benchmark/ingest.cs);
#      prints signals and requests per second;
#   2. wrk at 16 connections against /healthz/ready (the floor), /portfolio and /api/portfolio/summary at that size.
#
# Usage: tests/benchmark/after-launch.sh [--assessments 60000] [--pilots 10000] [--batch 92] [--connections 16]
#                                        [--duration 15s] [--no-build]
#   --no-build  use the Release build already there (of the app and of ingest.cs)
# Environment: PGPORT, PGROOT (see tests/postgres.sh), BENCH_PORT (default 5192). Debian as root, .NET 10 SDK.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPO_ROOT="$(pwd)"
OUT_DIR="$REPO_ROOT/artifacts/benchmark"
PROJECT=src/PilotReadiness.Web

assessments=60000
pilots=10000
batch=92
connections=16
duration="15s"
build=1
port="${BENCH_PORT:-5192}"
password="bench-password-2026"
reviewer="reviewer01@synthetic.example.com"

usage() { sed -n '11,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --assessments) [ $# -ge 2 ] || { usage; exit 2; }; assessments="$2"; shift 2 ;;
    --pilots)      [ $# -ge 2 ] || { usage; exit 2; }; pilots="$2"; shift 2 ;;
    --batch)       [ $# -ge 2 ] || { usage; exit 2; }; batch="$2"; shift 2 ;;
    --connections) [ $# -ge 2 ] || { usage; exit 2; }; connections="$2"; shift 2 ;;
    --duration)    [ $# -ge 2 ] || { usage; exit 2; }; duration="$2"; shift 2 ;;
    --no-build)    build=0; shift ;;
    -h|--help)     usage; exit 0 ;;
    *)             echo "unknown argument: $1" >&2; usage; exit 2 ;;
  esac
done
for v in "$assessments" "$pilots" "$batch" "$connections"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "'$v' is not a positive whole number" >&2; exit 2; }
done

command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK ('dotnet') is required" >&2; exit 1; }
base="http://127.0.0.1:$port"
# shellcheck source=tests/benchmark/common.sh
source "$REPO_ROOT/tests/benchmark/common.sh"
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v curl >/dev/null 2>&1 || apt_install curl

if [ "$build" = 1 ]; then
  bench_build
  dotnet build "$REPO_ROOT/tests/benchmark/ingest.cs" -c Release -v quiet -nologo | tail -n 1
else
  # shellcheck source=tests/postgres.sh
  source "$REPO_ROOT/tests/postgres.sh"
  mkdir -p "$OUT_DIR"
fi
trap bench_stop_app EXIT

db="pilotreadiness_bench_live"
keys="$OUT_DIR/ingestion-keys.csv"
echo "== Seed: $assessments assessments, an ingestion key for every monitored live pilot"
bench_fresh_db "$db"
started=$(date +%s)
dotnet run --project "$PROJECT" -c Release --no-build --no-launch-profile -- seed --assessments "$assessments" \
  --password "$password" --ingestion-keys "$keys" | grep -v '^{' || { echo "error: seeding failed" >&2; exit 1; }
echo "seeded in $(( $(date +%s) - started )) s; $(wc -l < "$keys") live pilots with a key"
psql_pg -d "$db" -c 'ANALYZE'

RateLimits__SignalsPerMinute=100000000 bench_start_app "$OUT_DIR/app-after-launch.log"

echo "== Ingest: a year of daily figures for $pilots live pilots, $batch days a request, $connections at once"
ingest="$(dotnet run --no-build -c Release "$REPO_ROOT/tests/benchmark/ingest.cs" -- "$base" "$keys" "$pilots" 365 "$batch" "$connections")"
echo "$ingest"
psql_pg -d "$db" -c 'ANALYZE'
live_rows="$(psql_pg -d "$db" -c 'SELECT count(*) FROM "LivePilots"') live pilots, $(psql_pg -d "$db" -c 'SELECT count(*) FROM "LiveSignals"') days of figures"
echo "$live_rows"

echo "== Dashboard and summary at that size"
cookie="$(bench_sign_in_cookie)"
bearer="$(bench_sign_in_bearer)"
declare -A rps p99
endpoints=(/healthz/ready /portfolio /api/portfolio/summary)
for endpoint in "${endpoints[@]}"; do
  case "$endpoint" in
    /healthz*) header="X-Benchmark: floor" ;;
    /api/*)    header="Authorization: Bearer $bearer" ;;
    *)         header="Cookie: $cookie" ;;
  esac
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "$header" "$base$endpoint")"
  [ "$code" = 200 ] || { echo "error: $endpoint answers $code" >&2; exit 1; }
  wrk -t2 -c16 -d5s -H "$header" "$base$endpoint" >/dev/null
  out="$(wrk -t2 -c16 -d"$duration" --latency -H "$header" "$base$endpoint")"
  echo "$out" > "$OUT_DIR/wrk-after-launch-$(echo "$endpoint" | tr '/' '_').txt"
  rps[$endpoint]="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<< "$out")"
  p99[$endpoint]="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<< "$out")")"
done
bench_stop_app

results="$OUT_DIR/after-launch-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo
  echo "After-launch benchmark: $(nproc) cores, PostgreSQL on the same machine, logging at Warning; $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "$assessments assessments seeded; $live_rows after the ingest"
  echo "ingest: $ingest"
  echo
  printf '| %-24s | %9s | %9s | %8s |\n' "endpoint" "req/s" "p99 ms" "vs floor"
  printf '|%s|%s|%s|%s|\n' "--------------------------" "----------:" "----------:" "---------:"
  for endpoint in "${endpoints[@]}"; do
    printf '| %-24s | %9s | %9s | %8s |\n' "$endpoint" "${rps[$endpoint]}" "${p99[$endpoint]}" \
      "$(awk -v a="${rps[$endpoint]}" -v b="${rps[/healthz/ready]}" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
  done
} | tee "$results"
echo "(saved to ${results#"$REPO_ROOT"/})"
bench_drop_db "$db"
