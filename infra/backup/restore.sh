#!/usr/bin/env bash
# mongorestore-based restore of a backup.sh archive. See --help.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$script_dir/lib.sh"

usage() {
  cat <<'EOF'
Usage: restore.sh --archive FILE [options] [--yes]

Restores an archive written by backup.sh (mongorestore --archive --gzip) into
the MongoDB named by the connection string. Always prints the plan first;
without --yes it stops there and changes nothing (exit code 4).

Options:
  --archive FILE        the .archive.gz file to restore (required)
  --db NAME             database to restore from the archive (default:
                        $PLAYERBASE_DB_NAME, else playerbase); not used with
                        --oplog-replay, which restores the whole archive
  --to-db NAME          restore the database under this name instead (e.g. a
                        scratch database for a restore drill)
  --oplog-replay        for archives made with backup.sh --oplog: restore
                        every database in the archive, then replay the oplog
                        to reach the dump's consistent point in time
  --drop                drop each collection before restoring it. Without it
                        mongorestore only inserts: documents whose _id already
                        exists in the target are left as they are
  --uri-file FILE       read the target connection string from FILE
  --yes                 really restore
  -h, --help            this text

Target connection string, first found: --uri-file, /run/secrets/mongodb_uri,
./secrets/mongodb_uri, $MONGODB_URI. It is passed to mongorestore through a
private temporary --config file and only shown without credentials.

Stop (or scale to zero) every Playerbase instance writing to the target
before restoring, and start them with the master key(s) the archived data was
written with: encrypted fields are restored as they were, still encrypted.

Exit codes: 0 restored, 1 restore or checksum failed, 2 usage error,
3 missing tool / connection string / archive, 4 not confirmed with --yes.
EOF
}

archive=''
db=${PLAYERBASE_DB_NAME:-playerbase}
to_db=''
oplog_replay=false
drop=false
uri_file=''
confirmed=false

need_value() {
  [[ $# -ge 2 && -n $2 ]] || pb_die "$PB_EXIT_USAGE" "$1 needs a value (see --help)"
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --archive) need_value "$@"; archive=$2; shift 2 ;;
    --db) need_value "$@"; db=$2; shift 2 ;;
    --to-db) need_value "$@"; to_db=$2; shift 2 ;;
    --oplog-replay) oplog_replay=true; shift ;;
    --drop) drop=true; shift ;;
    --uri-file) need_value "$@"; uri_file=$2; shift 2 ;;
    --yes) confirmed=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) pb_die "$PB_EXIT_USAGE" "unknown argument: $1 (see --help)" ;;
  esac
done

[[ -n $archive ]] || pb_die "$PB_EXIT_USAGE" "--archive is required (see --help)"
[[ $db =~ ^[A-Za-z0-9_-]+$ ]] || pb_die "$PB_EXIT_USAGE" "--db may only contain letters, digits, '_' and '-'"
if [[ -n $to_db ]]; then
  [[ $to_db =~ ^[A-Za-z0-9_-]+$ ]] || pb_die "$PB_EXIT_USAGE" "--to-db may only contain letters, digits, '_' and '-'"
  [[ $oplog_replay == false ]] || pb_die "$PB_EXIT_USAGE" "--to-db cannot be combined with --oplog-replay"
fi

pb_require_tool mongorestore
[[ -f $archive && -r $archive ]] || pb_die "$PB_EXIT_ENV" "cannot read archive $archive"
pb_resolve_uri "$uri_file"

archive_name=$(basename -- "$archive")
archive_dir=$(cd "$(dirname -- "$archive")" && pwd)
if [[ -f "$archive_dir/$archive_name.sha256" ]] && command -v sha256sum >/dev/null 2>&1; then
  if (cd "$archive_dir" && sha256sum --status -c -- "$archive_name.sha256"); then
    checksum='sha256 verified'
  else
    pb_die "$PB_EXIT_FAILED" "checksum mismatch for $archive: the archive is damaged or was modified"
  fi
else
  checksum='no .sha256 file, not verified'
fi

restore_args=(--archive="$archive" --gzip)
if [[ $oplog_replay == true ]]; then
  restore_args+=(--oplogReplay)
  scope='every database in the archive'
else
  restore_args+=(--nsInclude="$db.*")
  scope="database $db"
  if [[ -n $to_db ]]; then
    restore_args+=(--nsFrom="$db.*" --nsTo="$to_db.*")
    scope="database $db, restored as $to_db"
  fi
fi
if [[ $drop == true ]]; then
  restore_args+=(--drop)
fi

cat <<EOF
Restore plan
  archive : $archive ($(du -h -- "$archive" | cut -f1), $checksum)
  target  : $(pb_display_uri "$PB_URI")  (connection string from $PB_URI_SOURCE)
  scope   : $scope
  drop    : $([[ $drop == true ]] && echo 'yes - collections in scope are dropped before they are restored' || echo 'no - inserts only; documents whose _id exists in the target are kept as they are')
  oplog   : $([[ $oplog_replay == true ]] && echo 'replayed - ends at the point in time the dump finished' || echo 'not replayed')
EOF
if [[ $oplog_replay == false && $archive_name == *-full-oplog-* ]]; then
  echo "  note    : this archive was made with --oplog; without --oplog-replay the restored data is not a consistent point in time"
fi
if [[ $oplog_replay == true && $archive_name != *-full-oplog-* ]]; then
  echo "  note    : the archive name does not say --oplog; mongorestore fails if it holds no oplog"
fi

if [[ $confirmed != true ]]; then
  echo "Nothing done. Re-run with --yes to restore."
  exit "$PB_EXIT_NOT_CONFIRMED"
fi

umask 077
work_dir=$(mktemp -d)
trap 'rm -rf -- "$work_dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

config="$work_dir/mongorestore.yaml"
pb_write_tool_config "$config" "$(pb_uri_without_db "$PB_URI")"

pb_log "restoring $archive"
if ! mongorestore --config="$config" "${restore_args[@]}" 2>&1 | pb_redact_stream >&2; then
  pb_die "$PB_EXIT_FAILED" "mongorestore failed; the target may be partly restored"
fi
pb_log "restore finished"
