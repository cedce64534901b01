#!/bin/sh
# The download-model initContainer: fetches one model file into the models volume.
# POSIX sh, runs under busybox ash (the curl image) as well as dash/bash. All input comes
# from the environment, so the script is the same for every release:
#   MODEL_URL                 where to download from (required)
#   MODEL_PATH                where the file must end up, <mountPath>/<model.filename> (required)
#   MODEL_SHA256              expected SHA-256 (optional, 64 hex digits)
#   MODEL_SIZE_BYTES          expected size in bytes (optional): a truncated file or an HTML
#                             error page saved as the model is deleted, not loaded
#   HF_TOKEN                  bearer token (optional); sent as a header read from stdin, so it
#                             never appears in a process list, a log line or the server container
#   DOWNLOAD_RETRIES          attempts before giving up (default 5)
#   DOWNLOAD_BACKOFF_SECONDS  wait before the first retry, doubled after each one (default 5)
set -u

log() { printf 'download-model: %s\n' "$*"; }
fail() {
  printf 'download-model: error: %s\n' "$*" >&2
  exit 1
}

url=${MODEL_URL:-}
target=${MODEL_PATH:-}
[ -n "$url" ] || fail "MODEL_URL is empty"
[ -n "$target" ] || fail "MODEL_PATH is empty"
case $target in
  */*) ;;
  *) fail "MODEL_PATH must be an absolute path, got '$target'" ;;
esac
expected=$(printf '%s' "${MODEL_SHA256:-}" | tr 'A-F' 'a-f')
case $expected in
  '') ;;
  *[!0-9a-f]*) fail "MODEL_SHA256 must be 64 hex digits, got '$expected'" ;;
  *) [ ${#expected} -eq 64 ] || fail "MODEL_SHA256 must be 64 hex digits, got ${#expected}" ;;
esac
size=${MODEL_SIZE_BYTES:-}
case $size in '' ) ;; *[!0-9]*) fail "MODEL_SIZE_BYTES must be a whole number, got '$size'" ;; esac
retries=${DOWNLOAD_RETRIES:-5}
delay=${DOWNLOAD_BACKOFF_SECONDS:-5}
case $retries in '' | *[!0-9]*) fail "DOWNLOAD_RETRIES must be a whole number, got '$retries'" ;; esac
case $delay in '' | *[!0-9]*) fail "DOWNLOAD_BACKOFF_SECONDS must be a whole number, got '$delay'" ;; esac
[ "$retries" -ge 1 ] || retries=1

# A token from a Secret created from a file often ends in a newline, which would end the header.
token=$(printf '%s' "${HF_TOKEN:-}" | tr -d '\r\n')
unset HF_TOKEN

dir=${target%/*}
[ -n "$dir" ] || dir=/
name=${target##*/}
# Same directory as the target, so the final mv is an atomic rename on one filesystem; the
# leading dot keeps a half-written file from ever looking like a model.
part="$dir/.$name.part"
# Signed URLs carry credentials in the query string: never log it.
shown=${url%%\?*}

sha256_of() {
  sum=$(sha256sum "$1") || return 1
  printf '%s' "${sum%% *}"
}

if [ -s "$target" ]; then
  if [ -z "$expected" ]; then
    log "$target is already present, skipping the download"
    exit 0
  fi
  log "verifying the sha256 of the existing $target"
  actual=$(sha256_of "$target") || fail "cannot read $target"
  if [ "$actual" = "$expected" ]; then
    log "$target is already present and its sha256 matches, skipping the download"
    exit 0
  fi
  log "$target has sha256 $actual, expected $expected: downloading it again"
  rm -f "$target" || fail "cannot remove $target"
fi
mkdir -p "$dir" || fail "cannot create $dir"

fetch() {
  # -C - continues from the size of an existing partial file; -f keeps an HTTP error body out
  # of it; -w prints the final status code so the caller can tell 404 from 503.
  if [ -n "$token" ]; then
    printf 'Authorization: Bearer %s\n' "$token" |
      curl -fsSL -C - --connect-timeout 30 -H @- -o "$part" -w '%{http_code}' "$url"
  else
    curl -fsSL -C - --connect-timeout 30 -o "$part" -w '%{http_code}' "$url"
  fi
}

attempt=1
restarted=no
verified=no
while :; do
  log "downloading $shown to $target (attempt $attempt of $retries)"
  status=$(fetch)
  rc=$?
  [ "$rc" -eq 0 ] && break
  case $rc in
    22)
      case $status in
        401 | 403) fail "HTTP $status from $shown: the model is gated or private, or the token is wrong; check the Hugging Face token Secret (huggingFace.secretName/tokenKey) and that the account accepted the model's licence" ;;
        404) fail "HTTP 404 from $shown: no such file; check model.repoId and model.filename, or model.downloadUrl" ;;
        416)
          # Nothing left to fetch after the offset: the partial file may already be whole
          # (the pod stopped while verifying it). Keep it only when the checksum proves it.
          if [ -n "$expected" ] && [ "$(sha256_of "$part")" = "$expected" ]; then
            log "the partial download is already complete"
            verified=yes
            break
          fi
          rm -f "$part"
          if [ "$restarted" = no ]; then
            restarted=yes
            log "the server rejected the resume offset (HTTP 416); restarting from zero"
            continue
          fi
          log "HTTP 416 from $shown"
          ;;
        408 | 429 | 5??) log "HTTP $status from $shown" ;;
        *) fail "HTTP $status from $shown" ;;
      esac
      ;;
    33)
      rm -f "$part"
      if [ "$restarted" = no ]; then
        restarted=yes
        log "the server cannot resume a partial download; restarting from zero"
        continue
      fi
      log "the server cannot resume a partial download"
      ;;
    23) fail "cannot write $part (curl exit 23): is the models volume full? (volume.models.sizeLimit must hold the model twice while downloading)" ;;
    *) log "curl failed with exit code $rc (HTTP status ${status:-none})" ;;
  esac
  if [ "$attempt" -ge "$retries" ]; then
    fail "giving up after $attempt attempts to download $shown"
  fi
  log "retrying in ${delay}s"
  sleep "$delay"
  delay=$((delay * 2))
  [ "$delay" -le 300 ] || delay=300
  attempt=$((attempt + 1))
done

[ -s "$part" ] || fail "the download of $shown produced an empty file"
if [ -n "$size" ]; then
  got=$(wc -c <"$part" | tr -d ' ') || fail "cannot read $part"
  if [ "$got" != "$size" ]; then
    rm -f "$part"
    fail "size mismatch for $shown: expected $size bytes (model.sizeBytes), got $got; the download was deleted"
  fi
fi
if [ -n "$expected" ] && [ "$verified" = no ]; then
  actual=$(sha256_of "$part") || fail "cannot read $part"
  if [ "$actual" != "$expected" ]; then
    rm -f "$part"
    fail "sha256 mismatch for $shown: expected $expected (model.sha256), got $actual; the download was deleted"
  fi
fi
mv -f "$part" "$target" || fail "cannot rename $part to $target"
log "saved $target ($(wc -c <"$target" | tr -d ' ') bytes)"
