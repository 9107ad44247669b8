# Shared by scripts/with-postgres (throwaway server) and scripts/serve (kept local cluster).
# Source it; it defines pgbin, as_pg, free_port, pg_start DIR PORT and pg_stop DIR.
# initdb refuses to run as root, so as root the server runs as the `postgres` user.

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

as_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
    as_pg() { runuser -u postgres -- "$@"; }
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# pg_start DIR PORT [EXTRA_SERVER_OPTIONS]: initdb DIR/data when new, start on 127.0.0.1:PORT
# with its socket in DIR and its log in DIR/server.log.
pg_start() {
    local dir=$1 port=$2 extra=${3:-}
    mkdir -p "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    if [ ! -s "$dir/data/PG_VERSION" ]; then
        as_pg "$pgbin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
            --no-sync >/dev/null
    fi
    as_pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $extra" start >/dev/null
}

# pg_stop DIR [MODE]: stop the server (mode fast by default: a clean shutdown).
pg_stop() {
    as_pg "$pgbin/pg_ctl" -D "$1/data" -m "${2:-fast}" stop >/dev/null 2>&1 || true
}
