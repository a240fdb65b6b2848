#!/usr/bin/env bash
# End-to-end throughput of the example gateway on loopback, side by side in ONE run:
#   1. GET /public/documents        unprotected (the baseline)
#   2. GET /api/documents           protected, the same ES256 token on every request (cache hits)
#   3. GET /api/documents           protected, a fresh ES256 token on every request (verify every time)
# Prints requests/s and p99 latency for each, and the ratios the README targets:
#   (2)/(1) >= 0.95 and (2)/(3) >= 40.
# Settings: DURATION (default 20s), WARMUP (5s), THREADS (2), CONNECTIONS (32), PORT (18080).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18080}
POOL=${POOL:-200000}
BASE="http://localhost:$PORT"

if ! command -v wrk >/dev/null; then
  echo "installing wrk (apt-get)..." >&2
  apt-get update -qq && apt-get install -y -qq wrk
fi
if [ ! -f examples/target/tokengate-example.jar ] || [ ! -f cli/target/tokengate-cli.jar ]; then
  mvn -B -q -DskipTests package
fi

work=$(mktemp -d)
java -jar cli/target/tokengate-cli.jar keys generate --alg ES256 --out "$work/keys.json" >/dev/null
java -jar examples/target/tokengate-example.jar --port "$PORT" --keys "$work/keys.json" > "$work/gateway.log" 2>&1 &
gateway=$!
trap 'kill $gateway 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE/health" >/dev/null || { cat "$work/gateway.log"; exit 1; }

token=$(java -jar cli/target/tokengate-cli.jar token issue --keys "$work/keys.json" --type API_ACCESS --scope READ \
  --ttl 1h --issuer "$BASE")
echo "generating $POOL fresh tokens..." >&2
java -cp cli/target/tokengate-cli.jar benchmarks/e2e/TokenPool.java "$work/keys.json" "$BASE" "$POOL" > "$work/tokens.txt"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$BASE/api/documents")" = 200 ]

UNPROTECTED=("$BASE/public/documents")
REPEATED=(-H "Authorization: Bearer $token" "$BASE/api/documents")
FRESH=(-s benchmarks/e2e/fresh-token.lua "$BASE/api/documents" -- "$work/tokens.txt" "$THREADS")

measure() { # output file, then wrk arguments
  local out=$1; shift
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" > "$out"
  if grep -q "Non-2xx" "$out"; then
    echo "$out: some responses were not 2xx:" >&2; cat "$out" >&2; exit 1
  fi
}
# warm up every route first (JIT, caches, connections), then measure in the order A B C B A so
# that drift on a shared machine weighs on the baseline and the protected route alike
for args in UNPROTECTED REPEATED; do
  declare -n a=$args; wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${a[@]}" > /dev/null
done
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${FRESH[@]}" > /dev/null
measure "$work/unprotected.1" "${UNPROTECTED[@]}"
measure "$work/repeated.1" "${REPEATED[@]}"
measure "$work/fresh.1" "${FRESH[@]}"
measure "$work/repeated.2" "${REPEATED[@]}"
measure "$work/unprotected.2" "${UNPROTECTED[@]}"

rps() { cat "$work/$1".* | awk '/Requests\/sec/ {s += $2; n++} END {printf "%.0f", s / n}'; }
p99() { cat "$work/$1".* | awk '$1 == "99%" {print $2}' | paste -sd/ -; }
u=$(rps unprotected); r=$(rps repeated); f=$(rps fresh)
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| route | requests/s (mean of runs) | p99 latency (each run) |"
echo "|---|---:|---:|"
echo "| GET /public/documents (unprotected) | $u | $(p99 unprotected) |"
echo "| GET /api/documents, repeated ES256 token | $r | $(p99 repeated) |"
echo "| GET /api/documents, fresh ES256 token per request | $f | $(p99 fresh) |"
echo
awk -v u="$u" -v r="$r" -v f="$f" 'BEGIN {
  printf "repeated / unprotected = %.3f (target >= 0.95)\n", r / u;
  printf "repeated / fresh       = %.1f (target >= 40)\n", r / f }'
