#!/usr/bin/env bash
# Checks the session MIME type as a desktop sees it (GLib's detection, as file managers use it):
# *.attnviz.json is a session, other JSON stays JSON, and a session without the suffix is
# recognised by its content.
# Usage: mime.sh MIME_XML
set -euo pipefail
xml=$1
for tool in gio update-mime-database; do
    if ! command -v $tool >/dev/null; then
        echo "SKIP: $tool is absent (Debian packages libglib2.0-bin, shared-mime-info)"
        exit 77
    fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/share/mime/packages"
cp "$xml" "$tmp/share/mime/packages/"
export XDG_DATA_DIRS=$tmp/share:/usr/share XDG_DATA_HOME=$tmp/home
update-mime-database "$tmp/share/mime"

session='{
    "dModel": 16,
    "format": "attnviz-session",
    "version": 1
}'
echo "$session" >"$tmp/lesson.attnviz.json"
echo "$session" >"$tmp/lesson-without-suffix"
echo '{"format": "something-else"}' >"$tmp/other.json"
failures=0
expect() {
    local type
    type=$(gio info -a standard::content-type "$tmp/$1" | sed -n 's/.*content-type: //p')
    if [[ $type == "$2" ]]; then
        echo "$1: $type"
    else
        echo "FAIL: $1 is $type, expected $2"
        failures=$((failures + 1))
    fi
}
expect lesson.attnviz.json application/x-attnviz-session
expect lesson-without-suffix application/x-attnviz-session
expect other.json application/json
exit $((failures > 0))
