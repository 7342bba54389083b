#!/usr/bin/env bash
# SQL injection probe (docs/reliability.md, "SQL injection"): sqlmap (the Debian package) at --level 3 --risk 2
# against every parameter of the portfolio's filters (the page /portfolio and GET /api/portfolio), the assessment
# list (the page /assessments and GET /api/assessments) and the sign-in form (POST /account/login, with its
# antiforgery token fetched before each request), signed in as a reviewer. The app runs on a seeded PostgreSQL with
# the sign-in limit out of the way and logs every request, so the script can also count them and their statuses.
# Passes when sqlmap finds no injectable parameter and the app never answered 5xx. Takes a while (tens of thousands of
# requests).
#
# Usage: tests/reliability/sqlmap.sh [--level 3] [--risk 2] [--only TARGET[,TARGET...]]
#   TARGET: portfolio-page, portfolio-api, list-page, list-api or sign-in. A run with --only has its own database, app
#   log and sqlmap output (named after its targets), so runs of different targets can go side by side, each with its
#   own RELIABILITY_PORT.
# Environment: PGPORT, PGROOT (see tests/postgres.sh), RELIABILITY_PORT (default 5199). Debian as root, .NET 10 SDK.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPO_ROOT="$(pwd)"
level=3
risk=2
only=""
usage() { sed -n '10,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --level) [ $# -ge 2 ] || { usage; exit 2; }; level="$2"; shift 2 ;;
    --risk)  [ $# -ge 2 ] || { usage; exit 2; }; risk="$2"; shift 2 ;;
    --only)  [ $# -ge 2 ] || { usage; exit 2; }; only="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *)       echo "unknown argument: $1" >&2; usage; exit 2 ;;
  esac
done

# shellcheck source=tests/reliability/common.sh
source "$REPO_ROOT/tests/reliability/common.sh"
command -v sqlmap >/dev/null 2>&1 || apt_install --no-install-recommends sqlmap
trap rel_stop_all EXIT
port="${RELIABILITY_PORT:-5199}"
base="http://127.0.0.1:$port"
run="sqlmap${only:+-${only//,/-}}"   # names this run's database, app log and sqlmap output
db="pilotreadiness_${run//-/_}"
app_log="$OUT_DIR/app-$run.log"

rel_prepare "$db"
# Every request logged (one line each), sign-in attempts unlimited (sqlmap sends thousands a minute).
export Serilog__MinimumLevel__Default=Information RateLimits__SignInPerMinute=100000000
rel_start "$run" "$port"
cookie="$(bench_sign_in_cookie "$reviewer")"
token="$(bench_sign_in_bearer "$reviewer")"
sponsor_name="$(curl -fsS -H "Authorization: Bearer $token" "$base/api/portfolio?pageSize=1" | jq -r '.items[0].sponsor')"

portfolio_query="bu=Finance&status=submitted&verdict=go&sponsor=$(jq -rn --arg s "$sponsor_name" '$s|@uri')&gate=blocker-unanswered&from=2024-01-01&to=2030-12-31&q=pilot&sort=title&dir=asc&page=1&pageSize=25"
portfolio_params="bu,status,verdict,sponsor,gate,from,to,q,sort,dir,page,pageSize"
common=(--batch --level "$level" --risk "$risk" --flush-session --output-dir "$OUT_DIR/$run" --disable-coloring)
declare -A targets=(
  [portfolio-page]="-u $base/portfolio?$portfolio_query -p $portfolio_params"
  [portfolio-api]="-u $base/api/portfolio?$portfolio_query -p $portfolio_params"
  [list-page]="-u $base/assessments?status=submitted&q=pilot&p=1 -p status,q,p"
  [list-api]="-u $base/api/assessments?status=submitted&page=1&pageSize=20 -p status,page,pageSize"
  [sign-in]="-u $base/account/login --data Input.Email=nobody%40reliability.test&Input.Password=not-the-password&__RequestVerificationToken=x --csrf-token=__RequestVerificationToken --csrf-url=$base/account/login -p Input.Email,Input.Password"
)
order=(portfolio-page portfolio-api list-page list-api sign-in)
[ -z "$only" ] || IFS=, read -r -a order <<< "$only"

failures=()
mkdir -p "$OUT_DIR/$run"
for name in "${order[@]}"; do
  [ -n "${targets[$name]:-}" ] || { echo "unknown target: $name" >&2; exit 2; }
  read -r -a args <<< "${targets[$name]}"
  case "$name" in
    *-api)   auth=(-H "Authorization: Bearer $token") ;;
    sign-in) auth=() ;;
    *)       auth=(--cookie "$cookie") ;;
  esac
  # A page's HTML differs on every request (a fresh antiforgery token in the sign-out form): compare visible text.
  case "$name" in *-api) compare=() ;; *) compare=(--text-only) ;; esac
  before="$(grep -a -c 'responded [0-9]' "$app_log" || true)"
  started="$(date +%s)"
  echo "== sqlmap: $name"
  sqlmap "${common[@]}" "${compare[@]}" "${auth[@]}" "${args[@]}" > "$OUT_DIR/$run/$name.txt" 2>&1 || true
  requests=$(( $(grep -a -c 'responded [0-9]' "$app_log" || true) - before ))
  report="$OUT_DIR/$run/$name.txt"
  echo "  $requests requests in $(( $(date +%s) - started )) s; $(grep -c 'does not seem to be injectable' "$report" || true) parameters" \
    "found not injectable, $(grep -c 'false positive or unexploitable' "$report" || true) suspicions that sqlmap's own check found false"
  if grep -qE 'identified the following injection point|is vulnerable' "$report"; then
    failures+=("$name: sqlmap found an injectable parameter (see ${report#"$REPO_ROOT"/})")
  elif ! grep -q 'do not appear to be injectable' "$report"; then
    failures+=("$name: sqlmap did not finish with a verdict (see ${report#"$REPO_ROOT"/})")
  fi
done

statuses="$(grep -a -o 'responded [0-9]*' "$app_log" | awk '{ print $2 }' | sort | uniq -c | xargs)"
echo "== The app's answers over the whole run: $statuses (count status)"
server_errors="$(grep -a -c 'responded 5[0-9][0-9]' "$app_log" || true)"
[ "$server_errors" = 0 ] || failures+=("the app answered 5xx $server_errors times")
rel_verdict "sqlmap --level $level --risk $risk (${order[*]})" "${failures[@]}"
