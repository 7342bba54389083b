#!/usr/bin/env bash
# Shared by the benchmark scripts (portfolio.sh, reports-zip.sh, soak.sh, after-launch.sh) and tests/reliability/common.sh;
# sourced, never run. The sourcing script has already changed to the repository root and set REPO_ROOT, OUT_DIR, PROJECT,
# base (http://127.0.0.1:PORT), password and reviewer. Defines apt_install, bench_build, bench_fresh_db, bench_seed, bench_start_app,
# bench_stop_app (also run by the EXIT trap), bench_sign_in_cookie, bench_sign_in_bearer, bench_drop_db and to_ms;
# bench_start_app sets app_pid.
# shellcheck disable=SC2154  # REPO_ROOT, base, password, reviewer ... come from the sourcing script

# apt-get install, running `apt-get update` once per script run, only when needed.
apt_updated=0
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ "$apt_updated" = 0 ]; then apt-get update -q; apt_updated=1; fi
  apt-get install -y -q "$@"
}

# Starts (or reuses) the throwaway PostgreSQL and builds the app in Release.
bench_build() {
  # shellcheck source=tests/postgres.sh
  source "$REPO_ROOT/tests/postgres.sh"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  echo "== Build (Release)"
  dotnet build "$PROJECT" -c Release -v quiet -nologo | tail -n 3
  mkdir -p "$OUT_DIR"
}

# bench_fresh_db NAME: an empty database NAME, and the app's settings for it (PostgreSQL, logging at Warning,
# Production) exported for the seed command and the app.
bench_fresh_db() {
  local db="$1"
  psql_pg -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
  psql_pg -c "CREATE DATABASE \"$db\" OWNER app"
  export Database__Provider=Postgres
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PGPORT;Username=app;Password=app;Database=$db"
  export Serilog__MinimumLevel__Default=Warning
  export ASPNETCORE_ENVIRONMENT=Production
}

# bench_seed DB N: N synthetic assessments into DB (the database of bench_fresh_db), then ANALYZE. The seed connects
# with a 30 s timeout instead of the app's 5 s: it only sets the stage, and on a busy machine a first connection (with
# Npgsql's load of the server's types) can take longer than 5 s.
bench_seed() {
  local db="$1" n="$2" started
  started=$(date +%s)
  ConnectionStrings__Postgres="$ConnectionStrings__Postgres;Timeout=30" \
    dotnet run --project "$PROJECT" -c Release --no-build --no-launch-profile -- seed --assessments "$n" --password "$password" \
    | grep -v '^{' || { echo "error: seeding $n assessments failed" >&2; exit 1; }
  echo "seeded in $(( $(date +%s) - started )) s"
  psql_pg -d "$db" -c 'ANALYZE'
}

# bench_start_app LOG: a fresh app process from the Release build on $base, rate limits out of the way (the sign-in
# limit can be set with RateLimits__SignInPerMinute), its output in LOG; returns once /healthz/ready answers. Its
# content root is the project's folder, as with `dotnet run` (appsettings.json, wwwroot). Sets app_pid (the app's
# own process: `dotnet x.dll` runs the app inside the host process).
app_pid=""
bench_start_app() {
  local log="$1"
  Database__MigrateOnStartup=true RateLimits__ApiPerMinute=100000000 RateLimits__SignInPerMinute="${RateLimits__SignInPerMinute:-1000}" \
    ASPNETCORE_URLS="$base" dotnet "$PROJECT/bin/Release/net10.0/PilotReadiness.Web.dll" --contentRoot "$REPO_ROOT/$PROJECT" >"$log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$base/healthz/ready" && break
    kill -0 "$app_pid" 2>/dev/null || { echo "error: the app stopped; see $log" >&2; exit 1; }
    sleep 0.5
  done
  curl -fs -o /dev/null "$base/healthz/ready" || { echo "error: the app did not become ready; see $log" >&2; exit 1; }
}

# shellcheck disable=SC2317  # called by the EXIT trap
bench_stop_app() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}

# bench_sign_in_cookie [EMAIL]: signs in as EMAIL ($reviewer unless given) through the sign-in page; prints the
# cookie ("PilotReadiness.Auth=...") for pages and the API.
bench_sign_in_cookie() {
  local email="${1:-$reviewer}" jar token_field status cookie
  jar="$(mktemp)"
  token_field="$(curl -fs -c "$jar" "$base/account/login" \
    | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')"
  status="$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" "$base/account/login" \
    --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" \
    --data-urlencode "__RequestVerificationToken=$token_field")"
  cookie="$(awk '$6 == "PilotReadiness.Auth" { print $6 "=" $7 }' "$jar")"
  rm -f "$jar"
  if [ "$status" != 302 ] || [ -z "$cookie" ]; then echo "error: signing in on the page failed (HTTP $status)" >&2; exit 1; fi
  echo "$cookie"
}

# bench_sign_in_bearer [EMAIL]: signs in as EMAIL ($reviewer unless given) through POST /api/auth/login; prints the
# bearer token.
bench_sign_in_bearer() {
  local email="${1:-$reviewer}" bearer
  bearer="$(curl -fs "$base/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')"
  [ -n "$bearer" ] || { echo "error: signing in on the API failed" >&2; exit 1; }
  echo "$bearer"
}

bench_drop_db() { psql_pg -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)"; }

# wrk's latency with its unit (850.00us, 12.31ms, 1.02s) in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { u = v; sub(/^[0-9.]+/, "", u); n = v + 0;
  if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; printf "%.2f", n }'; }
