#!/usr/bin/env bash
# Database outage test (docs/reliability.md, "Database outage"): under a write load and a reader of a page,
# PostgreSQL is stopped (by default as a crash: pg_ctl -m immediate) for 20 seconds and started again; the app is not
# touched. Passes when: while the database is down every answer is 503 (with Retry-After, pages and API) and the
# readiness check says unhealthy; no request from the stop on waits longer than --max-wait; the first 2xx comes
# within 5 s of the database's return; no answer is a 500; every acknowledged write is in the database and its audit
# trail.
#
# Usage: tests/reliability/outage.sh [--down 20] [--mode immediate|fast] [--writers 4] [--max-wait 6]
#   --down      seconds PostgreSQL stays stopped
#   --mode      pg_ctl stop mode: immediate (a crash; recovery at start) or fast (a clean shutdown)
#   --writers   concurrent writers, each on an assessment of its own
#   --max-wait  the longest any request may take, in seconds (the app gives up connecting after 5)
# Environment: PGPORT (default 5435), PGROOT (default /tmp/pilotreadiness-pg-durable): a PostgreSQL cluster of its own
# with the durable defaults (it is stopped and started; never the one the tests share); RELIABILITY_PORT (default
# 5195). Debian as root, .NET 10 SDK.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPO_ROOT="$(pwd)"
down=20
mode=immediate
writers=4
max_wait=6
usage() { sed -n '9,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --down)     [ $# -ge 2 ] || { usage; exit 2; }; down="$2"; shift 2 ;;
    --mode)     [ $# -ge 2 ] || { usage; exit 2; }; mode="$2"; shift 2 ;;
    --writers)  [ $# -ge 2 ] || { usage; exit 2; }; writers="$2"; shift 2 ;;
    --max-wait) [ $# -ge 2 ] || { usage; exit 2; }; max_wait="$2"; shift 2 ;;
    -h|--help)  usage; exit 0 ;;
    *)          echo "unknown argument: $1" >&2; usage; exit 2 ;;
  esac
done
case "$mode" in immediate|fast) ;; *) echo "--mode: immediate or fast" >&2; exit 2 ;; esac

export PGPORT="${PGPORT:-5435}" PGROOT="${PGROOT:-/tmp/pilotreadiness-pg-durable}" PG_DURABLE=1
if [ "$PGPORT" = 5433 ]; then echo "error: PGPORT 5433 is the cluster the tests share; this script stops its cluster" >&2; exit 2; fi
# shellcheck source=tests/reliability/common.sh
source "$REPO_ROOT/tests/reliability/common.sh"
port="${RELIABILITY_PORT:-5195}"
url="http://127.0.0.1:$port"
db=pilotreadiness_outage
loops=()
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  touch "$OUT_DIR/stop-writers"
  local pid; for pid in "${loops[@]}"; do wait "$pid" 2>/dev/null || true; done
  rel_stop_all
  pg_start   # never leave the cluster stopped
}
trap cleanup EXIT

rel_prepare "$db"
rel_start outage "$port"
base="$url"
token="$(bench_sign_in_bearer "$sponsor")"
cookie="$(bench_sign_in_cookie "$sponsor")"

# probe NAME URL [curl args]: GETs URL in a loop until the stop file appears; logs "start_ms end_ms - code seconds".
probe() {
  local name="$1" target="$2"; shift 2
  local log="$OUT_DIR/$name.log" start result
  : > "$log"
  while [ ! -e "$OUT_DIR/stop-writers" ]; do
    start="$(date +%s%3N)"
    result="$(curl -s -o /dev/null --max-time 60 -w '%{http_code} %{time_total}' "$@" "$target" || true)"
    echo "$start $(date +%s%3N) - $result" >> "$log"
    sleep 0.05
  done
}

rel_writers_start "$url" "$token" "$writers"
probe page "$url/assessments" -H "Cookie: $cookie" & loops+=($!)
probe ready "$url/healthz/ready" & loops+=($!)
echo "== $writers writers and a reader of /assessments; PostgreSQL stops ($mode) for $down s after 10 s"
sleep 10

t_down="$(date +%s%3N)"
pg_stop "$mode"
echo "  PostgreSQL stopped"
sleep $(( down / 2 ))
# One look at the whole answers in the middle of the outage: status, Retry-After, the page and the problem.
looked="$(date +%s%3N)"
page_answer="$(curl -s -i --max-time 60 -H "Cookie: $cookie" "$url/assessments" | tr -d '\r')"
api_answer="$(curl -s -i --max-time 60 -H "Authorization: Bearer $token" "$url/api/assessments" | tr -d '\r')"
looked="$(( $(date +%s%3N) - looked ))"
sleep $(( down - down / 2 ))
t_start="$(date +%s%3N)"
pg_start
t_up="$(date +%s%3N)"
echo "  PostgreSQL started again $(( (t_start - t_down) / 1000 )) s after it stopped; it took $(( t_up - t_start )) ms to accept connections (crash recovery)"
sleep 15
touch "$OUT_DIR/stop-writers"
for pid in "${loops[@]}"; do wait "$pid" 2>/dev/null || true; done
loops=()
rel_writers_stop

echo "== Answers while the database was down ($(( (t_up - t_down) / 1000 )) s) and after"
failures=()
all="$(cat "$OUT_DIR"/writer-*.log "$OUT_DIR/page.log")"
# Requests that started after the stop had taken effect (1 s) and ended before the start.
during="$(awk -v a="$t_down" -v b="$t_up" '$1 >= a + 1000 && $2 <= b { print $4 }' <<< "$all" | sort | uniq -c | xargs)"
echo "  writers and reader while down: ${during:-nothing} (count status)"
wrong_during="$(awk -v a="$t_down" -v b="$t_up" '$1 >= a + 1000 && $2 <= b && $4 != 503 { n++ } END { print n + 0 }' <<< "$all")"
total_during="$(awk -v a="$t_down" -v b="$t_up" '$1 >= a + 1000 && $2 <= b { n++ } END { print n + 0 }' <<< "$all")"
[ "$total_during" -gt 0 ] || failures+=("no request was made while the database was down")
[ "$wrong_during" = 0 ] || failures+=("$wrong_during answers while the database was down were not 503")
ready_during="$(awk -v a="$t_down" -v b="$t_up" '$1 >= a + 1000 && $2 <= b { print $4 }' "$OUT_DIR/ready.log" | sort | uniq -c | xargs)"
echo "  /healthz/ready while down: ${ready_during:-nothing} (count status)"
[ "$(awk -v a="$t_down" -v b="$t_up" '$1 >= a + 1000 && $2 <= b && $4 != 503 { n++ } END { print n + 0 }' "$OUT_DIR/ready.log")" = 0 ] \
  || failures+=("/healthz/ready did not say 503 (unhealthy) throughout the outage")
other="$(awk '$4 != 200 && $4 != 503 { print $4 }' <<< "$all" | sort | uniq -c | xargs)"
echo "  answers other than 200 or 503, whole run: ${other:-none}"
[ -z "$other" ] || failures+=("answers other than 200 and 503: $other")
# Requests still open when the database went away, made while it was away, and after (the first ones, before it,
# only warm the app up).
slowest="$(cat "$OUT_DIR"/writer-*.log "$OUT_DIR/page.log" "$OUT_DIR/ready.log" \
  | awk -v a="$t_down" 'BEGIN { m = 0 } $2 >= a && $5 > m { m = $5 } END { printf "%.3f", m }')"
echo "  slowest request from the stop on: $slowest s (limit $max_wait s)"
awk -v s="$slowest" -v m="$max_wait" 'BEGIN { exit !(s <= m) }' || failures+=("a request took $slowest s (a hang; limit $max_wait s)")
back="$(awk -v b="$t_up" '$1 >= b && $4 == 200 { print $2 - b }' <<< "$all" | sort -n | head -n 1)"
echo "  first 2xx after the database's return: ${back:-never} ms"
if [ -z "$back" ] || [ "$back" -gt 5000 ]; then failures+=("no 2xx within 5 s of the database's return (${back:-never} ms)"); fi
page_status="$(head -n 1 <<< "$page_answer")"; api_status="$(head -n 1 <<< "$api_answer")"
echo "  the two mid-outage requests below took $looked ms together"
echo "  mid-outage page: $page_status, $(grep -i '^retry-after:' <<< "$page_answer" || echo 'no Retry-After'), $(grep -o '<h1>[^<]*</h1>' <<< "$page_answer" || echo 'no heading')"
echo "  mid-outage API:  $api_status, $(grep -i '^retry-after:' <<< "$api_answer" || echo 'no Retry-After'), $(tail -n 1 <<< "$api_answer" | jq -r .title 2>/dev/null || echo 'no problem body')"
grep -q ' 503' <<< "$page_status" && grep -qi '^retry-after: [0-9]' <<< "$page_answer" && grep -q 'Back in a moment' <<< "$page_answer" \
  || failures+=("the page during the outage was not the 503 'back in a moment' page with Retry-After")
grep -q ' 503' <<< "$api_status" && grep -qi '^retry-after: [0-9]' <<< "$api_answer" && grep -qi '^content-type: application/problem+json' <<< "$api_answer" \
  || failures+=("the API during the outage was not a 503 problem with Retry-After")

echo "== Every acknowledged write, against the database and its audit trail"
rel_check_writes "$db" "$url" "$token" || failures+=("an acknowledged write is missing, or the trail holds a value never sent")
rel_verdict "outage (PostgreSQL stopped $down s, $mode, under load)" "${failures[@]}"
