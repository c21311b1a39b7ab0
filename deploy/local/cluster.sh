#!/usr/bin/env bash
# A local multi-node cluster on loopback: a throwaway PostgreSQL, the schema, three silos and two gateways.
#
#   deploy/local/cluster.sh up       build, start everything, wait until every node is healthy
#   deploy/local/cluster.sh up --no-build
#                                    the same with the silo and gateway already built (LOCAL_NO_BUILD=1 too):
#                                    nothing is compiled, so it can run beside other builds or tests
#   deploy/local/cluster.sh status   what runs, with health
#   deploy/local/cluster.sh down     stop gateways (SIGTERM: clients are told to reconnect), silos, PostgreSQL;
#                                    delete the cluster's data
#   deploy/local/cluster.sh start N  start node N again (silo1-3, gateway1-2, postgres) with its settings and ports,
#                                    after it was stopped or killed; waits until it is healthy
#   deploy/local/cluster.sh pid N    the process id of node N (for postgres: its postmaster)
#
# Ports (override with environment variables): PostgreSQL 54329 (LOCAL_PG_PORT); gateways on
# http://127.0.0.1:5001 and :5002 (LOCAL_GATEWAY_PORTS); silos' health on :8201-8203, silo-to-silo
# :11201-11203, Orleans gateway :30201-30203 (LOCAL_SILO_HTTP_PORTS, LOCAL_SILO_PORTS, LOCAL_SILO_GATEWAY_PORTS).
# State and logs: .local/cluster (LOCAL_CLUSTER_DIR). Build configuration: Debug (LOCAL_CONFIGURATION).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
dir=${LOCAL_CLUSTER_DIR:-$repo/.local/cluster}
pg_port=${LOCAL_PG_PORT:-54329}
read -r -a gateway_ports <<<"${LOCAL_GATEWAY_PORTS:-5001 5002}"
read -r -a silo_http_ports <<<"${LOCAL_SILO_HTTP_PORTS:-8201 8202 8203}"
read -r -a silo_ports <<<"${LOCAL_SILO_PORTS:-11201 11202 11203}"
read -r -a silo_gateway_ports <<<"${LOCAL_SILO_GATEWAY_PORTS:-30201 30202 30203}"
configuration=${LOCAL_CONFIGURATION:-Debug}
no_build=${LOCAL_NO_BUILD:-0}
# Five nodes share one PostgreSQL: each pool is capped so that together they stay under its max_connections
# (Npgsql's default pool of 100 per node let three busy silos exhaust PostgreSQL's default of 100).
connection="Host=127.0.0.1;Port=${pg_port};Database=conversations;Username=postgres;Maximum Pool Size=30"

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "PostgreSQL server binaries not found: sudo apt-get install postgresql" >&2
    exit 1
  fi
  echo "$bin"
}

# PostgreSQL's folder: inside the state folder, or, when run as root, a temporary folder owned by the
# postgres user (initdb refuses root, and the state folder's parents need not be open to postgres).
pg_dir() {
  if [ -f "$dir/pg-dir" ]; then cat "$dir/pg-dir"; else echo "$dir/pg"; fi
}

# initdb refuses to run as root: run PostgreSQL as the postgres user then.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# GET url; succeeds on HTTP 200. Plain bash (/dev/tcp), so that nothing beyond bash is needed.
http_ok() {
  local rest=${1#http://} host port path status
  host=${rest%%:*}
  rest=${rest#*:}
  port=${rest%%/*}
  path=/${rest#*/}
  (
    exec 3<>"/dev/tcp/$host/$port" || exit 1
    printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$host" >&3
    read -r -t 5 _ status _ <&3 || exit 1
    [ "$status" = 200 ]
  ) 2>/dev/null
}

wait_healthy() {
  local name=$1 url=$2
  for _ in $(seq 1 300); do
    if http_ok "$url"; then return 0; fi
    if ! kill -0 "$(cat "$dir/pids/$name.pid")" 2>/dev/null; then
      echo "$name exited while starting; see $dir/logs/$name.log" >&2
      tail -n 20 "$dir/logs/$name.log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "$name not healthy after 60 s; see $dir/logs/$name.log" >&2
  return 1
}

start_node() {
  local name=$1 assembly=$2
  shift 2
  pushd "$(dirname "$assembly")" >/dev/null
  env "$@" nohup dotnet "$assembly" >>"$dir/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$dir/pids/$name.pid"
  popd >/dev/null
}

up() {
  if [ -d "$dir/pids" ] && ls "$dir"/pids/*.pid >/dev/null 2>&1; then
    echo "A local cluster is already up (see: $0 status; stop it with: $0 down)" >&2
    exit 1
  fi
  local bin
  bin=$(pg_bin)
  mkdir -p "$dir/logs" "$dir/pids"
  if [ "$(id -u)" -eq 0 ]; then
    mktemp -d /tmp/conversations-local-pg.XXXXXX >"$dir/pg-dir"
    chown postgres:postgres "$(pg_dir)"
  else
    mkdir -p "$dir/pg"
  fi
  local pg
  pg=$(pg_dir)
  local silo_dll="$repo/Silo/bin/$configuration/net10.0/Conversations.Silo.dll"
  local gateway_dll="$repo/Gateway/bin/$configuration/net10.0/Conversations.Gateway.dll"
  if [ "$no_build" = 1 ]; then
    for dll in "$silo_dll" "$gateway_dll"; do
      if [ ! -f "$dll" ]; then
        echo "$dll not found: build first (dotnet build -c $configuration), or run without --no-build" >&2
        exit 1
      fi
    done
  else
    # Only the two programs the cluster runs (and what they use), not the tests.
    echo "building..."
    dotnet build "$repo/Silo/Silo.csproj" -c "$configuration" -v quiet -nologo >/dev/null
    dotnet build "$repo/Gateway/Gateway.csproj" -c "$configuration" -v quiet -nologo >/dev/null
  fi

  echo "starting PostgreSQL on 127.0.0.1:${pg_port}..."
  as_pg "$bin/initdb" -D "$pg/data" -A trust -U postgres -E UTF8 --no-sync >"$dir/logs/postgres-init.log"
  as_pg "$bin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w -o "-p ${pg_port} -k $pg -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  as_pg "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "CREATE DATABASE conversations"

  echo "applying the schema..."
  (cd "$(dirname "$silo_dll")" && ConnectionStrings__Postgres="$connection" dotnet "$silo_dll" migrate >"$dir/logs/migrate.log" 2>&1) \
    || { cat "$dir/logs/migrate.log" >&2; exit 1; }

  for i in 0 1 2; do
    echo "starting silo $((i + 1)) (health http://127.0.0.1:${silo_http_ports[$i]}/health)..."
    start_silo "$i"
    wait_healthy "silo$((i + 1))" "http://127.0.0.1:${silo_http_ports[$i]}/health"
  done
  for i in 0 1; do
    echo "starting gateway $((i + 1)) (http://127.0.0.1:${gateway_ports[$i]})..."
    start_gateway "$i"
  done
  for i in 0 1; do
    wait_healthy "gateway$((i + 1))" "http://127.0.0.1:${gateway_ports[$i]}/health/ready"
  done
  status
}

silo_dll="$repo/Silo/bin/$configuration/net10.0/Conversations.Silo.dll"
gateway_dll="$repo/Gateway/bin/$configuration/net10.0/Conversations.Gateway.dll"
common=(ConnectionStrings__Postgres="$connection" Cluster__Clustering=Postgres Cluster__Storage=Postgres Cluster__ClusterId=local)

# Silo i (0-2) and gateway i (0-1) with their settings and ports; a restart appends to the node's log.
start_silo() {
  local i=$1
  start_node "silo$((i + 1))" "$silo_dll" "${common[@]}" Urls="http://127.0.0.1:${silo_http_ports[$i]}" \
    Cluster__SiloPort="${silo_ports[$i]}" Cluster__GatewayPort="${silo_gateway_ports[$i]}"
}

start_gateway() {
  local i=$1
  start_node "gateway$((i + 1))" "$gateway_dll" "${common[@]}" Gateway__Mode=Client Auth__Enabled=false Urls="http://127.0.0.1:${gateway_ports[$i]}"
}

# PostgreSQL again on its data folder (crash recovery after a kill). Its killed postmaster's backends leave
# shortly after it; until they have, the start is refused (shared memory still in use), so it is retried.
start_postgres() {
  local bin pg
  bin=$(pg_bin)
  pg=$(pg_dir)
  for _ in $(seq 1 40); do
    if as_pg "$bin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w -t 60 \
      -o "-p ${pg_port} -k $pg -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  echo "PostgreSQL did not start again; see $pg/server.log" >&2
  return 1
}

node_pid() {
  case "$1" in
    postgres) head -n 1 "$(pg_dir)/data/postmaster.pid" ;;
    silo[1-3] | gateway[1-2]) cat "$dir/pids/$1.pid" ;;
    *) echo "unknown node $1 (silo1-3, gateway1-2, postgres)" >&2; return 2 ;;
  esac
}

start() {
  local name=${1:-}
  [ -d "$dir/pids" ] || { echo "no local cluster (start one with: $0 up)" >&2; exit 1; }
  case "$name" in
    postgres) start_postgres ;;
    silo[1-3] | gateway[1-2])
      if [ -f "$dir/pids/$name.pid" ] && kill -0 "$(cat "$dir/pids/$name.pid")" 2>/dev/null; then
        echo "$name is running" >&2
        exit 1
      fi
      local i=$((${name: -1} - 1))
      if [[ $name == silo* ]]; then
        start_silo "$i"
        wait_healthy "$name" "http://127.0.0.1:${silo_http_ports[$i]}/health"
      else
        start_gateway "$i"
        wait_healthy "$name" "http://127.0.0.1:${gateway_ports[$i]}/health/ready"
      fi
      ;;
    *) echo "usage: $0 start silo1|silo2|silo3|gateway1|gateway2|postgres" >&2; exit 2 ;;
  esac
}

status() {
  if [ ! -d "$dir/pids" ]; then
    echo "no local cluster (start one with: $0 up)"
    return 0
  fi
  printf '%-10s %-8s %-7s %s\n' node pid state endpoint
  local pg_state=down
  if as_pg "$(pg_bin)/pg_isready" -h 127.0.0.1 -p "$pg_port" -q 2>/dev/null; then pg_state=up; fi
  printf '%-10s %-8s %-7s %s\n' postgres - "$pg_state" "127.0.0.1:${pg_port}"
  for i in 0 1 2; do
    node_status "silo$((i + 1))" "http://127.0.0.1:${silo_http_ports[$i]}/health"
  done
  for i in 0 1; do
    node_status "gateway$((i + 1))" "http://127.0.0.1:${gateway_ports[$i]}/health/ready"
  done
}

node_status() {
  local name=$1 url=$2 pid=- state=down
  if [ -f "$dir/pids/$name.pid" ]; then
    pid=$(cat "$dir/pids/$name.pid")
    if kill -0 "$pid" 2>/dev/null; then
      state=running
      if http_ok "$url"; then state=healthy; fi
    fi
  fi
  printf '%-10s %-8s %-7s %s\n' "$name" "$pid" "$state" "${url%/health*}"
}

stop_node() {
  local name=$1 pid
  [ -f "$dir/pids/$name.pid" ] || return 0
  pid=$(cat "$dir/pids/$name.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/pids/$name.pid"
}

down() {
  [ -d "$dir" ] || { echo "no local cluster"; return 0; }
  for name in gateway1 gateway2 silo1 silo2 silo3; do stop_node "$name"; done
  local pg
  pg=$(pg_dir)
  if [ -d "$pg/data" ]; then as_pg "$(pg_bin)/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  if [ "$pg" != "$dir/pg" ]; then rm -rf "$pg"; fi
  rm -rf "$dir"
  echo "local cluster stopped and removed"
}

if [ "${2:-}" = --no-build ]; then no_build=1; fi
case "${1:-}" in
  up) up ;;
  status) status ;;
  down) down ;;
  start) start "${2:-}" ;;
  pid) node_pid "${2:-}" ;;
  *) echo "usage: $0 up [--no-build]|status|down|start NODE|pid NODE" >&2; exit 2 ;;
esac
