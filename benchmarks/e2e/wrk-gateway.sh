#!/usr/bin/env bash
# End-to-end throughput of the example gateway on loopback, side by side in ONE run:
#   U  GET /public/documents        unprotected, no Authorization header (the baseline)
#   H  GET /public/documents        unprotected, the same Authorization header as R (a control:
#                                   what the header bytes alone cost in Jetty; public paths ignore it)
#   R  GET /api/documents           protected, the same ES256 token on every request (cache hits)
#   F  GET /api/documents           protected, a fresh ES256 token on every request (verify every time)
# U, H and R are measured in ROUNDS rounds, the order turned around each round, so drift on a shared
# machine weighs on all three alike; F runs once at the end (it fills the validation cache).
#
# CPUs: by default the gateway runs on the upper half of the CPUs this script may use (one CPU of
# two) and wrk on the rest (taskset), as if they were two machines: every route then gets the same
# CPU for the gateway, and requests/s measure the gateway, not how the scheduler shared the cores
# between wrk and the gateway. (Unpinned, wrk takes a large share of the cores on the cheap routes
# and almost none on F, which hides the gateway's costs on the first and gives F twice the CPU.)
# SHARED=1 runs both unpinned on all cores, as before.
# Pinned to one CPU, the JVM picks its defaults for one CPU (Serial GC instead of G1); the header line
# names the collector. On SMT machines the halves may share physical cores: pick CPU sets by hand then
# (start the script under taskset with the CPUs to use).
# For each route: requests/s, p99 latency, the gateway's CPU time per request and how busy its CPU
# was (from /proc): below ~95% busy, wrk, not the gateway, was the bottleneck, and the script says so.
# Prints the ratios the README targets: R/U >= 0.95 and R/F >= 40.
# Settings: DURATION (default 20s), WARMUP (10s per route), ROUNDS (3), THREADS (wrk threads: one per
# wrk CPU, 2 when SHARED), CONNECTIONS (32), PORT (18080), SHARED (0),
# POOL (fresh tokens to generate, 200000: a third for F's warm-up, the rest for its measured run).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
ROUNDS=${ROUNDS:-3}
SHARED=$([ "${SHARED:-0}" = 1 ] && echo 1 || echo 0)
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18080}
POOL=${POOL:-200000}
BASE="http://localhost:$PORT"
# the CPUs this process may run on (a cpuset or an outer taskset may leave fewer than the machine has)
allowed=()
for part in $(awk '/^Cpus_allowed_list/ {print $2}' /proc/self/status | tr , ' '); do
  if [[ $part == *-* ]]; then allowed+=($(seq "${part%-*}" "${part#*-}")); else allowed+=("$part"); fi
done
cpus=${#allowed[@]}
why=""
if [ "$SHARED" = 1 ]; then why="SHARED=1"
elif [ "$cpus" -lt 2 ]; then why="one CPU only"
elif ! command -v taskset >/dev/null; then why="no taskset on this machine (util-linux)"
fi
if [ -n "$why" ]; then
  [ "$SHARED" = 1 ] || echo "WARNING: running unpinned ($why): the ratios are not comparable with pinned runs" >&2
  SHARED=1
  on_gateway=(); on_wrk=(); gateway_cpus=$cpus
  THREADS=${THREADS:-2}
  placement="unpinned ($why): wrk and the gateway share $cpus CPU(s)"
else
  # the gateway gets the upper half of the allowed CPUs (at least one), wrk the rest
  gateway_cpus=$(( cpus / 2 ))
  first=$(( cpus - gateway_cpus ))
  wrk_set=$(echo "${allowed[@]:0:$first}" | tr ' ' ,)
  gateway_set=$(echo "${allowed[@]:$first}" | tr ' ' ,)
  on_gateway=(taskset -c "$gateway_set"); on_wrk=(taskset -c "$wrk_set")
  THREADS=${THREADS:-$first}
  placement="pinned: the gateway on CPU $gateway_set, wrk on CPU $wrk_set"
fi

if ! command -v wrk >/dev/null; then
  echo "installing wrk (apt-get)..." >&2
  apt-get update -qq && apt-get install -y -qq wrk
fi
if [ ! -f examples/target/tokengate-example.jar ] || [ ! -f cli/target/tokengate-cli.jar ]; then
  mvn -B -q -DskipTests package
fi

work=$(mktemp -d)
java -jar cli/target/tokengate-cli.jar keys generate --alg ES256 --out "$work/keys.json" >/dev/null
"${on_gateway[@]}" java -jar examples/target/tokengate-example.jar --port "$PORT" --keys "$work/keys.json" > "$work/gateway.log" 2>&1 &
gateway=$!
trap 'kill $gateway 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE/health" >/dev/null || { cat "$work/gateway.log"; exit 1; }

token=$(java -jar cli/target/tokengate-cli.jar token issue --keys "$work/keys.json" --type API_ACCESS --scope READ \
  --ttl 1h --issuer "$BASE")
echo "generating $POOL fresh tokens..." >&2
java -cp cli/target/tokengate-cli.jar benchmarks/e2e/TokenPool.java "$work/keys.json" "$BASE" "$POOL" > "$work/tokens.txt"
# the warm-up and the measured run of F get disjoint tokens: a token the warm-up sent would be a cache hit
head -n $((POOL / 3)) "$work/tokens.txt" > "$work/warm-tokens.txt"
tail -n +$((POOL / 3 + 1)) "$work/tokens.txt" > "$work/fresh-tokens.txt"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$BASE/api/documents")" = 200 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/documents")" = 401 ]

U=("$BASE/public/documents")
H=(-H "Authorization: Bearer $token" "$BASE/public/documents")
R=(-H "Authorization: Bearer $token" "$BASE/api/documents")
F=(-s benchmarks/e2e/fresh-token.lua "$BASE/api/documents" -- "$work/fresh-tokens.txt" "$THREADS")
F_WARM=(-s benchmarks/e2e/fresh-token.lua "$BASE/api/documents" -- "$work/warm-tokens.txt" "$THREADS")

ticks=$(getconf CLK_TCK)
# the collector the gateway's JVM picks on its CPUs (one CPU: Serial, not G1)
gc=$("${on_gateway[@]}" java -XX:+PrintFlagsFinal -version 2>/dev/null \
  | awk '$2 ~ /^Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC$/ && $4 == "true" {print $2}')
cpu() { awk '{print $14 + $15}' "/proc/$gateway/stat"; } # user + system time of the gateway, in ticks
now() { date +%s%N; }
measure() { # route name, round; the route's wrk arguments are in the array of that name
  local route=$1 out="$work/$1.$2" before after start end
  declare -n args=$1
  start=$(now); before=$(cpu)
  "${on_wrk[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${args[@]}" > "$out"
  after=$(cpu); end=$(now)
  if grep -q "Non-2xx" "$out"; then
    echo "$out: some responses were not 2xx:" >&2; cat "$out" >&2; exit 1
  fi
  # the gateway's CPU per request ("N requests in ..."), and how busy its CPUs were over the same wall time
  awk -v t=$((after - before)) -v hz="$ticks" -v n="$gateway_cpus" -v ns=$((end - start)) '/requests in/ {
      secs = ns / 1e9;
      printf "cpu_us_per_request %.2f\n", t * 1e6 / hz / $1;
      printf "gateway_busy %.0f\n", 100 * t / hz / secs / n }' "$out" >> "$out"
  echo "  $route round $2: $(awk '/Requests\/sec/ {print $2}' "$out") requests/s," \
    "gateway CPU $(awk '/gateway_busy/ {print $2}' "$out")% busy" >&2
}
# warm up F first (with its own tokens): its JIT work on the EC code must be over before the first measured run
for route in F_WARM U H R; do
  declare -n a=$route; "${on_wrk[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${a[@]}" > /dev/null
done
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order="U H R"; else order="R H U"; fi
  for route in $order; do measure "$route" "$round"; done
done
measure F 1
sent=$(awk '/requests in/ {print $1}' "$work/F.1")
if [ "$sent" -gt "$(wc -l < "$work/fresh-tokens.txt")" ]; then
  echo "POOL=$POOL is too small: the fresh-token run sent $sent requests, so some tokens were sent twice" >&2; exit 1
fi

rps() { cat "$work/$1".* | awk '/Requests\/sec/ {s += $2; n++} END {printf "%.0f", s / n}'; }
runs() { for f in "$work/$1".*; do awk '/Requests\/sec/ {printf "%.0f", $2}' "$f"; echo; done | paste -sd/ -; }
p99() { cat "$work/$1".* | awk '$1 == "99%" {print $2}' | paste -sd/ -; }
cpu_us() { cat "$work/$1".* | awk '/cpu_us_per_request/ {s += $2; n++} END {printf "%.2f", s / n}'; }
busy() { cat "$work/$1".* | awk '/gateway_busy/ {print $2 "%"}' | paste -sd/ -; }
u=$(rps U); h=$(rps H); r=$(rps R); f=$(rps F)
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds, $cpus CPUs, $placement," \
  "$(java -version 2>&1 | head -1) with $gc on the gateway, $({ wrk -v 2>&1 || true; } | head -1 | awk '{print $1, $2}')," \
  "a ${#token}-character token, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| route | requests/s (mean) | each run | p99 latency (each run) | gateway CPU per request | gateway CPU busy |"
echo "|---|---:|---:|---:|---:|---:|"
echo "| U: GET /public/documents, no token | $u | $(runs U) | $(p99 U) | $(cpu_us U) µs | $(busy U) |"
echo "| H: GET /public/documents, the token's header sent but ignored (control) | $h | $(runs H) | $(p99 H) | $(cpu_us H) µs | $(busy H) |"
echo "| R: GET /api/documents, repeated ES256 token | $r | $(runs R) | $(p99 R) | $(cpu_us R) µs | $(busy R) |"
echo "| F: GET /api/documents, fresh ES256 token per request | $f | $(runs F) | $(p99 F) | $(cpu_us F) µs | $(busy F) |"
echo
awk -v u="$u" -v h="$h" -v r="$r" -v f="$f" -v cu="$(cpu_us U)" -v ch="$(cpu_us H)" -v cr="$(cpu_us R)" 'BEGIN {
  printf "R / U = %.3f (target >= 0.95)\n", r / u;
  printf "R / F = %.1f (target >= 40)\n", r / f;
  printf "H / U = %.3f: the Authorization header alone (%.2f µs more gateway CPU per request)\n", h / u, ch - cu;
  printf "R / H = %.3f: tokengate alone (%.2f µs more gateway CPU per request)\n", r / h, cr - ch }'
if [ "$SHARED" = 0 ]; then
  idle=$(cat "$work"/[UHRF].* | awk '/gateway_busy/ && $2 < 95 {n++} END {print n + 0}')
  if [ "$idle" -gt 0 ]; then
    echo "WARNING: in $idle run(s) the gateway's CPU was less than 95% busy: wrk was the bottleneck there," \
      "so those requests/s understate the gateway (more THREADS or CONNECTIONS, or more CPUs for wrk)"
  fi
fi
