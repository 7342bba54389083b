#!/usr/bin/env bash
# Reports ZIP benchmark (docs/performance.md, section "Reports ZIP"). For each portfolio size: a fresh PostgreSQL
# database, seeded with the seed command; a fresh app process in Release on a real port with logging at Warning;
# a reviewer signed in; then one download of GET /api/portfolio/reports.zip. Prints the reports, bytes, time and
# the app process's peak resident memory (VmHWM) per size, and how much the peak grows from the smallest size to
# the largest, against the 100 MB target. Each ZIP is checked (it opens, and holds X-Report-Count PDFs).
#
# Usage: tests/benchmark/reports-zip.sh [--sizes 10,1000] [--paper a4|letter] [--check]
#   --sizes  assessments to seed per run (re-assessments count; the ZIP holds current versions only)
#   --check  exit 1 when the peak at the largest size is more than 100 MB above the peak at the smallest
# Environment: PGPORT, PGROOT (see tests/postgres.sh), BENCH_PORT (default 5191). Debian as root, .NET 10 SDK.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPO_ROOT="$(pwd)"
OUT_DIR="$REPO_ROOT/artifacts/benchmark"
PROJECT=src/PilotReadiness.Web

sizes="10,1000"
paper="a4"
check=0
limit_mb=100
port="${BENCH_PORT:-5191}"
password="bench-password-2026"
reviewer="reviewer01@synthetic.example.com"

usage() { sed -n '8,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes)  [ $# -ge 2 ] || { usage; exit 2; }; sizes="$2"; shift 2 ;;
    --paper)  [ $# -ge 2 ] || { usage; exit 2; }; paper="$2"; shift 2 ;;
    --check)  check=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *)        echo "unknown argument: $1" >&2; usage; exit 2 ;;
  esac
done
IFS=',' read -r -a size_list <<< "$sizes"
for n in "${size_list[@]}"; do
  if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then echo "--sizes: '$n' is not a positive whole number" >&2; exit 2; fi
done

command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK ('dotnet') is required" >&2; exit 1; }
base="http://127.0.0.1:$port"
# shellcheck source=tests/benchmark/common.sh
source "$REPO_ROOT/tests/benchmark/common.sh"
command -v curl >/dev/null 2>&1 || apt_install curl
command -v python3 >/dev/null 2>&1 || apt_install python3

bench_build
zip_file=""
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() { bench_stop_app; [ -z "$zip_file" ] || rm -f "$zip_file"; }
trap cleanup EXIT

# A field of /proc/PID/status (VmRSS, VmHWM) in MB.
proc_mb() { awk -v k="$2:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

declare -A reports bytes seconds peak baseline
results="$OUT_DIR/reports-zip-$(date -u +%Y%m%dT%H%M%SZ).txt"

for n in "${size_list[@]}"; do
  db="pilotreadiness_zipbench_$n"
  echo "== $n assessments"
  bench_fresh_db "$db"
  bench_seed "$db" "$n"
  bench_start_app "$OUT_DIR/app-zip-$n.log"
  cookie="$(bench_sign_in_cookie)"

  # The app as it is after start-up and one signed-in request, before the download.
  curl -fs -o /dev/null -H "Cookie: $cookie" "$base/api/portfolio/summary"
  baseline[$n]="$(proc_mb "$app_pid" VmRSS)"

  zip_file="$(mktemp --suffix=.zip)"
  headers="$(mktemp)"
  out="$(curl -s -o "$zip_file" -D "$headers" -H "Cookie: $cookie" \
    -w '%{http_code} %{size_download} %{time_total}' "$base/api/portfolio/reports.zip?paper=$paper")"
  read -r code size total <<< "$out"
  peak[$n]="$(proc_mb "$app_pid" VmHWM)"
  count="$(awk 'tolower($1) == "x-report-count:" { print $2 + 0 }' "$headers")"
  rm -f "$headers"
  if [ "$code" != 200 ] || [ -z "$count" ]; then
    echo "error: GET /api/portfolio/reports.zip answered $code (X-Report-Count '${count:-none}'); see $OUT_DIR/app-zip-$n.log" >&2
    exit 1
  fi
  # The archive must open, pass its CRC checks and hold one PDF per report.
  python3 - "$zip_file" "$count" <<'PY' || { echo "error: the ZIP of $n assessments is not right" >&2; exit 1; }
import sys, zipfile
path, expected = sys.argv[1], int(sys.argv[2])
with zipfile.ZipFile(path) as z:
    bad = z.testzip()
    names = z.namelist()
    if bad is not None:
        sys.exit(f"entry {bad} is corrupt")
    pdfs = [name for name in names if name.endswith(".pdf")]
    if len(names) != expected or len(pdfs) != expected:
        sys.exit(f"{len(names)} entries ({len(pdfs)} PDFs), X-Report-Count says {expected}")
    if len(set(names)) != len(names):
        sys.exit("two entries share a name")
    with z.open(pdfs[0]) as first:
        if first.read(5) != b"%PDF-":
            sys.exit(f"{pdfs[0]} is not a PDF")
PY
  rm -f "$zip_file"; zip_file=""
  reports[$n]="$count"; bytes[$n]="$size"; seconds[$n]="$(awk -v t="$total" 'BEGIN { printf "%.1f", t }')"
  printf '  %s reports, %s bytes in %s s; RSS %s MB before, peak %s MB\n' \
    "$count" "$size" "${seconds[$n]}" "${baseline[$n]}" "${peak[$n]}"
  bench_stop_app
  bench_drop_db "$db"
done

# ---- The table
first="${size_list[0]}"; last="${size_list[${#size_list[@]}-1]}"
growth="$(awk -v a="${peak[$last]}" -v b="${peak[$first]}" 'BEGIN { printf "%.1f", a - b }')"
verdict="$(awk -v g="$growth" -v l="$limit_mb" 'BEGIN { print (g <= l) ? "PASS" : "FAIL" }')"
{
  echo
  echo "Reports ZIP benchmark: $(nproc) cores, PostgreSQL on the same machine, logging at Warning, paper=$paper,"
  echo "one download per fresh app process; $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  printf '| %9s | %8s | %13s | %8s | %9s | %12s | %16s |\n' "N" "reports" "bytes" "seconds" "reports/s" "peak RSS MB" "baseline RSS MB"
  printf '|%s|%s|%s|%s|%s|%s|%s|\n' "----------:" "---------:" "--------------:" "---------:" "----------:" "-------------:" "-----------------:"
  for n in "${size_list[@]}"; do
    rate="$(awk -v r="${reports[$n]}" -v s="${seconds[$n]}" 'BEGIN { printf "%.1f", (s > 0) ? r / s : 0 }')"
    printf '| %9s | %8s | %13s | %8s | %9s | %12s | %16s |\n' "$n" "${reports[$n]}" "${bytes[$n]}" "${seconds[$n]}" "$rate" "${peak[$n]}" "${baseline[$n]}"
  done
  echo
  echo "Peak RSS at $last assessments minus that at $first: $growth MB (target: at most $limit_mb MB): $verdict"
} | tee "$results"
echo "(saved to ${results#"$REPO_ROOT"/})"

if [ "$check" = 1 ] && [ "$first" = "$last" ]; then
  echo "target not measured: --check needs at least two sizes (10 and 1000)" >&2
  exit 1
elif [ "$check" = 1 ] && [ "$verdict" != PASS ]; then
  echo "target missed: the peak grew by $growth MB, more than $limit_mb MB" >&2
  exit 1
fi
