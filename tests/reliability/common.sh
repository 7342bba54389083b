#!/usr/bin/env bash
# Shared by the reliability scripts (crash.sh, outage.sh, two-instances.sh, sqlmap.sh); sourced, never run. The
# sourcing script has changed to the repository root and set REPO_ROOT. Builds on tests/benchmark/common.sh (build,
# fresh database, seed, start and sign in) and adds: several app instances at once, a write load of curl loops with a
# log of every answer, and the check that every acknowledged write is in the database and its audit trail.
# Defines rel_prepare, rel_start, rel_kill, rel_stop_all (run it from the EXIT trap), rel_writers_start,
# rel_writers_stop, rel_check_writes, rel_verdict; sets OUT_DIR, PROJECT, password, reviewer, sponsor.
# shellcheck disable=SC2154  # REPO_ROOT comes from the sourcing script

OUT_DIR="$REPO_ROOT/artifacts/reliability"
PROJECT=src/PilotReadiness.Web
password="reliability-password-2026"
reviewer="reviewer01@synthetic.example.com"
sponsor="sponsor01@synthetic.example.com"
# shellcheck source=tests/benchmark/common.sh
source "$REPO_ROOT/tests/benchmark/common.sh"
command -v curl >/dev/null 2>&1 || apt_install curl
command -v jq >/dev/null 2>&1 || apt_install jq

# rel_prepare DB: PostgreSQL up (tests/postgres.sh, with PGPORT/PGROOT/PG_DURABLE as set), the app built, a fresh
# database DB with the synthetic accounts (a small synthetic portfolio) and the app's settings exported.
rel_prepare() {
  local db="$1"
  bench_build
  rm -f "$OUT_DIR"/writer-*.log "$OUT_DIR/stop-writers"
  bench_fresh_db "$db"
  bench_seed "$db" 24 >/dev/null
}

# rel_start NAME PORT: an app instance on 127.0.0.1:PORT, its output in $OUT_DIR/app-NAME.log (so give each script's
# instances names of their own: two scripts at once must not share a log); returns once it is ready. Its pid is in rel_pids[NAME]. Environment variables set by the caller reach it.
declare -A rel_pids=()
rel_start() {
  local name="$1" port="$2" saved_base="${base:-}"
  base="http://127.0.0.1:$port"
  bench_start_app "$OUT_DIR/app-$name.log"
  rel_pids[$name]="$app_pid"
  app_pid=""
  base="$saved_base"
}

# rel_kill NAME [SIGNAL]: stops instance NAME (SIGTERM unless told, e.g. KILL) and waits for it to go.
rel_kill() {
  local pid="${rel_pids[$1]:-}"
  [ -n "$pid" ] || return 0
  kill "-${2:-TERM}" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "rel_pids[$1]"
}

# shellcheck disable=SC2317  # called by the EXIT trap
rel_stop_all() {
  rel_writers_stop
  local name
  for name in "${!rel_pids[@]}"; do rel_kill "$name"; done
}

# ---- Write load: N curl loops, each saving an ever larger number (1, 2, 3 ...) as the answer to
# involvement.daily-users of an assessment of its own, one request at a time. Every answer is logged in
# $OUT_DIR/writer-I.log as "start_ms end_ms value http_code seconds"; only 200 counts as acknowledged.
rel_writer_ids=()
rel_writer_pids=()

# rel_writers_start URL TOKEN N: creates N draft assessments (as the owner of TOKEN) and starts a writer on each.
rel_writers_start() {
  local url="$1" token="$2" n="$3" i id
  rm -f "$OUT_DIR/stop-writers"
  for i in $(seq 1 "$n"); do
    id="$(curl -fsS "$url/api/assessments" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"title\":\"Write load $i\",\"businessUnit\":\"Operations\",\"sponsor\":\"Load writer $i\",\"description\":\"Saved over and over while the app or its database fails.\"}" \
      | jq -r .id)"
    [ -n "$id" ] && [ "$id" != null ] || { echo "error: could not create the assessment of writer $i" >&2; exit 1; }
    rel_writer_ids[i]="$id"
    rel_writer "$url" "$token" "$i" "$id" &
    rel_writer_pids[i]=$!
  done
}

rel_writer() {
  local url="$1" token="$2" i="$3" id="$4" value=0 start result
  local log="$OUT_DIR/writer-$i.log"
  : > "$log"
  while [ ! -e "$OUT_DIR/stop-writers" ]; do
    value=$((value + 1))
    start="$(date +%s%3N)"
    result="$(curl -s -o /dev/null --max-time 60 -w '%{http_code} %{time_total}' -X PUT "$url/api/assessments/$id/answers" \
      -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"answers\":{\"involvement.daily-users\":$value}}" || true)"
    echo "$start $(date +%s%3N) $value $result" >> "$log"
    case "$result" in 000*) sleep 0.1 ;; esac   # nobody listening (the app is restarting): do not spin
  done
}

rel_writers_stop() {
  [ ${#rel_writer_pids[@]} -gt 0 ] || return 0
  mkdir -p "$OUT_DIR" && touch "$OUT_DIR/stop-writers"
  local pid
  for pid in "${rel_writer_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rel_writer_pids=()
}

# rel_check_writes DB URL TOKEN: for every writer, every acknowledged value (200) must be in the audit trail of its
# assessment, the trail must hold nothing that was not sent, and the saved answer must be the trail's last value
# and at least the last acknowledged one. Prints one line per writer and a total; returns 1 on any loss.
rel_check_writes() {
  local db="$1" url="$2" token="$3" i id log acked audited current last_ack lost phantom failed=0 total_acked=0 total_sent=0
  for i in "${!rel_writer_ids[@]}"; do
    id="${rel_writer_ids[i]}"
    log="$OUT_DIR/writer-$i.log"
    acked="$(awk '$4 == 200 { print $3 }' "$log" | sort -n)"
    audited="$(psql_pg -d "$db" -c "SELECT \"NewValue\" FROM \"AuditEntries\" WHERE \"AssessmentId\" = '$id' AND \"Subject\" = 'involvement.daily-users' ORDER BY \"Id\"")"
    current="$(curl -fsS "$url/api/assessments/$id" -H "Authorization: Bearer $token" | jq -r '.answers["involvement.daily-users"]')"
    last_ack="$(tail -n 1 <<< "$acked")"
    lost="$(comm -23 <(sort <<< "$acked") <(sort <<< "$audited") | grep -c . || true)"
    phantom="$(comm -13 <(awk '{ print $3 }' "$log" | sort) <(sort <<< "$audited") | grep -c . || true)"
    total_acked=$((total_acked + $(grep -c . <<< "$acked" || true)))
    total_sent=$((total_sent + $(grep -c . "$log" || true)))
    printf '  writer %s: %5s sent, %5s acknowledged, %5s in the audit trail, saved answer %s (last acknowledged %s); lost %s, never sent %s\n' \
      "$i" "$(grep -c . "$log")" "$(grep -c . <<< "$acked")" "$(grep -c . <<< "$audited")" "$current" "${last_ack:-none}" "$lost" "$phantom"
    if [ "$lost" != 0 ] || [ "$phantom" != 0 ] || [ "$current" != "$(tail -n 1 <<< "$audited")" ] \
       || { [ -n "$last_ack" ] && [ "$current" -lt "$last_ack" ]; }; then
      failed=1
    fi
  done
  echo "  total: $total_sent writes sent, $total_acked acknowledged"
  rel_acknowledged="$total_acked"
  [ "$total_acked" -gt 0 ] || { echo "  no write was acknowledged: the load did not run" >&2; failed=1; }
  return "$failed"
}

# rel_verdict NAME FAILURES...: prints "NAME: PASS" or "NAME: FAIL" with each failure; exits 1 on failure.
rel_verdict() {
  local name="$1"; shift
  if [ $# -eq 0 ]; then
    echo "$name: PASS"
  else
    echo "$name: FAIL"
    printf '  - %s\n' "$@"
    exit 1
  fi
}
