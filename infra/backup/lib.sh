# shellcheck shell=bash
# Helpers shared by backup.sh and restore.sh (sourced, not run).
# Copy the whole infra/backup directory to wherever the scripts run.

# Exit codes of both scripts (used by them, hence SC2034 off).
# shellcheck disable=SC2034
readonly PB_EXIT_FAILED=1      # mongodump/mongorestore or file handling failed
readonly PB_EXIT_USAGE=2       # bad command line
readonly PB_EXIT_ENV=3         # missing tool, no connection string, unusable path
readonly PB_EXIT_NOT_CONFIRMED=4  # restore.sh without --yes: plan printed, nothing done

pb_log() {
  printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2
}

pb_die() {
  local code=$1
  shift
  pb_log "ERROR: $*"
  exit "$code"
}

pb_require_tool() {
  command -v "$1" >/dev/null 2>&1 \
    || pb_die "$PB_EXIT_ENV" "'$1' not found in PATH (install the MongoDB Database Tools)"
}

# Masks credentials in anything that looks like a MongoDB connection string.
# Used as a filter on the tools' output, which is never shown unfiltered.
pb_redact_stream() {
  sed -E 's#(mongodb(\+srv)?://)[^@/[:space:]]*@#\1***@#g'
}

# A connection string fit for display: no credentials, no options (options
# may carry secrets too, e.g. TLS key passwords).
pb_display_uri() {
  local uri=$1 scheme rest hosts
  case $uri in
    mongodb://*) scheme='mongodb://' ;;
    mongodb+srv://*) scheme='mongodb+srv://' ;;
    *) printf '(not a mongodb:// connection string)\n'; return 0 ;;
  esac
  rest=${uri#"$scheme"}
  hosts=${rest%%[/?]*}
  if [[ $hosts == *@* ]]; then
    hosts="***@${hosts##*@}"
  fi
  printf '%s%s/\n' "$scheme" "$hosts"
}

# Sets PB_URI and PB_URI_SOURCE. Same order as the service: secret files
# first, then the environment.
#   $1: a file given with --uri-file (optional, wins over everything)
pb_resolve_uri() {
  local explicit=${1:-} candidate
  PB_URI=''
  PB_URI_SOURCE=''
  if [[ -n $explicit ]]; then
    [[ -r $explicit ]] || pb_die "$PB_EXIT_ENV" "cannot read --uri-file $explicit"
    PB_URI=$(<"$explicit")
    PB_URI_SOURCE="file $explicit"
  else
    for candidate in /run/secrets/mongodb_uri ./secrets/mongodb_uri; do
      if [[ -r $candidate ]]; then
        PB_URI=$(<"$candidate")
        PB_URI_SOURCE="file $candidate"
        break
      fi
    done
    if [[ -z $PB_URI && -n ${MONGODB_URI:-} ]]; then
      PB_URI=$MONGODB_URI
      PB_URI_SOURCE='environment variable MONGODB_URI'
    fi
  fi
  # a secret file often ends with a newline
  PB_URI=${PB_URI//$'\r'/}
  PB_URI=${PB_URI//$'\n'/}
  [[ -n $PB_URI ]] || pb_die "$PB_EXIT_ENV" \
    "no connection string: set MONGODB_URI, or provide /run/secrets/mongodb_uri, ./secrets/mongodb_uri or --uri-file"
  case $PB_URI in
    mongodb://* | mongodb+srv://*) ;;
    *) pb_die "$PB_EXIT_ENV" "the connection string from $PB_URI_SOURCE does not start with mongodb:// or mongodb+srv://" ;;
  esac
}

# The connection string without its database path. The tools treat a database
# in the URI as "--db", which would restrict a dump and rules out --oplog; the
# scripts name the database explicitly instead. When the path database was
# also the authentication database (credentials, no authSource option), it
# becomes an explicit authSource so that authentication is unchanged.
# mongodb+srv:// strings are left to their DNS TXT record's authSource.
pb_uri_without_db() {
  local uri=$1 scheme rest hosts path db query
  case $uri in
    mongodb://*) scheme='mongodb://' ;;
    mongodb+srv://*) scheme='mongodb+srv://' ;;
    *) return 1 ;;
  esac
  rest=${uri#"$scheme"}
  hosts=${rest%%[/?]*}
  path=${rest#"$hosts"}
  path=${path#/}
  if [[ $path == *\?* ]]; then
    db=${path%%\?*}
    query=${path#*\?}
  else
    db=$path
    query=''
  fi
  if [[ -n $db && $scheme == 'mongodb://' && $hosts == *@* ]] \
     && ! grep -Eqi '(^|&)authsource=' <<<"$query"; then
    query="${query:+$query&}authSource=$db"
  fi
  printf '%s%s/%s\n' "$scheme" "$hosts" "${query:+?$query}"
}

# Writes a --config file for the tools so that the connection string (with
# its password) never appears on a command line, where `ps` would show it.
#   $1: path (its directory must be private), $2: connection string
pb_write_tool_config() {
  local path=$1 uri=$2
  # YAML single-quoted scalar: a quote is escaped by doubling it
  printf "uri: '%s'\n" "${uri//\'/\'\'}" >"$path"
  chmod 600 "$path"
}

pb_is_uint() {
  [[ $1 =~ ^[0-9]+$ ]]
}
