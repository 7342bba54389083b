#!/usr/bin/env bash
# Crash test (docs/reliability.md, "Crash"): the app is killed with SIGKILL (kill -9) under a write load, several
# times, and restarted; afterwards every write it acknowledged (HTTP 200) must be in the database: in the audit trail
# of its assessment, with the saved answer at least the last acknowledged value, and nothing in the trail that was
# never sent. Prints a verdict and exits 1 on any loss.
#
# Usage: tests/reliability/crash.sh [--rounds 3] [--seconds 10] [--writers 4]
#   --rounds   how many times the app is killed and restarted
#   --seconds  seconds of write load before each kill (and after the last restart)
#   --writers  concurrent writers, each on an assessment of its own
# Environment: PGPORT (default 5435), PGROOT (default /tmp/pilotreadiness-pg-durable): a PostgreSQL cluster of its own
# with the durable defaults (fsync on); RELIABILITY_PORT (default 5195). Debian as root, .NET 10 SDK.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPO_ROOT="$(pwd)"
rounds=3
seconds=10
writers=4
usage() { sed -n '7,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds)  [ $# -ge 2 ] || { usage; exit 2; }; rounds="$2"; shift 2 ;;
    --seconds) [ $# -ge 2 ] || { usage; exit 2; }; seconds="$2"; shift 2 ;;
    --writers) [ $# -ge 2 ] || { usage; exit 2; }; writers="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *)         echo "unknown argument: $1" >&2; usage; exit 2 ;;
  esac
done

export PGPORT="${PGPORT:-5435}" PGROOT="${PGROOT:-/tmp/pilotreadiness-pg-durable}" PG_DURABLE=1
# shellcheck source=tests/reliability/common.sh
source "$REPO_ROOT/tests/reliability/common.sh"
trap rel_stop_all EXIT
port="${RELIABILITY_PORT:-5195}"
url="http://127.0.0.1:$port"
db=pilotreadiness_crash

rel_prepare "$db"
rel_start crash "$port"
base="$url"
token="$(bench_sign_in_bearer "$sponsor")"
rel_writers_start "$url" "$token" "$writers"
echo "== $writers writers saving answers; the app is killed with SIGKILL $rounds times"

restarts=()
for round in $(seq 1 "$rounds"); do
  sleep "$seconds"
  pid="${rel_pids[crash]}"
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null || true
  unset "rel_pids[crash]"
  killed_at="$(date +%s%3N)"
  rel_start crash "$port"
  restarts+=("$(( $(date +%s%3N) - killed_at ))")
  echo "  round $round: killed pid $pid, a new instance was ready after ${restarts[-1]} ms"
done
sleep "$seconds"
rel_writers_stop

echo "== Every acknowledged write, against the database and its audit trail"
failures=()
rel_check_writes "$db" "$url" "$token" || failures+=("an acknowledged write is missing, or the trail holds a value never sent")
errors="$(cat "$OUT_DIR"/writer-*.log | awk '$4 != 200 && $4 != "000" { n++ } END { print n + 0 }')"
refused="$(cat "$OUT_DIR"/writer-*.log | awk '$4 == "000" { n++ } END { print n + 0 }')"
echo "  answers other than 200: $errors with an HTTP status, $refused with none (the app was down or killed mid-request)"
[ "$errors" = 0 ] || failures+=("$errors answers were an HTTP error (expected only 200, or no answer while the app was down)")
echo "Crash: $rounds kills under load, $rel_acknowledged acknowledged writes, restarts ready in ${restarts[*]} ms"
rel_verdict "crash (kill -9 under write load)" "${failures[@]}"
