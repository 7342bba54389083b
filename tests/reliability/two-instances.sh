#!/usr/bin/env bash
# Two instances behind a proxy (docs/reliability.md, "Two instances behind nginx"): nginx (the Debian package) on
# loopback, configured from deploy/nginx/pilotreadiness.conf.template, in front of two app instances on one
# PostgreSQL database, each believing forwarded headers from nginx only (ForwardedHeaders__KnownProxies=127.0.0.1).
# Passes when:
#   1. a sign-in made on one instance (the page's cookie, the API's token) is accepted by the other;
#   2. in every round of an If-Match race through the proxy (several saves of one assessment with the same ETag at
#      once) exactly one save wins (200), the others are refused (412, whether at the ETag check or at the save),
#      the saved answer is the winner's and the audit trail holds the winners' values and no loser's;
#   3. both instances served the race (nginx's log names each upstream);
#   4. the sign-in limit counts clients, not the proxy: a client (from 127.0.0.2) that uses up its attempts gets
#      429 even when it sends its own X-Forwarded-For, while another client (127.0.0.3) is still let in.
#
# Usage: tests/reliability/two-instances.sh [--rounds 100] [--racers 4]
# Environment: PGPORT, PGROOT (see tests/postgres.sh; the cluster the tests share is fine), RELIABILITY_PORT (default
# 5196: instance A; B is the next port, nginx the one after). Debian as root, .NET 10 SDK.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPO_ROOT="$(pwd)"
rounds=100
racers=4
usage() { sed -n '14,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) [ $# -ge 2 ] || { usage; exit 2; }; rounds="$2"; shift 2 ;;
    --racers) [ $# -ge 2 ] || { usage; exit 2; }; racers="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *)        echo "unknown argument: $1" >&2; usage; exit 2 ;;
  esac
done

# shellcheck source=tests/reliability/common.sh
source "$REPO_ROOT/tests/reliability/common.sh"
command -v nginx >/dev/null 2>&1 || apt_install --no-install-recommends nginx
port_a="${RELIABILITY_PORT:-5196}"; port_b=$((port_a + 1)); port_proxy=$((port_a + 2))
a="http://127.0.0.1:$port_a"; b="http://127.0.0.1:$port_b"; proxy="http://127.0.0.1:$port_proxy"
db=pilotreadiness_two_instances
nginx_pid=""
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  if [ -n "$nginx_pid" ]; then kill -QUIT "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  rel_stop_all
}
trap cleanup EXIT

rel_prepare "$db"
export ForwardedHeaders__KnownProxies=127.0.0.1 RateLimits__SignInPerMinute=3
rel_start a "$port_a"
rel_start b "$port_b"

# ---- nginx from the template, on loopback
mkdir -p "$OUT_DIR/nginx"
PILOTREADINESS_LISTEN="127.0.0.1:$port_proxy" PILOTREADINESS_APP_A="127.0.0.1:$port_a" PILOTREADINESS_APP_B="127.0.0.1:$port_b" \
  envsubst '${PILOTREADINESS_LISTEN} ${PILOTREADINESS_APP_A} ${PILOTREADINESS_APP_B}' \
  < deploy/nginx/pilotreadiness.conf.template > "$OUT_DIR/nginx/pilotreadiness.conf"
cat > "$OUT_DIR/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $OUT_DIR/nginx/nginx.pid;
error_log $OUT_DIR/nginx/error.log warn;
events { worker_connections 512; }
http {
    log_format upstreams '\$remote_addr "\$request" \$status upstream=\$upstream_addr';
    access_log $OUT_DIR/nginx/access.log upstreams;
    include $OUT_DIR/nginx/pilotreadiness.conf;
}
CONF
: > "$OUT_DIR/nginx/access.log"
nginx -t -q -c "$OUT_DIR/nginx/nginx.conf"
nginx -c "$OUT_DIR/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 1 50); do curl -fs -o /dev/null "$proxy/healthz" && break; sleep 0.2; done
echo "== nginx on $proxy in front of $a and $b"
failures=()

# ---- 1. Signed in on one, used on the other
base="$a"
cookie="$(bench_sign_in_cookie "$sponsor")"
token="$(bench_sign_in_bearer "$sponsor")"
page_on_b="$(curl -s -o "$OUT_DIR/page-on-b.html" -w '%{http_code}' -H "Cookie: $cookie" "$b/assessments")"
api_on_b="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$b/api/assessments")"
echo "  signed in on A; on B the page answers $page_on_b, the API $api_on_b"
if [ "$page_on_b" != 200 ] || ! grep -q "$sponsor" "$OUT_DIR/page-on-b.html"; then failures+=("B did not accept A's sign-in cookie ($page_on_b)"); fi
[ "$api_on_b" = 200 ] || failures+=("B did not accept A's bearer token ($api_on_b)")

# ---- 2. If-Match races through the proxy
id="$(curl -fsS "$proxy/api/assessments" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"title":"Raced through the proxy","businessUnit":"Operations","sponsor":"Race","description":"Saved by several people at once."}' | jq -r .id)"
: > "$OUT_DIR/nginx/access.log"
winners=()
wrong_rounds=0; lost_at_read=0; lost_at_save=0
race="$OUT_DIR/race"
for round in $(seq 1 "$rounds"); do
  etag="$(curl -fsS -D - -o /dev/null -H "Authorization: Bearer $token" "$proxy/api/assessments/$id" | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }')"
  # One curl sends the saves side by side (new connections, started together), each with its own value.
  saves=()
  for k in $(seq 1 "$racers"); do
    value=$((round * 100 + k))
    [ "$k" = 1 ] || saves+=(--next)
    saves+=(-s -o "$race.$k" -w "$value %{http_code}\n" -X PUT "$proxy/api/assessments/$id/answers" -H "Authorization: Bearer $token"
      -H 'Content-Type: application/json' -H "If-Match: $etag" -d "{\"answers\":{\"involvement.daily-users\":$value}}")
  done
  curl --no-progress-meter --parallel --parallel-immediate --parallel-max "$racers" "${saves[@]}" > "$race"
  won="$(awk '$2 == 200' "$race" | wc -l)"
  refused="$(awk '$2 == 412 || $2 == 409' "$race" | wc -l)"
  # A 412 names the version it found at the ETag check; one that lost at the save itself says "a newer version".
  at_save="$(cat "$race".* | grep -c '(a newer version)' || true)"
  lost_at_save=$((lost_at_save + at_save))
  lost_at_read=$((lost_at_read + refused - at_save))
  if [ "$won" != 1 ] || [ "$refused" != $((racers - 1)) ]; then
    wrong_rounds=$((wrong_rounds + 1))
    echo "  round $round: $(awk '{ print $2 }' "$race" | sort | uniq -c | xargs) (count status)" >&2
  fi
  winners+=("$(awk '$2 == 200 { print $1 }' "$race" | head -n 1)")
done
rm -f "$race" "$race".*
audited="$(psql_pg -d "$db" -c "SELECT \"NewValue\" FROM \"AuditEntries\" WHERE \"AssessmentId\" = '$id' AND \"Subject\" = 'involvement.daily-users' ORDER BY \"Id\"")"
current="$(curl -fsS -H "Authorization: Bearer $token" "$proxy/api/assessments/$id" | jq -r '.answers["involvement.daily-users"]')"
expected="$(printf '%s\n' "${winners[@]}")"
echo "  $rounds rounds of $racers saves with one ETag: $((rounds - wrong_rounds)) with exactly one winner; losers refused $lost_at_read times at the ETag check and $lost_at_save at the save (both 412)"
echo "  the audit trail holds $(grep -c . <<< "$audited") values of the raced answer; the saved answer is $current (the last winner: ${winners[-1]})"
[ "$wrong_rounds" = 0 ] || failures+=("$wrong_rounds rounds did not have exactly one winner")
[ "$audited" = "$expected" ] || failures+=("the audit trail is not exactly the winners' values in order (a loser's value got in, or a winner's is missing)")
[ "$current" = "${winners[-1]}" ] || failures+=("the saved answer $current is not the last winner's ${winners[-1]}")
served="$(awk '/PUT/ { sub("upstream=", "", $NF); print $NF }' "$OUT_DIR/nginx/access.log" | sort | uniq -c | xargs)"
echo "  saves served by: $served (count upstream)"
for upstream in "127.0.0.1:$port_a" "127.0.0.1:$port_b"; do
  grep -q "PUT.*upstream=$upstream" "$OUT_DIR/nginx/access.log" || failures+=("no save went to $upstream")
done

# ---- 4. The sign-in limit counts clients behind the proxy (3 attempts a minute per client on each instance)
attempt() {  # attempt SOURCE_ADDRESS [extra curl args]: one failed sign-in through the proxy; prints the status
  local from="$1"; shift
  curl -s -o /dev/null -w '%{http_code}' --interface "$from" "$@" "$proxy/api/auth/login" \
    -H 'Content-Type: application/json' -d '{"email":"nobody@reliability.test","password":"not-the-password-at-all"}'
}
first=(); for _ in $(seq 1 8); do first+=("$(attempt 127.0.0.2)"); done
spoofed=(); for _ in 1 2; do spoofed+=("$(attempt 127.0.0.2 -H 'X-Forwarded-For: 203.0.113.77')"); done
other=(); for _ in 1 2; do other+=("$(attempt 127.0.0.3)"); done
echo "  sign-in attempts through the proxy: client 127.0.0.2 ${first[*]}; the same with its own X-Forwarded-For ${spoofed[*]}; client 127.0.0.3 ${other[*]}"
[[ " ${first[*]} " == *" 429 "* ]] || failures+=("client 127.0.0.2 was never limited after 8 attempts")
[ "$(printf '%s\n' "${first[@]}" | grep -c '^401$' || true)" -le 6 ] || failures+=("client 127.0.0.2 had more than 3 attempts per instance")
[ "${spoofed[*]}" = "429 429" ] || failures+=("a client's own X-Forwarded-For changed the address its limit counts (${spoofed[*]})")
[ "${other[*]}" = "401 401" ] || failures+=("client 127.0.0.3 was limited by another client's attempts (${other[*]}): the limit sees the proxy")

rel_verdict "two instances behind nginx" "${failures[@]}"
