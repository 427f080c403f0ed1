#!/usr/bin/env bash
# mongodump-based backup of Playerbase's external MongoDB. See --help.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$script_dir/lib.sh"

usage() {
  cat <<'EOF'
Usage: backup.sh [options]

Dumps Playerbase's MongoDB with mongodump into one compressed archive
(mongodump --archive --gzip) named <prefix>-<db>-<UTC time>.archive.gz, or
<prefix>-full-oplog-<UTC time>.archive.gz with --oplog, plus a .sha256 file,
then deletes archives of the same prefix older than the retention period.
Prints the path of the new archive on stdout; progress goes to stderr.

Options:
  --out-dir DIR         where archives go (default: $BACKUP_DIR, else ./backups)
  --db NAME             database to dump (default: $PLAYERBASE_DB_NAME, else
                        playerbase); not used with --oplog
  --oplog               consistent point-in-time dump of the whole deployment
                        (every database) including the oplog written during
                        the dump. Replica sets only; needs a user with the
                        "backup" role. Restore with restore.sh --oplog-replay.
  --retention-days N    delete this prefix's archives older than N days after
                        a successful dump; 0 keeps everything
                        (default: $BACKUP_RETENTION_DAYS, else 14)
  --prefix NAME         file name prefix (default: playerbase)
  --uri-file FILE       read the connection string from FILE
  -h, --help            this text

Connection string, first found: --uri-file, /run/secrets/mongodb_uri,
./secrets/mongodb_uri, $MONGODB_URI. It is passed to mongodump through a
private temporary --config file (never on the command line) and never
printed; tool output is filtered to mask credentials.

The encrypted fields stay encrypted in the archive: restoring is only useful
with the master key(s) the data was written with.

Exit codes: 0 done, 1 dump or file handling failed, 2 usage error,
3 missing tool / connection string / unusable output directory.
EOF
}

out_dir=${BACKUP_DIR:-./backups}
db=${PLAYERBASE_DB_NAME:-playerbase}
oplog=false
retention_days=${BACKUP_RETENTION_DAYS:-14}
prefix=playerbase
uri_file=''

need_value() {
  [[ $# -ge 2 && -n $2 ]] || pb_die "$PB_EXIT_USAGE" "$1 needs a value (see --help)"
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --out-dir) need_value "$@"; out_dir=$2; shift 2 ;;
    --db) need_value "$@"; db=$2; shift 2 ;;
    --oplog) oplog=true; shift ;;
    --retention-days) need_value "$@"; retention_days=$2; shift 2 ;;
    --prefix) need_value "$@"; prefix=$2; shift 2 ;;
    --uri-file) need_value "$@"; uri_file=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) pb_die "$PB_EXIT_USAGE" "unknown argument: $1 (see --help)" ;;
  esac
done

pb_is_uint "$retention_days" || pb_die "$PB_EXIT_USAGE" "--retention-days must be a whole number, got '$retention_days'"
[[ $prefix =~ ^[A-Za-z0-9._-]+$ ]] || pb_die "$PB_EXIT_USAGE" "--prefix may only contain letters, digits, '.', '_' and '-'"
[[ $db =~ ^[A-Za-z0-9_-]+$ ]] || pb_die "$PB_EXIT_USAGE" "--db may only contain letters, digits, '_' and '-'"

pb_require_tool mongodump
pb_resolve_uri "$uri_file"

mkdir -p -- "$out_dir" 2>/dev/null || pb_die "$PB_EXIT_ENV" "cannot create output directory $out_dir"
[[ -w $out_dir ]] || pb_die "$PB_EXIT_ENV" "output directory $out_dir is not writable"

umask 077
work_dir=$(mktemp -d)
partial=''
cleanup() {
  rm -rf -- "$work_dir"
  if [[ -n $partial && -e $partial ]]; then
    rm -f -- "$partial"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

stamp=$(date -u +%Y%m%dT%H%M%SZ)
if [[ $oplog == true ]]; then
  name="${prefix}-full-oplog-${stamp}.archive.gz"
  scope='whole deployment + oplog (point in time)'
else
  name="${prefix}-${db}-${stamp}.archive.gz"
  scope="database $db"
fi
final="$out_dir/$name"
[[ ! -e $final ]] || pb_die "$PB_EXIT_FAILED" "$final already exists"
partial="$final.partial"
dump_args=(--archive="$partial" --gzip)
if [[ $oplog == true ]]; then
  dump_args+=(--oplog)
else
  dump_args+=(--db="$db")
fi

config="$work_dir/mongodump.yaml"
pb_write_tool_config "$config" "$(pb_uri_without_db "$PB_URI")"

pb_log "backup of $scope from $(pb_display_uri "$PB_URI") (connection string from $PB_URI_SOURCE)"
pb_log "writing $final"

# --archive=FILE: mongodump's stdout is unused; its log (stderr) goes through
# the credential filter.
if ! mongodump --config="$config" "${dump_args[@]}" 2>&1 | pb_redact_stream >&2; then
  pb_die "$PB_EXIT_FAILED" "mongodump failed; no archive written"
fi

mv -- "$partial" "$final"
partial=''
chmod 600 "$final"
if command -v sha256sum >/dev/null 2>&1; then
  (cd "$out_dir" && sha256sum -- "$name" >"$name.sha256")
fi
pb_log "done: $final ($(du -h -- "$final" | cut -f1))"

if [[ $retention_days -gt 0 ]]; then
  while IFS= read -r -d '' old; do
    pb_log "retention: deleting $old (older than $retention_days days)"
    rm -f -- "$old" "$old.sha256"
  done < <(find "$out_dir" -maxdepth 1 -type f -name "${prefix}-*.archive.gz" \
             -mmin "+$((retention_days * 1440))" ! -name "$name" -print0)
fi

printf '%s\n' "$final"
