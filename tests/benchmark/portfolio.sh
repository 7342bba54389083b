#!/usr/bin/env bash
# Portfolio benchmark (docs/performance.md, section "Portfolio"). For each portfolio size: a fresh PostgreSQL
# database, seeded with the seed command; the app in Release on a real port with logging at Warning and the figures'
# cache off (Portfolio__SummaryCacheSeconds=0, cold: every request computes its figures); a reviewer and a sponsor
# signed in; then wrk at 16 connections against each endpoint, /healthz/ready (one database round trip) first as the
# floor. Two modes: "one" requests the same URL every time; "mixed" requests a different filter combination each time
# (business unit x verdict x gate x status x date range, sometimes a search), and "search" a free-text search alone.
# Before the first measurement of each size the new app process is warmed up (--warm-up seconds, spread over the
# endpoints; the runtime compiles and re-optimises the code of the hot paths for the first tens of seconds under load),
# so the figures are those of a process that has been running, not of its first minute; every measured request still
# computes its figures from the database. With --writes it also measures saving answers
# (PUT /api/assessments/{id}/answers). Prints requests/s, p99, the ratio to the floor and the load average per size,
# endpoint and mode, and how the time per request grows from the smallest size to the largest.
#
# Usage: tests/benchmark/portfolio.sh [--sizes 1000,10000,100000] [--endpoints "/healthz/ready /portfolio ..."]
#                                     [--modes one,mixed] [--writes] [--duration 15s] [--connections 16]
#                                     [--threads 2] [--warm-up 60] [--check]
#   --check  exit 1 when a target of docs/performance.md is missed (for the sizes measured: 10000 and 100000,
#            and the growth from 1000 to 100000 when both are measured).
# Environment: PGPORT, PGROOT (see tests/postgres.sh), BENCH_PORT (default 5190). Debian as root, .NET 10 SDK.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPO_ROOT="$(pwd)"
OUT_DIR="$REPO_ROOT/artifacts/benchmark"
PROJECT=src/PilotReadiness.Web

sizes="1000,10000,100000"
# The floor comes first; an endpoint that answers 404 is skipped with a warning. The portfolio is read by a
# reviewer; the assessment list by a sponsor (sponsor01 owns about one pilot in eleven of the seed).
endpoints="/healthz/ready /portfolio /api/portfolio/summary /api/portfolio?page=1&pageSize=50 /assessments /api/assessments"
modes="one,mixed"
writes=0
duration="15s"
connections=16
threads=2
warm_up=60
check=0
port="${BENCH_PORT:-5190}"
password="bench-password-2026"
reviewer="reviewer01@synthetic.example.com"
sponsor="sponsor01@synthetic.example.com"

usage() { sed -n '15,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes)       [ $# -ge 2 ] || { usage; exit 2; }; sizes="$2"; shift 2 ;;
    --endpoints)   [ $# -ge 2 ] || { usage; exit 2; }; endpoints="$2"; shift 2 ;;
    --modes)       [ $# -ge 2 ] || { usage; exit 2; }; modes="$2"; shift 2 ;;
    --writes)      writes=1; shift ;;
    --duration)    [ $# -ge 2 ] || { usage; exit 2; }; duration="$2"; shift 2 ;;
    --connections) [ $# -ge 2 ] || { usage; exit 2; }; connections="$2"; shift 2 ;;
    --threads)     [ $# -ge 2 ] || { usage; exit 2; }; threads="$2"; shift 2 ;;
    --warm-up)     [ $# -ge 2 ] || { usage; exit 2; }; warm_up="$2"; shift 2 ;;
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
[[ "$warm_up" =~ ^[0-9]+$ ]] || { echo "--warm-up: '$warm_up' is not a whole number of seconds" >&2; exit 2; }
floor="${endpoint_list[0]}"
IFS=',' read -r -a mode_list <<< "$modes"
for m in "${mode_list[@]}"; do
  case "$m" in one|mixed) ;; *) echo "--modes: '$m' is not one or mixed" >&2; exit 2 ;; esac
done
# Every figure is computed on every request: the targets may not depend on the figures' cache.
export Portfolio__SummaryCacheSeconds=0

command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK ('dotnet') is required" >&2; exit 1; }
base="http://127.0.0.1:$port"
# shellcheck source=tests/benchmark/common.sh
source "$REPO_ROOT/tests/benchmark/common.sh"
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v curl >/dev/null 2>&1 || apt_install curl

bench_build
trap bench_stop_app EXIT


declare -A rps p99 load
rows=()   # "N|label" in the order measured
results="$OUT_DIR/portfolio-$(date -u +%Y%m%dT%H%M%SZ).txt"

# The mixed mode's wrk script: each request adds a random filter combination to the endpoint's path. Business units
# and search words come from the seeded portfolio; dates from its last year and a half.
mixed_lua() {   # mixed_lua FILE PATH HEADER KIND(mixed|search)
  local file="$1" path="$2" header="$3" kind="$4" units words
  units="$(psql_pg -d "$db" -c 'SELECT DISTINCT "BusinessUnit" FROM "Assessments"' | sed 's/.*/"&",/' | tr -d '\n')"
  words='"invoice","contract","claims","ticket","expense","forecast","policy","order","triage","summar","review","assist","finance","ops","chen","haddad","zz-none"'
  cat > "$file" <<LUA
local units = { $units }
local verdicts = { "go", "go-with-conditions", "not-ready", "no-go" }
local gates = { "pilot-theatre", "no-production-owner", "integration-not-budgeted", "users-not-involved", "production-under-budgeted" }
local statuses = { "draft", "submitted" }
local words = { $words }
local kind = "$kind"
local counter = 0
local function enc(s) return (s:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
local function pick(t) return t[math.random(#t)] end
function setup(thread) counter = counter + 1; thread:set("id", counter) end
function init(args) math.randomseed(os.time() * 100 + (id or 0)) end
request = function()
  local q = {}
  if kind == "search" then
    q[#q + 1] = "q=" .. enc(pick(words))
  else
    if math.random() < 0.5 then q[#q + 1] = "bu=" .. enc(pick(units)) end
    if math.random() < 0.4 then q[#q + 1] = "verdict=" .. pick(verdicts) end
    if math.random() < 0.3 then q[#q + 1] = "gate=" .. pick(gates) end
    if math.random() < 0.4 then q[#q + 1] = "status=" .. pick(statuses) end
    if math.random() < 0.3 then
      local from = os.time() - math.random(0, 540) * 86400
      q[#q + 1] = "from=" .. os.date("!%Y-%m-%d", from)
      q[#q + 1] = "to=" .. os.date("!%Y-%m-%d", from + math.random(1, 90) * 86400)
    end
    if math.random() < 0.15 then q[#q + 1] = "q=" .. enc(pick(words)) end
  end
  local sep = string.find("$path", "?", 1, true) and "&" or "?"
  return wrk.format("GET", "$path" .. (#q > 0 and (sep .. table.concat(q, "&")) or ""), { ["$(cut -d: -f1 <<< "$header")"] = "$(cut -d' ' -f2- <<< "$header")" })
end
LUA
}

# measure N LABEL HEADER URL [LUA]: wrk after a 5 s warm-up; records req/s, p99 and the load average under LABEL.
measure() {
  local n="$1" label="$2" header="$3" url="$4" lua="${5:-}" out script=()
  [ -z "$lua" ] || script=(-s "$lua")
  wrk -t"$threads" -c"$connections" -d5s "${script[@]}" -H "$header" "$url" >/dev/null   # warm-up
  out="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "${script[@]}" -H "$header" "$url")"
  echo "$out" > "$OUT_DIR/wrk-$n-$(echo "$label" | tr '/?&= ()' '_______').txt"
  if grep -q 'Non-2xx' <<< "$out"; then
    echo "warning: $label: $(grep 'Non-2xx' <<< "$out" | xargs)" >&2
  fi
  rps[$n,$label]="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<< "$out")"
  p99[$n,$label]="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<< "$out")")"
  load[$n,$label]="$(cut -d' ' -f1 /proc/loadavg)"
  rows+=("$n|$label")
  printf '  %-44s %8s req/s  p99 %8s ms  load %s\n' "$label" "${rps[$n,$label]}" "${p99[$n,$label]}" "${load[$n,$label]}"
}

for n in "${size_list[@]}"; do
  db="pilotreadiness_bench_${port}_$n"   # one database per port: benchmarks of two checkouts do not collide
  echo "== $n assessments"
  bench_fresh_db "$db"
  bench_seed "$db" "$n"
  bench_start_app "$OUT_DIR/app-$n.log"

  # Signed in: the reviewer on the page (cookie) and the API (bearer token); the sponsor the same way for the list.
  cookie="$(bench_sign_in_cookie)"
  bearer="$(bench_sign_in_bearer)"
  sponsor_cookie="$(bench_sign_in_cookie "$sponsor")"
  sponsor_bearer="$(bench_sign_in_bearer "$sponsor")"

  header_for() {
    case "$1" in
      /healthz*)        echo "X-Benchmark: floor" ;;
      /api/assessments*) echo "Authorization: Bearer $sponsor_bearer" ;;
      /assessments*)    echo "Cookie: $sponsor_cookie" ;;
      /api/*)           echo "Authorization: Bearer $bearer" ;;
      *)                echo "Cookie: $cookie" ;;
    esac
  }

  if [ "$warm_up" -gt 0 ]; then
    echo "  warming the app up for about $warm_up s"
    for endpoint in "${endpoint_list[@]}"; do
      wrk -t"$threads" -c"$connections" -d"$(( (warm_up + ${#endpoint_list[@]} - 1) / ${#endpoint_list[@]} ))s" \
        -H "$(header_for "$endpoint")" "$base$endpoint" >/dev/null
    done
  fi

  for endpoint in "${endpoint_list[@]}"; do
    header="$(header_for "$endpoint")"
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "$header" "$base$endpoint")"
    if [ "$code" != 200 ]; then
      echo "warning: $endpoint answers $code, not 200; skipped" >&2
      continue
    fi
    for mode in "${mode_list[@]}"; do
      if [ "$mode" = one ] || [ "$endpoint" = "$floor" ]; then
        [ "$mode" = one ] || continue
        measure "$n" "$endpoint" "$header" "$base$endpoint"
      else
        case "$endpoint" in /portfolio*|/api/portfolio*) ;; *) continue ;; esac
        mixed_lua "$OUT_DIR/mixed.lua" "$endpoint" "$header" mixed
        measure "$n" "$endpoint (mixed)" "$header" "$base" "$OUT_DIR/mixed.lua"
        if [ "$endpoint" = "/api/portfolio?page=1&pageSize=50" ]; then
          mixed_lua "$OUT_DIR/search.lua" "$endpoint" "$header" search
          measure "$n" "$endpoint (search)" "$header" "$base" "$OUT_DIR/search.lua"
        fi
      fi
    done
  done

  if [ "$writes" = 1 ]; then
    # 256 drafts of the sponsor, spread over business units, each saved over and over (never two saves of one at once).
    drafts=()
    for i in $(seq 1 256); do
      unit="$(sed -n "$(( i % 6 + 1 ))p" <<< $'Finance\nOperations\nIT\nSales\nLegal\nR&D')"
      drafts+=("$(curl -fsS "$base/api/assessments" -H "Authorization: Bearer $sponsor_bearer" -H 'Content-Type: application/json' \
        -d "{\"title\":\"Benchmark draft $i\",\"businessUnit\":\"$unit\",\"sponsor\":\"Bench\",\"description\":\"Saved over and over.\"}" \
        | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')")
    done
    cat > "$OUT_DIR/writes.lua" <<LUA
local ids = { $(printf '"%s",' "${drafts[@]}") }
local i = 0
request = function()
  i = i + 1
  local body = '{"answers":{"involvement.daily-users":' .. (i % 5000 + 1) .. ',"commitment.rollout-date":"2027-0' .. (i % 9 + 1) .. '-15"}}'
  return wrk.format("PUT", "/api/assessments/" .. ids[i % #ids + 1] .. "/answers",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer $sponsor_bearer" }, body)
end
LUA
    measure "$n" "PUT /api/assessments/{id}/answers" "X-Benchmark: writes" "$base" "$OUT_DIR/writes.lua"
  fi
  bench_stop_app
  bench_drop_db "$db"
done

# ---- The table
{
  echo
  echo "Portfolio benchmark: $(nproc) cores, PostgreSQL on the same machine, logging at Warning, Portfolio__SummaryCacheSeconds=0,"
  echo "wrk -t$threads -c$connections -d$duration; $(date -u '+%Y-%m-%d %H:%M UTC'); load = 1-minute load average at the end of each run"
  echo
  printf '| %9s | %-44s | %9s | %9s | %8s | %6s |\n' "N" "endpoint" "req/s" "p99 ms" "vs floor" "load"
  printf '|%s|%s|%s|%s|%s|%s|\n' "----------:" "----------------------------------------------" "----------:" "----------:" "---------:" "-------:"
  for row in "${rows[@]}"; do
    n="${row%%|*}"; label="${row#*|}"
    ratio="-"
    [ -n "${rps[$n,$floor]:-}" ] && ratio="$(awk -v a="${rps[$n,$label]}" -v b="${rps[$n,$floor]}" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
    printf '| %9s | %-44s | %9s | %9s | %8s | %6s |\n' "$n" "$label" "${rps[$n,$label]}" "${p99[$n,$label]}" "$ratio" "${load[$n,$label]}"
  done
  first="${size_list[0]}"; last="${size_list[${#size_list[@]}-1]}"
  if [ "$first" != "$last" ]; then
    echo
    echo "Time per request at $last assessments, as a multiple of that at $first:"
    for row in "${rows[@]}"; do
      n="${row%%|*}"; label="${row#*|}"
      [ "$n" = "$first" ] || continue
      if [ -z "${rps[$last,$label]:-}" ]; then continue; fi
      printf '  %-44s %sx\n' "$label" "$(awk -v a="${rps[$first,$label]}" -v b="${rps[$last,$label]}" 'BEGIN { printf "%.2f", a / b }')"
    done
  fi
} | tee "$results"
echo "(saved to ${results#"$REPO_ROOT"/})"

# ---- The targets
if [ "$check" = 1 ]; then
  failures=0
  miss() { echo "target missed: $*" >&2; failures=$((failures + 1)); }
  # target N LABEL SHARE P99: LABEL at N keeps at least SHARE of the floor with p99 under P99 ms (when N was measured).
  target() {
    local n="$1" label="$2" share="$3" limit="$4"
    [[ ",$sizes," == *",$n,"* ]] || return 0
    if [ -z "${rps[$n,$label]:-}" ] || [ -z "${rps[$n,$floor]:-}" ]; then miss "$label at $n was not measured"; return; fi
    awk -v a="${rps[$n,$label]}" -v b="${rps[$n,$floor]}" -v s="$share" 'BEGIN { exit !(a >= s * b) }' \
      || miss "$label at $n: ${rps[$n,$label]} req/s is under $(awk -v s="$share" 'BEGIN { print s * 100 }')% of the floor's ${rps[$n,$floor]}"
    [ -z "$limit" ] || awk -v p="${p99[$n,$label]}" -v l="$limit" 'BEGIN { exit !(p < l) }' \
      || miss "$label at $n: p99 ${p99[$n,$label]} ms is not under $limit ms"
  }
  for mode in "${mode_list[@]}"; do
    suffix=""; [ "$mode" = one ] || suffix=" (mixed)"
    for endpoint in /portfolio /api/portfolio/summary "/api/portfolio?page=1&pageSize=50"; do
      target 10000 "$endpoint$suffix" 0.40 100
      target 100000 "$endpoint$suffix" 0.25 200
      if [[ ",$sizes," == *",1000,"* && ",$sizes," == *",100000,"* ]] && [ -n "${rps[1000,$endpoint$suffix]:-}" ] && [ -n "${rps[100000,$endpoint$suffix]:-}" ]; then
        awk -v a="${rps[1000,$endpoint$suffix]}" -v b="${rps[100000,$endpoint$suffix]}" 'BEGIN { exit !(a / b <= 1.5) }' \
          || miss "$endpoint$suffix: time per request at 100000 is more than 1.5x that at 1000"
      fi
    done
  done
  for endpoint in /assessments /api/assessments; do
    target 10000 "$endpoint" 0.50 ""
    target 100000 "$endpoint" 0.25 200
  done
  if [[ " ${mode_list[*]} " == *" mixed "* ]]; then
    target 100000 "/api/portfolio?page=1&pageSize=50 (search)" 0 50
  fi
  [ "$failures" = 0 ] || exit 1
  echo "All targets met."
fi
