#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers for the tests (TEST_POSTGRES_URL, by default
# postgresql://postgres@127.0.0.1:5432/test). On a machine that already runs one this only
# checks; on a bare Debian machine it installs Debian's `postgresql`, starts its cluster,
# trusts local TCP connections on 127.0.0.1 (a CI throw-away server), and creates the
# database. Installing and starting need root.
set -euo pipefail

url="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}"
database="${url##*/}"
database="${database%%\?*}"

answers() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
connects() { psql "$url" -Atqc 'select 1' >/dev/null 2>&1; }

if connects; then
  echo "PostgreSQL: ${url} accepts connections."
  exit 0
fi

if ! command -v pg_ctlcluster >/dev/null || ! command -v psql >/dev/null; then
  if [[ $(id -u) -ne 0 ]]; then
    echo 'PostgreSQL is not installed and installing it needs root: run `apt-get install -y postgresql` as root.' >&2
    exit 1
  fi
  echo 'PostgreSQL: installing Debian’s postgresql package…'
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if [[ ! -d /etc/postgresql/${version}/main ]]; then
  echo "PostgreSQL: creating cluster ${version}/main…"
  pg_createcluster "$version" main
fi
if ! answers; then
  echo "PostgreSQL: starting cluster ${version}/main…"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do answers && break; sleep 1; done
fi

if ! connects; then
  # Trust TCP connections from this machine only, put first so they win over md5/scram.
  hba="/etc/postgresql/${version}/main/pg_hba.conf"
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    echo "PostgreSQL: trusting 127.0.0.1 in ${hba} (a CI server)…"
    sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  fi
  server="${url%/*}/postgres"
  if ! psql "$server" -Atqc "select 1 from pg_database where datname = '${database}'" | grep -q 1; then
    echo "PostgreSQL: creating database ${database}…"
    psql "$server" -qc "create database \"${database}\""
  fi
fi

if connects; then
  echo "PostgreSQL: ${url} accepts connections."
else
  echo "PostgreSQL: ${url} still refuses connections; see the messages above." >&2
  exit 1
fi
