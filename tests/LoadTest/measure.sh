#!/usr/bin/env bash
# The load measurements of docs/benchmarks.md, re-runnable as they are on a quiet machine.
#
#   tests/LoadTest/measure.sh build          Release build of the gateway, the echo server and the load tool
#   tests/LoadTest/measure.sh idle           N idle sockets on one embedded gateway, then on the echo server: memory per socket
#   tests/LoadTest/measure.sh throughput     N conversations talking at once (closed loop): gateway frames/s vs echo frames/s
#   tests/LoadTest/measure.sh latency        open loop at a share of the measured maximum turn rate: first-delta latency
#   tests/LoadTest/measure.sh storm          reconnect storm: a share of the sockets dropped mid-reply every second
#   tests/LoadTest/measure.sh grain-memory   K conversations x 20 turns: managed heap per conversation after a full GC
#   tests/LoadTest/measure.sh long           C conversations x 500 turns: turn time at turns 481-500 against turns 1-20
#   tests/LoadTest/measure.sh profile        the throughput load with `perf record` on the gateway: where its CPU goes
#   tests/LoadTest/measure.sh cluster        against deploy/local/cluster.sh (up, Release): turns/s over both gateways
#                                            and PostgreSQL WAL bytes written per turn and per 20 frames (pg_stat_wal)
#   tests/LoadTest/measure.sh failover       the failure drill (docs/operations.md): deploy/local/cluster.sh up, load on both
#                                            gateways while a silo is killed, another paused, PostgreSQL and a gateway killed
#                                            and restarted; lost / duplicate / gap counts and the wait of the turns in flight
#
# Settings (environment): IDLE_SOCKETS (19000), TALKING (1000), TURNS (20), LATENCY_SHARE (0.2), LONG (200),
# LONG_TURNS (500), CLUSTER_TALKING (1000), CLUSTER_TURNS (20), DISTINCT (set: throughput and cluster send every
# message as a text nobody sent before, so that the server's cache of recent embeddings never answers),
# STORM_SOCKETS (1000), STORM_SHARE (0.1), STORM_SECONDS (60), GRAINS (1000), CHUNK_DELAY (00:00:00 for
# throughput, latency and grain memory), OUT (.local/load: JSON reports and server logs).
# Failover: FAILOVER_SOCKETS (200), THINK_MS (200), GAP (20 s between events), PAUSE_SECONDS (15),
# DOWN_SECONDS (10: how long PostgreSQL and the gateway stay dead), and cluster.sh's LOCAL_* settings.
# Only loopback is used: the gateway on 127.0.0.1:5000, the echo server on 127.0.0.1:5100, the local cluster on
# cluster.sh's ports.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT:-$repo/.local/load}
mkdir -p "$out"
gateway_dll=$repo/Gateway/bin/Release/net10.0/Conversations.Gateway.dll
echo_dll=$repo/tests/EchoServer/bin/Release/net10.0/Conversations.EchoServer.dll
load_dll=$repo/tests/LoadTest/bin/Release/net10.0/Conversations.LoadTest.dll
server_pid=

load() { dotnet "$load_dll" "$@"; }

wait_ready() {
  for _ in $(seq 1 300); do
    if curl -fs "$1" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "not ready: $1" >&2
  return 1
}

# The embedded gateway (silo in process, in-memory storage, offline responder); extra settings as --Key value.
start_gateway() {
  (cd "$(dirname "$gateway_dll")" && exec dotnet "$gateway_dll" --Urls http://127.0.0.1:5000 \
    --Logging:LogLevel:Default Warning --Cluster:ClusterId "load-$(date +%s%N)" "$@" >"$out/gateway.log" 2>&1) &
  server_pid=$!
  wait_ready http://127.0.0.1:5000/health/ready
}

start_echo() {
  (cd "$(dirname "$echo_dll")" && exec dotnet "$echo_dll" --Urls http://127.0.0.1:5100 >"$out/echo.log" 2>&1) &
  server_pid=$!
  wait_ready http://127.0.0.1:5100/metrics
}

# A fresh gateway first runs a short load of its own, so that measured runs do not pay for JIT tiering.
warm_up() {
  load --connections 200 --turns 5 --ramp-up 1 --run-id "warmup-$(date +%s%N)" >/dev/null 2>&1 || true
}

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap stop_server EXIT

# The failure drill. Each step is bounded: sleeps of fixed length, polls of bounded count, the load tool's own
# --deadline. Only the processes this script started (through cluster.sh) are signalled.
failover() {
  local cluster=$repo/deploy/local/cluster.sh config=${LOCAL_CONFIGURATION:-Debug}
  local dll=$repo/tests/LoadTest/bin/${LOCAL_CONFIGURATION:-Debug}/net10.0/Conversations.LoadTest.dll
  local gap=${GAP:-20} pause=${PAUSE_SECONDS:-15} down=${DOWN_SECONDS:-10} pg_port=${LOCAL_PG_PORT:-54329}
  local -a gateway_ports silo_ports silo_http_ports
  read -r -a gateway_ports <<<"${LOCAL_GATEWAY_PORTS:-5001 5002}"
  read -r -a silo_ports <<<"${LOCAL_SILO_PORTS:-11201 11202 11203}"
  read -r -a silo_http_ports <<<"${LOCAL_SILO_HTTP_PORTS:-8201 8202 8203}"
  local psql
  psql=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql
  events=$out/failover-events.txt
  : >"$events"
  cluster_dir=${LOCAL_CLUSTER_DIR:-$repo/.local/cluster}
  export LOCAL_CONFIGURATION=$config
  trap failover_cleanup EXIT

  bash "$cluster" up
  cluster_started=1
  t0=$(date +%s%3N)
  dotnet "$dll" --url "ws://127.0.0.1:${gateway_ports[0]},ws://127.0.0.1:${gateway_ports[1]}" \
    --connections "${FAILOVER_SOCKETS:-200}" --turns 100000 --think-ms "${THINK_MS:-200}" --ramp-up 10 \
    --duration 900 --deadline 1000 --turn-timeout 60 --events "$events" --json "$out/failover.json" \
    >"$out/failover-report.txt" 2>"$out/failover-load.log" &
  load_pid=$!
  sleep 15

  mark silo1-sigkill
  kill -KILL "$(bash "$cluster" pid silo1)"
  until_status "${silo_ports[0]}" 6 30 "silo1 declared dead in the membership table" || true
  sleep "$gap"
  mark silo1-restart
  bash "$cluster" start silo1
  note "silo1 healthy again"

  sleep "$gap"
  local paused
  paused=$(bash "$cluster" pid silo2)
  mark silo2-sigstop
  kill -STOP "$paused"
  stopped_pid=$paused
  local stop_ms
  stop_ms=$(date +%s%3N)
  until_status "${silo_ports[1]}" 6 "$pause" "silo2 (paused) declared dead in the membership table" || true
  sleep_until $((stop_ms + pause * 1000))
  mark silo2-sigcont
  kill -CONT "$paused"
  stopped_pid=
  # Declared dead, the silo stops itself once it runs again and reads the table; not declared dead, it goes on.
  local outcome="still running 60 s after SIGCONT"
  for _ in $(seq 1 240); do
    if ! kill -0 "$paused" 2>/dev/null; then outcome="stopped itself"; break; fi
    sleep 0.25
  done
  note "silo2 after SIGCONT: $outcome (membership status now $(member_status "${silo_ports[1]}"))"
  if [ "$outcome" = "stopped itself" ]; then
    mark silo2-restart
    bash "$cluster" start silo2
    note "silo2 healthy again"
  fi

  sleep "$gap"
  mark postgres-sigkill
  kill -KILL "$(bash "$cluster" pid postgres)"
  sleep "$down"
  mark postgres-restart
  bash "$cluster" start postgres
  note "PostgreSQL accepting connections again"

  sleep "$gap"
  mark gateway1-sigkill
  kill -KILL "$(bash "$cluster" pid gateway1)"
  sleep "$down"
  mark gateway1-restart
  bash "$cluster" start gateway1
  note "gateway1 ready again"

  sleep "$gap"
  note "ending the load (SIGTERM: no new turns, the ones in flight answered)"
  kill -TERM "$load_pid"
  wait "$load_pid" || true
  load_pid=
  cat "$out/failover-report.txt"
  echo "membership of cluster 'local' (status 3 active, 6 dead):"
  "$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d conversations -c \
    "SELECT port, generation, status, start_time::time(0) AS started, i_am_alive_time::time(0) AS last_alive, suspect_times
     FROM orleans_membership WHERE deployment_id = 'local' ORDER BY port, generation" || true
  mkdir -p "$out/failover-logs"
  cp "$cluster_dir"/logs/*.log "$out/failover-logs/" 2>/dev/null || true
  python3 - "$out/failover.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
v = r["violations"]
print(f"drill: {r['turns_completed']} turns answered of {r['turns_started']} started; lost {v['lost_frames']}, duplicate {v['duplicate_frames']}, "
      f"gaps {v['seq_gaps']}, turns not completed {v['turns_not_completed']}, timed out {r['turns_timed_out']}; "
      f"reconnects {r['reconnects']} ({r['failovers']} to the other gateway), connect failures {r['connect_failures']}")
for e in r["events"]:
    f, d = e["first_frame_ms"], e["reply_ms"]
    print(f"  {e['name']:<18} {e['turns_in_flight']:4} in flight, {e['turns_not_completed']} not answered; first frame after "
          f"p50 {f['p50']:.0f} p99 {f['p99']:.0f} max {f['max']:.0f} ms; reply after p50 {d['p50']:.0f} p99 {d['p99']:.0f} max {d['max']:.0f} ms")
PY
}

mark() {
  echo "$(date +%s%3N) $1" >>"$events"
  note "$1"
}

note() { printf '%7.1f s  %s\n' "$(( $(date +%s%3N) - t0 ))e-3" "$1"; }

sleep_until() {
  local left=$(( $1 - $(date +%s%3N) ))
  if [ "$left" -gt 0 ]; then sleep "$(printf '%d.%03d' $((left / 1000)) $((left % 1000)))"; fi
}

# The status of the newest membership row of the silo on silo-to-silo port $1 (empty while PostgreSQL is down).
member_status() {
  "$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql" -h 127.0.0.1 -p "${LOCAL_PG_PORT:-54329}" -U postgres \
    -d conversations -At -c "SELECT status FROM orleans_membership WHERE deployment_id = 'local' AND port = $1 ORDER BY generation DESC LIMIT 1" \
    2>/dev/null || true
}

# Polls (every 0.25 s, for at most $3 s) until the silo on port $1 has status $2; prints how long that took.
until_status() {
  local since
  since=$(date +%s%3N)
  for _ in $(seq 1 $(( $3 * 4 ))); do
    if [ "$(member_status "$1")" = "$2" ]; then
      note "$4 after $(( $(date +%s%3N) - since )) ms"
      return 0
    fi
    sleep 0.25
  done
  note "$4: not within $3 s"
  return 1
}

failover_cleanup() {
  if [ -n "${stopped_pid:-}" ]; then kill -CONT "$stopped_pid" 2>/dev/null || true; fi
  if [ -n "${load_pid:-}" ] && kill -0 "$load_pid" 2>/dev/null; then
    kill -TERM "$load_pid" 2>/dev/null || true
    wait "$load_pid" 2>/dev/null || true
  fi
  if [ -n "${cluster_started:-}" ]; then
    cp "$cluster_dir"/logs/*.log "$out/failover-logs/" 2>/dev/null || true
    bash "$repo/deploy/local/cluster.sh" down || true
  fi
}

json_field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))$2)" "$1"; }

scenario=${1:-}
shift || true
case "$scenario" in
  build)
    dotnet build -c Release "$repo/Gateway"
    dotnet build -c Release "$repo/tests/EchoServer"
    dotnet build -c Release "$repo/tests/LoadTest"
    ;;
  idle)
    n=${IDLE_SOCKETS:-19000}
    start_gateway --Gateway:MaxConnections 20000
    load --mode idle --connections "$n" --ramp-up "${RAMP:-60}" --hold "${HOLD:-20}" --source-addresses 16 \
      --pid "$server_pid" --metrics-url http://127.0.0.1:5000/metrics --force-gc --json "$out/idle-gateway.json" || true
    stop_server
    start_echo
    load --url ws://127.0.0.1:5100 --mode idle --baseline --connections "$n" --ramp-up "${RAMP:-60}" --hold "${HOLD:-20}" --source-addresses 16 \
      --pid "$server_pid" --metrics-url http://127.0.0.1:5100/metrics --force-gc --json "$out/idle-echo.json" || true
    ;;
  throughput)
    # RUNS pairs (gateway, then echo server at the same concurrency); each ratio, then the medians. The echo
    # run does ECHO_TURNS turns per socket (10x as many) so that it lasts long enough to measure a rate.
    n=${TALKING:-1000}
    turns=${TURNS:-20}
    for run in $(seq 1 "${RUNS:-1}"); do
      start_gateway --Responders:Offline:ChunkDelay "${CHUNK_DELAY:-00:00:00}" --Gateway:MessagesPerSecond 100 --Gateway:MessageBurst 100
      warm_up
      load --connections "$n" --turns "$turns" --ramp-up 10 ${DISTINCT:+--distinct-messages} --json "$out/throughput-gateway-$run.json" || true
      stop_server
      frames=$(json_field "$out/throughput-gateway-$run.json" "['frames_per_turn']")
      k=$(python3 -c "print(max(2, round($frames)))")
      start_echo
      load --url ws://127.0.0.1:5100 --baseline --echo-frames "$k" --connections "$n" --turns "${ECHO_TURNS:-$((turns * 10))}" \
        --ramp-up 10 --json "$out/throughput-echo-$run.json" || true
      stop_server
      cp "$out/throughput-gateway-$run.json" "$out/throughput-gateway.json"
    done
    python3 - "$out" "${RUNS:-1}" <<'PY'
import json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
ratios, gateway, echo, turns = [], [], [], []
for run in range(1, runs + 1):
    g = json.load(open(f"{out}/throughput-gateway-{run}.json"))
    e = json.load(open(f"{out}/throughput-echo-{run}.json"))
    ratio = g["frames_per_second"] / e["frames_per_second"]
    ratios.append(ratio); gateway.append(g["frames_per_second"]); echo.append(e["frames_per_second"]); turns.append(g["turns_per_second"])
    print(f"run {run}: gateway {g['frames_per_second']:.0f} frames/s ({g['turns_per_second']:.0f} turns/s, {g['frames_per_turn']:.1f} frames/turn), "
          f"echo {e['frames_per_second']:.0f} frames/s: ratio {ratio:.1%}")
print(f"median of {runs}: gateway {statistics.median(gateway):.0f} frames/s ({statistics.median(turns):.0f} turns/s), "
      f"echo {statistics.median(echo):.0f} frames/s, ratio {statistics.median(ratios):.1%}")
PY
    ;;
  latency)
    n=${TALKING:-1000}
    max=${MAX_RATE:-$(json_field "$out/throughput-gateway.json" "['turns_per_second']")}
    rate=$(python3 -c "print(round($max * ${LATENCY_SHARE:-0.2}, 1))")
    echo "open loop at $rate turns/s (${LATENCY_SHARE:-0.2} of $max)"
    start_gateway --Responders:Offline:ChunkDelay "${CHUNK_DELAY:-00:00:00}" --Gateway:MessagesPerSecond 100 --Gateway:MessageBurst 100
    warm_up
    load --mode open --rate "$rate" --connections "$n" --turns "${TURNS:-20}" --duration "${DURATION:-30}" --ramp-up 10 \
      --json "$out/latency-gateway.json" || true
    ;;
  storm)
    start_gateway
    load --connections "${STORM_SOCKETS:-1000}" --turns 100000 --duration "${STORM_SECONDS:-60}" --think-ms "${THINK_MS:-200}" \
      --ramp-up 10 --storm-share "${STORM_SHARE:-0.1}" --storm-seconds "${STORM_SECONDS:-60}" --json "$out/storm-gateway.json" || true
    ;;
  grain-memory)
    # Read a while after the run, once the stream cache has had time to let go of its frames.
    start_gateway --Responders:Offline:ChunkDelay "${CHUNK_DELAY:-00:00:00}" --Gateway:MessagesPerSecond 100 --Gateway:MessageBurst 100 "$@"
    load --connections "${GRAINS:-1000}" --turns 20 --ramp-up 10 --pid "$server_pid" --metrics-url http://127.0.0.1:5000/metrics \
      --force-gc --memory-after-close --memory-delay "${MEMORY_DELAY:-65}" --json "$out/grain-memory.json" || true
    ;;
  long)
    # Turns late in a conversation against turns early in one, in the same seconds: LONG/2 conversations do
    # LONG_TURNS - 20 turns alone, then they (turns LONG_TURNS-19 .. LONG_TURNS) and LONG/2 fresh ones (turns
    # 1..20) talk at once. RUNS times, each on a fresh gateway; the ratio of the two groups' turn rates.
    total=${LONG_TURNS:-500}
    for run in $(seq 1 "${RUNS:-1}"); do
      start_gateway --Responders:Offline:ChunkDelay "${CHUNK_DELAY:-00:00:00}" --Gateway:MessagesPerSecond 100 --Gateway:MessageBurst 100
      warm_up
      load --connections "${LONG:-200}" --turns "$total" --aged $((total - 20)) --ramp-up 5 --turn-timeout 60 --deadline 1800 \
        --json "$out/long-gateway-$run.json" || true
      stop_server
    done
    python3 - "$out" "${RUNS:-1}" <<'PY'
import json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
ratios = []
for run in range(1, runs + 1):
    w = json.load(open(f"{out}/long-gateway-{run}.json"))["turn_windows"]
    early, late = w[0], w[-1]
    ratio = late["turns_per_second"] / early["turns_per_second"]
    ratios.append(ratio)
    print(f"run {run}: turns {early['first_turn']}-{early['last_turn']} {early['mean_turn_ms']:.1f} ms ({early['turns_per_second']:.0f} turns/s), "
          f"turns {late['first_turn']}-{late['last_turn']} {late['mean_turn_ms']:.1f} ms ({late['turns_per_second']:.0f} turns/s): late/early {ratio:.1%}")
print(f"median of {runs}: late/early turn rate {statistics.median(ratios):.1%}")
PY
    ;;
  profile)
    # perf needs the JIT's symbol map, and the map needs W^X off. The gateway is sampled for PROFILE_SECONDS
    # (20) in the middle of a throughput run; the report groups samples by library, then by function.
    export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
    start_gateway --Responders:Offline:ChunkDelay "${CHUNK_DELAY:-00:00:00}" --Gateway:MessagesPerSecond 100 --Gateway:MessageBurst 100
    warm_up
    load --connections "${TALKING:-1000}" --turns "${TURNS:-40}" --ramp-up 5 --json "$out/profile-gateway.json" >"$out/profile-load.log" 2>&1 &
    load_pid=$!
    sleep 8
    perf record -F 499 -g -p "$server_pid" -o "$out/perf.data" -- sleep "${PROFILE_SECONDS:-20}" >/dev/null 2>&1
    wait "$load_pid" || true
    grep -E "turns/s|frames received" "$out/profile-load.log" || true
    perf report -i "$out/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -12
    perf report -i "$out/perf.data" --no-children --sort sym --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -40
    ;;
  cluster)
    # The local cluster must be up (LOCAL_CONFIGURATION=Release deploy/local/cluster.sh up). Load over both
    # gateways; the WAL PostgreSQL wrote meanwhile (everything: log, snapshots, transcript, membership),
    # per completed turn and per 20 frames.
    pg_port=${LOCAL_PG_PORT:-54329}
    psql_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql
    wal() {
      if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d conversations -Atc "$1"
      else
        "$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d conversations -Atc "$1"
      fi
    }
    urls=(--url ws://127.0.0.1:5001,ws://127.0.0.1:5002)
    load "${urls[@]}" --connections 200 --turns 5 --ramp-up 2 --run-id "warmup-$(date +%s%N)" >/dev/null 2>&1 || true
    before=$(wal "SELECT pg_current_wal_lsn()")
    load "${urls[@]}" --connections "${CLUSTER_TALKING:-1000}" --turns "${CLUSTER_TURNS:-20}" --ramp-up 10 ${DISTINCT:+--distinct-messages} \
      --json "$out/cluster-gateway.json" || true
    after=$(wal "SELECT pg_current_wal_lsn()")
    wal_bytes=$(wal "SELECT pg_wal_lsn_diff('$after', '$before')::bigint")
    python3 - "$out/cluster-gateway.json" "$wal_bytes" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
wal = int(sys.argv[2])
turns, frames = r["turns_completed"], r["frames_received"]
print(f"cluster: {r['connections_opened']} conversations, {r['turns_per_second']:.0f} turns/s, {r['frames_per_second']:.0f} frames/s "
      f"({r['frames_per_turn']:.1f} frames/turn), first delta p99 {r['first_delta_ms']['p99']:.1f} ms")
print(f"PostgreSQL WAL: {wal / 1048576:.1f} MiB for {turns} turns: {wal / max(turns, 1) / 1024:.2f} KiB per turn, "
      f"{wal / max(frames, 1) * 20 / 1024:.2f} KiB per 20 frames")
PY
    # Where the WAL went, by table and index (pg_walinspect, PostgreSQL 15 and later), per completed turn.
    turns=$(python3 -c 'import json,sys; print(max(json.load(open(sys.argv[1]))["turns_completed"], 1))' "$out/cluster-gateway.json")
    wal "CREATE EXTENSION IF NOT EXISTS pg_walinspect" >/dev/null 2>&1 &&
      wal "WITH r AS (SELECT record_length, substring(block_ref from 'rel [0-9]+/[0-9]+/([0-9]+)')::oid AS node
                      FROM pg_get_wal_records_info('$before', '$after'))
           SELECT format('  %-40s %8s B per turn', coalesce(c.relname, '(no relation: commits and the like)'), round(sum(r.record_length)::numeric / $turns))
           FROM r LEFT JOIN pg_class c ON c.relfilenode = r.node
           GROUP BY c.relname ORDER BY sum(r.record_length) DESC LIMIT 10" || true
    ;;
  failover)
    failover
    ;;
  *)
    sed -n '2,25p' "$0"
    exit 2
    ;;
esac
