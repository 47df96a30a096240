#!/usr/bin/env bash
# A real Neo4j 5.26 community server for the test suite, without Docker: the server's
# jars come from Maven (tests/neo4j_server/pom.xml) and run with Neo4j's own launchers.
#
#   scripts/neo4j-test-server.sh install        # resolve the jars into the cache (once)
#   scripts/neo4j-test-server.sh start          # prints bolt://127.0.0.1:PORT when Bolt answers
#   scripts/neo4j-test-server.sh stop PORT|URL  # stop that server and delete its database
#   scripts/neo4j-test-server.sh stop --keep PORT|URL  # stop it but keep its database
#   scripts/neo4j-test-server.sh restart PORT|URL      # start a kept server again, same data
#   scripts/neo4j-test-server.sh stop --all     # stop every server started from this cache
#   scripts/neo4j-test-server.sh status         # list the servers started here
#
# Every `start` starts a new server on a free loopback port with an empty database of its
# own, so concurrent test runs never share data; `stop` deletes that database.
# Settings, all optional (see tests/neo4j_server/README.md):
#   NEO4J_PASSWORD (jejaring-test, at least 8 characters) for the user neo4j;
#   NEO4J_TEST_HEAP (512m), NEO4J_TEST_PAGECACHE (128m), NEO4J_TEST_START_TIMEOUT (240 s);
#   NEO4J_TEST_JVM: startup (the default, for the test suite: quick to start, small) or
#   throughput (for long write-heavy runs such as the benchmark's imports: the optimising
#   compiler and the parallel collector write a large batch some 2.5 times faster once warm);
#   JEJARING_NEO4J_CACHE (.cache/neo4j-5.26 in the repository); JAVA_HOME (Java 17 or 21).
# Needs bash, Maven (install only), Java 17 or 21, python3 (to find a free port), timeout.
set -euo pipefail
shopt -s nullglob

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
pom="$root/tests/neo4j_server/pom.xml"
cache="$(realpath -m "${JEJARING_NEO4J_CACHE:-$root/.cache/neo4j-5.26}")"
lib="$cache/lib"
servers="$cache/servers"
version="$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$pom")"

say() { printf 'neo4j-test-server: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# The home of a Java 17 or 21 runtime (the ones Neo4j 5.26 supports): JAVA_HOME first,
# then the java on PATH, then the JDKs under /usr/lib/jvm.
java_home() {
    local on_path="" candidate spec
    if command -v java >/dev/null; then
        on_path="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    fi
    for candidate in "${JAVA_HOME:-}" "$on_path" /usr/lib/jvm/*; do
        [[ -n "$candidate" && -x "$candidate/bin/java" ]] || continue
        spec="$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 |
            sed -n 's/^ *java.specification.version = //p')"
        if [[ "$spec" == 17 || "$spec" == 21 ]]; then
            printf '%s\n' "$candidate"
            return
        fi
    done
    die "Neo4j $version needs Java 17 or 21; set JAVA_HOME to one"
}

installed() {
    [[ -f "$cache/installed" && -f "$lib/neo4j-$version.jar" ]] &&
        [[ "$(cat "$cache/installed")" == "$(sha256sum <"$pom" | cut -d' ' -f1)" ]]
}

cmd_install() {
    if installed; then
        say "Neo4j $version is installed in $lib"
        return
    fi
    command -v mvn >/dev/null || die "installing needs Maven (mvn) on PATH"
    mkdir -p "$cache"
    rm -rf "$lib.partial"
    say "resolving Neo4j $version with Maven into $lib"
    mvn --batch-mode --quiet --strict-checksums --file "$pom" \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib.partial"
    [[ -f "$lib.partial/neo4j-$version.jar" ]] || die "Maven did not deliver neo4j-$version.jar"
    rm -rf "$lib"
    mv "$lib.partial" "$lib"
    sha256sum <"$pom" | cut -d' ' -f1 >"$cache/installed"
    say "installed $(find "$lib" -name "*.jar" | wc -l) jars ($(du -sh "$lib" | cut -f1)) in $lib"
}

# A free loopback port below the kernel's usual range for outgoing connections
# (32768-60999), so that no client socket takes it before the server binds it.
free_port() {
    python3 -c '
import random, socket
for port in random.sample(range(20000, 32768), 200):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            continue
    print(port)
    break
else:
    raise SystemExit("no free port in 20000-32767")
'
}

# True once a Bolt server on the port answers the handshake with a 5.x version.
bolt_answers() {
    local reply
    # shellcheck disable=SC2016  # $1 is the inner shell's argument
    reply="$(timeout 3 bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        printf "\x60\x60\xb0\x17\x00\x08\x08\x05\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" >&3
        head -c 4 <&3 | od -An -tx1' _ "$1" 2>/dev/null)" || return 1
    [[ "$(tr -d ' \n' <<<"$reply")" == 0000??05 ]]
}

# The collector and compiler flags of NEO4J_TEST_JVM (see the top of this file).
jvm_flags() {
    case "${NEO4J_TEST_JVM:-startup}" in
        startup) printf '%s\n' "-XX:+UseSerialGC" "-XX:TieredStopAtLevel=1" ;;
        throughput) printf '%s\n' "-XX:+UseParallelGC" ;;
        *) die "NEO4J_TEST_JVM is startup or throughput, not ${NEO4J_TEST_JVM}" ;;
    esac
}

write_conf() { # home port
    local heap="${NEO4J_TEST_HEAP:-512m}" flags
    flags="$(jvm_flags | sed 's/^/server.jvm.additional=/')"
    cat >"$1/conf/neo4j.conf" <<EOF
# Written by scripts/neo4j-test-server.sh for one throwaway test server.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$2
server.bolt.advertised_address=127.0.0.1:$2
server.bolt.tls_level=DISABLED
# Internal settings of 5.26: without them the Bolt server takes 10 s to stop.
internal.server.bolt.connection_shutdown_wait_time=1s
internal.server.bolt.thread_pool_shutdown_wait_time=1s
server.http.enabled=false
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
server.memory.heap.initial_size=128m
server.memory.heap.max_size=$heap
server.memory.pagecache.size=${NEO4J_TEST_PAGECACHE:-128m}
db.tx_log.preallocate=false
# NEO4J_TEST_JVM=${NEO4J_TEST_JVM:-startup}: for a small server beside the test suite on two
# cores, the serial collector and the client compiler start faster and hold less memory than
# G1 and C2; for throughput, the parallel collector and the optimising compiler.
$flags
server.jvm.additional=-XX:-OmitStackTraceInFastThrow
server.jvm.additional=--add-opens=java.base/java.nio=ALL-UNNAMED
server.jvm.additional=--add-opens=java.base/java.io=ALL-UNNAMED
server.jvm.additional=--add-opens=java.base/sun.nio.ch=ALL-UNNAMED
server.jvm.additional=-Dio.netty.tryReflectionSetAccessible=true
server.jvm.additional=-Dlog4j2.disable.jmx=true
EOF
}

# Runs a main class from the Neo4j jars on the server whose home is $1, as Neo4j's own
# `neo4j` script does: org.neo4j.server.startup.Neo4jCommand is the `neo4j` launcher and
# org.neo4j.cli.AdminTool the tool behind `neo4j-admin`. Both are short-lived JVMs, so
# they get the quick-starting client compiler.
launch() { # home class args...
    local home="$1" class="$2"
    shift 2
    NEO4J_HOME="$home" NEO4J_CONF="$home/conf" "$JAVA_HOME/bin/java" \
        -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$home/lib/*" "$class" "$@"
}

# The pid of the server whose home is $1, if it still runs (checked against its command
# line, so that a recycled pid is never taken for it).
server_pid() { # home
    local pid
    pid="$(cat "$1/run/neo4j.pid" 2>/dev/null)" || return 1
    [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
    tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "--home-dir=$1" || return 1
    printf '%s\n' "$pid"
}

cmd_start() {
    local password="${NEO4J_PASSWORD:-jejaring-test}" port home pid deadline
    jvm_flags >/dev/null
    cmd_install
    JAVA_HOME="$(java_home)"
    export JAVA_HOME
    mkdir -p "$servers"
    port="$(free_port)"
    until mkdir "$servers/$port" 2>/dev/null; do port="$(free_port)"; done
    home="$servers/$port"
    mkdir "$home/conf"
    ln -s "$lib" "$home/lib"
    write_conf "$home" "$port"
    launch "$home" org.neo4j.cli.AdminTool dbms set-initial-password "$password" >"$home/admin.log" 2>&1 ||
        { cat "$home/admin.log" >&2; rm -rf "$home"; die "could not set the initial password"; }
    ulimit -n 40000 2>/dev/null || true
    launch "$home" org.neo4j.server.startup.Neo4jCommand start >"$home/start.log" 2>&1 ||
        { cat "$home/start.log" >&2; rm -rf "$home"; die "Neo4j did not start"; }
    pid="$(server_pid "$home")" ||
        { cat "$home/start.log" >&2; rm -rf "$home"; die "Neo4j left no process"; }
    printf '%s\n' "$pid" >"$home/pid"
    await_bolt "$home" "$port"
}

# Waits until the server whose home is $1 answers Bolt on port $2, then prints its URL;
# a server that dies or stays silent past the timeout is stopped and its folder deleted.
await_bolt() { # home port
    local home="$1" port="$2" deadline
    deadline=$((SECONDS + ${NEO4J_TEST_START_TIMEOUT:-240}))
    until bolt_answers "$port"; do
        if ! server_pid "$home" >/dev/null || ((SECONDS > deadline)); then
            tail -n 40 "$home/logs/neo4j.log" >&2 || true
            stop_server "$home"
            die "Bolt did not answer on 127.0.0.1:$port"
        fi
        sleep 0.5
    done
    printf 'bolt://127.0.0.1:%s\n' "$port" | tee "$home/url"
}

# Starts again a server stopped with `stop --keep`, on its port and with its database.
cmd_restart() { # port|url
    local port home pid
    (($# == 1)) || die "restart which server? give the port or URL of one stopped with stop --keep"
    port="${1##*[:/]}"
    home="$servers/$port"
    [[ -d "$home/data" ]] || die "no server kept on port $port in $cache (stop it with stop --keep first)"
    ! server_pid "$home" >/dev/null || die "the server on port $port is running already"
    JAVA_HOME="$(java_home)"
    export JAVA_HOME
    ulimit -n 40000 2>/dev/null || true
    launch "$home" org.neo4j.server.startup.Neo4jCommand start >"$home/start.log" 2>&1 ||
        { cat "$home/start.log" >&2; die "Neo4j did not start again on port $port"; }
    pid="$(server_pid "$home")" || { cat "$home/start.log" >&2; die "Neo4j left no process"; }
    printf '%s\n' "$pid" >"$home/pid"
    await_bolt "$home" "$port"
}

# What `neo4j stop` does, without a JVM: SIGTERM, wait for the shutdown, SIGKILL if it
# hangs; then the server's folder and database go, unless a second argument says keep.
stop_server() { # home [keep]
    local home="$1" keep="${2:-}" pid
    if pid="$(server_pid "$home")"; then
        kill -TERM "$pid"
        for _ in $(seq 1 240); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$pid" 2>/dev/null; then
            say "server $pid did not stop in 120 s; killing it"
            kill -KILL "$pid"
        fi
    fi
    [[ -n "$keep" ]] || rm -rf "$home"
}

stop_port() { # port [keep]
    [[ -d "$servers/$1" ]] || die "no server on port $1 was started from $cache"
    stop_server "$servers/$1" "${2:-}"
    if [[ -n "${2:-}" ]]; then
        say "stopped the server on port $1; its database is kept for restart"
    else
        say "stopped the server on port $1"
    fi
}

cmd_stop() {
    local home target keep=""
    if [[ "${1:-}" == --all ]]; then
        for home in "$servers"/*; do stop_port "${home##*/}"; done
        return
    fi
    if [[ "${1:-}" == --keep ]]; then
        keep=keep
        shift
    fi
    (($#)) || die "stop which server? give its port or URL, or --all (see status)"
    for target; do stop_port "${target##*[:/]}" "$keep"; done
}

cmd_status() {
    local home pid
    for home in "$servers"/*; do
        if pid="$(server_pid "$home")"; then
            printf 'bolt://127.0.0.1:%s pid %s\n' "${home##*/}" "$pid"
        else
            printf 'bolt://127.0.0.1:%s not running\n' "${home##*/}"
        fi
    done
}

case "${1:-}" in
    install) cmd_install ;;
    start) cmd_start ;;
    stop) shift; cmd_stop "$@" ;;
    restart) shift; cmd_restart "$@" ;;
    status) cmd_status ;;
    *) die "usage: $0 install | start | stop [--keep] PORT|URL... | stop --all | restart PORT|URL | status" ;;
esac
