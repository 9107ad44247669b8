# Shared by scripts/with-postgres (throwaway server) and scripts/serve (kept local cluster).
# Source it; it defines pgbin, as_pg, free_port, pg_start DIR PORT and pg_stop DIR.
# initdb refuses to run as root, so as root the server runs as the `postgres` user.

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

as_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
    # From /: the caller's folder may be one `postgres` cannot enter (paths given are absolute).
    as_pg() { (cd / && runuser -u postgres -- "$@"); }
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# pg_dir DIR: where the cluster for DIR lives. DIR itself, unless the server's user (`postgres`,
# when run as root) cannot enter it, e.g. a checkout in /root or a private temporary folder:
# then a folder of its own under that user's home, keyed by DIR, said in one line on stderr.
pg_dir() {
    local dir=$1 home other
    mkdir -p "$dir"
    if [ "$(id -u)" -ne 0 ]; then echo "$dir"; return; fi
    chown postgres: "$dir"
    if runuser -u postgres -- test -w "$dir" -a -x "$dir"; then echo "$dir"; return; fi
    home=$(getent passwd postgres | cut -d: -f6)
    other="$home/mip-clusters/$(printf '%s' "$dir" | sha1sum | cut -c1-12)"
    if ! { mkdir -p "$other" && chown postgres: "$home/mip-clusters" "$other" \
        && runuser -u postgres -- test -w "$other"; }; then
        echo "The postgres user cannot enter $dir: move the checkout to a folder it can reach, or set DATABASE_URL." >&2
        exit 1
    fi
    echo "The postgres user cannot enter $dir; its cluster is kept in $other instead." >&2
    echo "$other"
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
