#!/usr/bin/env bash
# Set-up for the PostgreSQL backend's tests (tests/test_store_postgres.py): Debian's postgresql server package.
# The tests start a cluster of their own in a temporary folder (bench/pg_server.py); no service is configured here.
set -euo pipefail
# apt-get needs root: through sudo (without a password prompt) when run as a user
apt=(apt-get)
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then apt=(sudo -n apt-get); fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
    echo "ci_postgres: installing Debian postgresql" >&2
    "${apt[@]}" update -qq
    # no recommended packages (the server, its client and the common scripts are all the tests need)
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends postgresql >/dev/null
fi
ls /usr/lib/postgresql/*/bin/postgres >&2 2>/dev/null || command -v postgres >&2
