#!/usr/bin/env bash
# A real Tiny Tiny RSS (Debian's tt-rss) for the sync tests.
#
#   ttrss.sh start   install tt-rss, PostgreSQL and PHP with apt when missing (quietly), create a
#                    database and the admin user with the API enabled, serve it with PHP's built-in
#                    server on 127.0.0.1 at a free port; prints one line
#                    `url=URL user=NAME password=SECRET` on stdout (everything else on stderr)
#   ttrss.sh install only the installs start does (for CI, before the tests' time limits start)
#   ttrss.sh update  run tt-rss's own updater once (as www-data: it refuses root) to fetch feeds
#   ttrss.sh suspend / resume   stop the web server / start it again at the same address (the
#                    tests' "server down")
#   ttrss.sh stop    remove what start made: the server, the database and its role, the config
#                    file it wrote (the one before it put back), PostgreSQL if start started it
#
# Needs root (apt, PostgreSQL, running PHP as www-data). Exit 1 with one line on stderr when it
# cannot; the tests then skip with that line. STATE (default /run/newsreader-ttrss) keeps what
# stop needs.
set -euo pipefail

STATE=${TTRSS_STATE:-/run/newsreader-ttrss}
WWW=/usr/share/tt-rss/www
DBCONF=/etc/tt-rss/database.php
DB=newsreader_ttrss
PACKAGES=(tt-rss postgresql php-pgsql php-cli php-curl)

die() { echo "ttrss.sh: $*" >&2; exit 1; }

as_postgres() { runuser -u postgres -- "$@"; }

install_missing() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "apt-get not found: cannot install ${missing[*]}"
    echo "ttrss.sh: installing ${missing[*]}" >&2
    # dbconfig-common would ask about a database: start sets one up itself.
    echo "tt-rss tt-rss/dbconfig-install boolean false" | debconf-set-selections 2>/dev/null || true
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}"; } >"$STATE/apt.log" 2>&1 || die "could not install ${missing[*]} (see $STATE/apt.log)"
}

start_postgres() {
    local cluster
    cluster=$(pg_lsclusters -h 2>/dev/null | head -1) || true
    [ -n "$cluster" ] || die "no PostgreSQL cluster (pg_lsclusters shows none)"
    set -- $cluster
    local version=$1 name=$2 status=$4
    echo "$version $name" >"$STATE/cluster"
    if [ "$status" != online ]; then
        pg_ctlcluster "$version" "$name" start >&2 || die "PostgreSQL $version/$name would not start"
        touch "$STATE/started-postgres"
    fi
    echo "$3" >"$STATE/pgport"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

api() {  # api URL JSON -> the answer
    curl -s --max-time 10 -H 'Content-Type: application/json' -d "$2" "$1/api/" 2>/dev/null || true
}

start() {
    [ "$(id -u)" -eq 0 ] || die "must run as root (apt, PostgreSQL, PHP as www-data)"
    [ -e "$STATE/url" ] && die "already started ($STATE/url exists; run stop first)"
    mkdir -p "$STATE" && chmod 700 "$STATE"
    install_missing
    command -v curl >/dev/null || PACKAGES=(curl) install_missing
    start_postgres
    local pgport dbpass password hash port
    pgport=$(cat "$STATE/pgport")
    dbpass=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    hash=$(printf '%s' "$password" | sha1sum | cut -d' ' -f1)
    as_postgres psql -q -p "$pgport" -v ON_ERROR_STOP=1 >&2 <<SQL || die "could not create the database"
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $DB;
DROP ROLE IF EXISTS $DB;
CREATE ROLE $DB LOGIN PASSWORD '$dbpass';
CREATE DATABASE $DB OWNER $DB ENCODING 'UTF8' TEMPLATE template0;
SQL
    touch "$STATE/database"
    PGPASSWORD=$dbpass psql -q -h 127.0.0.1 -p "$pgport" -U "$DB" -d "$DB" -v ON_ERROR_STOP=1 \
        -f /usr/share/tt-rss/schema/ttrss_schema_pgsql.sql >"$STATE/schema.log" 2>&1 ||
        die "could not load tt-rss's schema (see $STATE/schema.log)"
    # The schema makes admin/password: give admin a secret of its own and enable the API.
    PGPASSWORD=$dbpass psql -q -h 127.0.0.1 -p "$pgport" -U "$DB" -d "$DB" -v ON_ERROR_STOP=1 >&2 <<SQL ||
UPDATE ttrss_users SET pwd_hash = 'SHA1:$hash', salt = '' WHERE login = 'admin';
INSERT INTO ttrss_user_prefs (owner_uid, pref_name, profile, value)
    SELECT id, 'ENABLE_API_ACCESS', NULL, 'true' FROM ttrss_users WHERE login = 'admin';
SQL
        die "could not set up the admin user"
    # Debian writes no usable database config when its database setup is skipped.
    if [ -e "$DBCONF" ] && [ ! -e "$STATE/database.php.orig" ]; then cp -p "$DBCONF" "$STATE/database.php.orig"; fi
    cat >"$DBCONF" <<PHP
<?php
\$dbuser='$DB';
\$dbpass='$dbpass';
\$basepath='';
\$dbname='$DB';
\$dbserver='127.0.0.1';
\$dbport='$pgport';
\$dbtype='pgsql';
PHP
    chown root:www-data "$DBCONF" && chmod 640 "$DBCONF"
    touch "$STATE/wrote-config"
    port=$(free_port)
    echo "$port" >"$STATE/port"
    serve
    local url="http://127.0.0.1:$port" answer=""
    for _ in $(seq 1 100); do
        answer=$(api "$url" '{"op":"getApiLevel"}')
        case "$answer" in *'"status":'*) break ;; esac
        sleep 0.1
    done
    case "$answer" in *'"status":'*) ;; *) stop_quietly; die "tt-rss did not answer on $url (see $STATE/php.log)" ;; esac
    answer=$(api "$url" "{\"op\":\"login\",\"user\":\"admin\",\"password\":\"$password\"}")
    case "$answer" in *session_id*) ;; *) stop_quietly; die "cannot log in to tt-rss: $answer" ;; esac
    echo "$url" >"$STATE/url"
    echo "url=$url user=admin password=$password"
}

serve() {
    # PHP 8.2 warns a lot on stderr; the JSON answers stay clean.
    setsid runuser -u www-data -- php -S "127.0.0.1:$(cat "$STATE/port")" -t "$WWW" >>"$STATE/php.log" 2>&1 </dev/null &
    echo $! >"$STATE/php.pid"
}

end_server() {
    [ -e "$STATE/php.pid" ] || return 0
    local pid
    pid=$(cat "$STATE/php.pid")
    # setsid made the server its own process group: end it and the PHP under runuser.
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$STATE/php.pid"
}

resume() {
    [ -e "$STATE/url" ] || die "not started"
    [ -e "$STATE/php.pid" ] && return 0
    serve
    for _ in $(seq 1 100); do
        case "$(api "$(cat "$STATE/url")" '{"op":"getApiLevel"}')" in *'"status":'*) return 0 ;; esac
        sleep 0.1
    done
    die "tt-rss did not come back"
}

update() {
    [ -e "$STATE/url" ] || die "not started"
    (cd "$WWW" && runuser -u www-data -- php update.php --feeds --force-update) >"$STATE/update.log" 2>&1 ||
        die "tt-rss's updater failed (see $STATE/update.log)"
}

stop_quietly() { stop >/dev/null 2>&1 || true; }

stop() {
    [ -d "$STATE" ] || return 0
    end_server
    if [ -e "$STATE/wrote-config" ]; then
        if [ -e "$STATE/database.php.orig" ]; then mv "$STATE/database.php.orig" "$DBCONF"; else rm -f "$DBCONF"; fi
        rm -f "$STATE/wrote-config"
    fi
    if [ -e "$STATE/database" ] && [ -e "$STATE/pgport" ]; then
        as_postgres psql -q -p "$(cat "$STATE/pgport")" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" -c "DROP ROLE IF EXISTS $DB" >&2 || true
        rm -f "$STATE/database"
    fi
    if [ -e "$STATE/started-postgres" ] && [ -e "$STATE/cluster" ]; then
        pg_ctlcluster $(cat "$STATE/cluster") stop >&2 || true
    fi
    rm -rf "$STATE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    install)
        [ "$(id -u)" -eq 0 ] || die "must run as root to install packages"
        mkdir -p "$STATE" && install_missing && { command -v curl >/dev/null || PACKAGES=(curl) install_missing; }
        [ -e "$STATE/url" ] || rm -rf "$STATE" ;;
    update) update ;;
    suspend) end_server ;;
    resume) resume ;;
    *) echo "usage: $0 start|stop|install|update|suspend|resume" >&2; exit 2 ;;
esac
