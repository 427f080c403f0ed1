#!/usr/bin/env bash
# One start to ready, on a fresh data directory and free ports; prints the milliseconds and ends the
# process at once (SIGKILL: the store is crash-safe), so a whole-process timer of this script measures
# start-to-ready. Usage:
#   bench/start-to-ready.sh playerbase    the README's start command (./playerbase: JDK 25+ uses the AOT cache)
#   bench/start-to-ready.sh jar           java -jar bootstrap/target/playerbase.jar (no AOT cache)
#   bench/start-to-ready.sh minimal       the framework's floor (bench/minimal-app, built by bench/minimal-app.sh)
#   bench/start-to-ready.sh minimal-aot   the floor with its own AOT cache (JDK 25+)
# Ready: /health/readiness answers 200 (database reachable, migrations applied); for the floor, GET /ping.
# The probe is one python3 process polling every 10 ms; BENCH_PROBE=curl gives the earlier curl loop.
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export MICRONAUT_SERVER_PORT=$port PLAYERBASE_EMBEDDED_PORT=0 PLAYERBASE_DATA_DIR="$work/data"
minimal=bench/minimal-app/target/minimal-app.jar
case "${1:-playerbase}" in
  playerbase) cmd=(./playerbase); probe=/health/readiness ;;
  jar) cmd=("$java_bin" -jar bootstrap/target/playerbase.jar); probe=/health/readiness ;;
  minimal) cmd=("$java_bin" -jar "$minimal"); probe=/ping ;;
  minimal-aot) cmd=("$java_bin" -XX:AOTCache=bench/minimal-app/target/minimal-app.aot -jar "$minimal"); probe=/ping ;;
  *) echo "unknown target $1" >&2; exit 2 ;;
esac
start=$(date +%s%N)
"${cmd[@]}" >"$work/log" 2>&1 &
pid=$!
if [ "${BENCH_PROBE:-python}" = curl ]; then
  # The probe of the figures before 2026-12-08: a curl and a sleep process every ~20 ms, about 12 ms of
  # CPU each, so about a second of CPU taken from a 2-core machine during a 2-second start.
  until curl -sf -o /dev/null "localhost:$port$probe"; do
    kill -0 $pid 2>/dev/null || { cat "$work/log" >&2; exit 1; }
    sleep 0.01
  done
else
  # One process polls every 10 ms on a plain socket: no process started per attempt.
  python3 - "$port" "$probe" "$pid" <<'PY' || { cat "$work/log" >&2; exit 1; }
import os, socket, sys, time
port, probe, pid = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
request = f"GET {probe} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()
while True:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(request)
            if s.recv(64).startswith(b"HTTP/1.1 200"):
                break
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit(1)
    time.sleep(0.01)
PY
fi
end=$(date +%s%N)
kill -9 $pid; wait $pid 2>/dev/null || true
echo "$1 $(( (end - start) / 1000000 )) ms to ready"
