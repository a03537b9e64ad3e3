#!/bin/sh
# Promotes the hot standby and points PgBouncer's primary entries at it. Run by an operator (or a
# monitor) once the primary is known to be lost — scripts/cluster.ts runs this very script.
#
#   OLD_PRIMARY=db1:5432 NEW_PRIMARY=db2:5432 STANDBY_PGDATA=/var/lib/postgresql/15/main \
#   PGBOUNCER_INI=/etc/pgbouncer/pgbouncer.ini deploy/postgresql/failover.sh
#
# Optional: PG_CTL (default: pg_ctl on PATH; as the postgres user, e.g. "runuser -u postgres -- …"),
# RELOAD_PGBOUNCER (default: systemctl reload pgbouncer), FORCE=1 to promote although the old
# primary still answers (only after fencing it yourself: two primaries lose writes).
set -eu
: "${OLD_PRIMARY:?host:port of the lost primary}" "${NEW_PRIMARY:?host:port of the standby}"
: "${STANDBY_PGDATA:?data directory of the standby}" "${PGBOUNCER_INI:?path of pgbouncer.ini}"
PG_CTL=${PG_CTL:-pg_ctl}
RELOAD_PGBOUNCER=${RELOAD_PGBOUNCER:-systemctl reload pgbouncer}

old_host=${OLD_PRIMARY%:*}; old_port=${OLD_PRIMARY##*:}
new_host=${NEW_PRIMARY%:*}; new_port=${NEW_PRIMARY##*:}

# Fencing, the minimum: never promote while the old primary still accepts connections.
if [ "${FORCE:-0}" != 1 ] && pg_isready -q -h "$old_host" -p "$old_port" -t 2; then
  echo "failover: $OLD_PRIMARY still answers; stop it first (or FORCE=1 after fencing)" >&2
  exit 2
fi

# With synchronous_commit = remote_apply every acknowledged commit is already applied here.
$PG_CTL promote -w -t 60 -D "$STANDBY_PGDATA"

# The primary's entries (not the read-only one) now go to the promoted standby.
tmp="$PGBOUNCER_INI.failover.$$"
sed -E "/^(gongzhi|gongzhi_listen) *=/ s/host=[^ ]+ port=[0-9]+/host=$new_host port=$new_port/" \
  "$PGBOUNCER_INI" >"$tmp"
cat "$tmp" >"$PGBOUNCER_INI" && rm -f "$tmp"
$RELOAD_PGBOUNCER
echo "failover: $NEW_PRIMARY promoted; PgBouncer now sends writes there"
