#!/usr/bin/env bash
# Evidence memory benchmark (docs/performance.md, section "Evidence files"). A fresh PostgreSQL database, a fresh app
# process in Release on a real port with logging at Warning, a sponsor signed in; one small upload and download to warm
# the code up; then ROUNDS uploads of a 10 MB PDF to one draft, each downloaded back and compared byte for byte. Prints
# the app's resident memory before (VmRSS) and its peak (VmHWM), and the growth: an app that held one file whole would
# grow by at least 10 MB, so the target is a growth under one file.
#
# Usage: tests/benchmark/evidence-memory.sh [--rounds 5] [--check]
#   --check  exit 1 when the peak grew by 10 MB or more
# Environment: PGPORT, PGROOT (see tests/postgres.sh), BENCH_PORT (default 5193). Debian as root, .NET 10 SDK.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPO_ROOT="$(pwd)"
OUT_DIR="$REPO_ROOT/artifacts/benchmark"
PROJECT=src/PilotReadiness.Web

rounds=5
check=0
limit_mb=10
port="${BENCH_PORT:-5193}"
password="bench-password-2026"
reviewer="reviewer01@synthetic.example.com"
sponsor="sponsor01@synthetic.example.com"

usage() { sed -n '8,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) [ $# -ge 2 ] || { usage; exit 2; }; rounds="$2"; shift 2 ;;
    --check)  check=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *)        echo "unknown argument: $1" >&2; usage; exit 2 ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "--rounds: '$rounds' is not a positive whole number" >&2; exit 2; }

command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK ('dotnet') is required" >&2; exit 1; }
base="http://127.0.0.1:$port"
# shellcheck source=tests/benchmark/common.sh
source "$REPO_ROOT/tests/benchmark/common.sh"
command -v curl >/dev/null 2>&1 || apt_install curl

bench_build
work="$(mktemp -d)"
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() { bench_stop_app; rm -rf "$work"; }
trap cleanup EXIT

proc_mb() { awk -v k="$2:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# A PDF of exactly N bytes: a signature, then filler.
make_pdf() { { printf '%%PDF-1.4\n'; head -c "$(( $1 - 9 ))" /dev/urandom; } > "$2"; }
make_pdf 10485760 "$work/big.pdf"
make_pdf 102400 "$work/small.pdf"

db="pilotreadiness_evidencebench"
bench_fresh_db "$db"
bench_seed "$db" 10
bench_start_app "$OUT_DIR/app-evidence.log"
token="$(bench_sign_in_bearer "$sponsor")"
auth=(-H "Authorization: Bearer $token")
id="$(curl -fs "${auth[@]}" -H 'Content-Type: application/json' "$base/api/assessments" \
  -d '{"title":"Evidence benchmark","businessUnit":"Finance","sponsor":"Bench","description":""}' \
  | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')"
[ -n "$id" ] || { echo "error: could not start an assessment" >&2; exit 1; }

# upload FILE: adds FILE as evidence and prints its download address.
upload() {
  local file
  file="$(curl -fs "${auth[@]}" -F questionKey=after-demo.production-owner -F "file=@$1;type=application/octet-stream" \
    "$base/api/assessments/$id/evidence" | sed -n 's/.*"file":"\([^"]*\)".*/\1/p')"
  [ -n "$file" ] || { echo "error: uploading $1 failed; see $OUT_DIR/app-evidence.log" >&2; exit 1; }
  echo "$file"
}

# The code paths warmed up (JIT, connection pool), then the baseline.
curl -fs -o /dev/null "${auth[@]}" "$base$(upload "$work/small.pdf")"
before="$(proc_mb "$app_pid" VmRSS)"
started=$(date +%s.%N)
for i in $(seq 1 "$rounds"); do
  file="$(upload "$work/big.pdf")"
  curl -fs -o "$work/back.pdf" "${auth[@]}" "$base$file"
  cmp -s "$work/big.pdf" "$work/back.pdf" || { echo "error: round $i: the file downloaded is not the file uploaded" >&2; exit 1; }
  echo "  round $i: 10 MB up and down, peak so far $(proc_mb "$app_pid" VmHWM) MB"
done
seconds="$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')"
peak="$(proc_mb "$app_pid" VmHWM)"
growth="$(awk -v p="$peak" -v b="$before" 'BEGIN { printf "%.1f", p - b }')"
verdict="$(awk -v g="$growth" -v l="$limit_mb" 'BEGIN { print (g < l) ? "PASS" : "FAIL" }')"
results="$OUT_DIR/evidence-memory-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo
  echo "Evidence memory benchmark: $(nproc) cores, PostgreSQL on the same machine, logging at Warning; $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "$rounds uploads of a 10 MB PDF, each downloaded back and compared, in $seconds s"
  echo "RSS before: $before MB; peak: $peak MB; growth: $growth MB (target: under $limit_mb MB, one file): $verdict"
} | tee "$results"
echo "(saved to ${results#"$REPO_ROOT"/})"
bench_stop_app
bench_drop_db "$db"
if [ "$check" = 1 ] && [ "$verdict" != PASS ]; then
  echo "target missed: the peak grew by $growth MB" >&2
  exit 1
fi
