#!/usr/bin/env bash
# Installs the Debian package with apt, runs the installed attnviz as a user would, and removes
# the package again, also when a check fails halfway.
# Usage: smoke.sh DEB BUILT_BINARY VERSION APP_ID TESTDATA_DIR SCREENSHOT_DIR
# The screenshot of the installed app stays in SCREENSHOT_DIR, to be looked at.
set -euo pipefail
deb=$1 built=$2 version=$3 app_id=$4 testdata=$5 screenshots=$6

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
check_png() {
    [[ -s $1 && $(head -c 8 "$1" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] ||
        fail "$1 is not a PNG file"
}

if [[ $(id -u) -ne 0 ]]; then
    echo "SKIP: installing the package needs root"
    exit 77
fi
[[ -f $deb ]] || fail "$deb is missing: run cpack first (cmake --workflow --preset package)"
[[ $deb -nt $built ]] || fail "$deb is older than $built: run cpack again"
if [[ $(dpkg-query -W -f='${Status}' attnviz 2>/dev/null) == *"ok installed"* ]]; then
    fail "attnviz is already installed; remove it first (apt-get remove attnviz)"
fi

work=$(mktemp -d)
remove_package() {
    apt-get remove -y -qq attnviz >/dev/null || echo "could not remove attnviz" >&2
    rm -rf "$work"
}
trap remove_package EXIT
trap 'exit 1' INT TERM
export DEBIAN_FRONTEND=noninteractive
(cd "$(dirname "$deb")" && apt-get install -y -qq -o Dpkg::Use-Pty=0 "./$(basename "$deb")")
unset QT_QPA_PLATFORM
cd "$work"

echo "== the installed files"
[[ $(command -v attnviz) == /usr/bin/attnviz ]] || fail "attnviz is not /usr/bin/attnviz"
for f in "applications/$app_id.desktop" "metainfo/$app_id.metainfo.xml" \
    "mime/packages/$app_id.xml" "icons/hicolor/scalable/apps/$app_id.svg" \
    "icons/hicolor/16x16/apps/$app_id.png" "icons/hicolor/512x512/apps/$app_id.png" \
    man/man1/attnviz.1.gz bash-completion/completions/attnviz doc/attnviz/copyright; do
    [[ -f /usr/share/$f ]] || fail "/usr/share/$f is missing"
done

echo "== attnviz --version"
attnviz --version | tee version.txt
grep -q "^AttnViz $version" version.txt || fail "--version does not say AttnViz $version"

echo "== attnviz export of the demo"
attnviz export --tokens "the cat sat on the mat" --heads 4 --mask causal --format png \
    --out demo.png
check_png demo.png
[[ -s demo.png.json ]] || fail "export wrote no demo.png.json"

echo "== attnviz model on stories260K"
model=$testdata/models/stories260K/hf
if [[ $(attnviz model --help 2>&1) != *--knockout* ]]; then
    echo "skipped: this build has no model command"
elif [[ ! -d $model ]]; then
    echo "skipped: $model is absent"
else
    attnviz model --model "$model" --text "Once upon a time" --knockout "1:*:*:0" --out run
    for f in ids.npy tokens.txt attentions.npy summary.json; do
        [[ -s run/$f ]] || fail "attnviz model wrote no $f"
    done
fi

echo "== a session opens from a double-click"
# The sidecar's session, saved under the name the MIME type knows; the desktop entry's
# Exec line passes the file as the only argument.
python3 -c 'import json, sys; json.dump(json.load(open(sys.argv[1]))["session"], open(sys.argv[2], "w"))' \
    demo.png.json demo.attnviz.json
if command -v gio >/dev/null; then
    type=$(gio info -a standard::content-type demo.attnviz.json | sed -n 's/.*content-type: //p')
    [[ $type == application/x-attnviz-session ]] || fail "demo.attnviz.json is $type"
    [[ $(gio mime application/x-attnviz-session) == *"$app_id.desktop"* ]] ||
        fail "$app_id.desktop does not open application/x-attnviz-session"
fi
exec_line=$(sed -n 's/^Exec=//p' "/usr/share/applications/$app_id.desktop")
[[ $exec_line == "attnviz %f" ]] || fail "unexpected Exec=$exec_line"

echo "== a screenshot under Xvfb, of the session opened as a double-click does"
xvfb-run -a -s "-screen 0 1280x1024x24" attnviz --screenshot session.png demo.attnviz.json
check_png session.png
cp session.png "$screenshots/"

echo "== apt-get remove"
trap - EXIT
apt-get remove -y -qq attnviz >/dev/null
rm -rf "$work"
[[ ! -e /usr/bin/attnviz ]] || fail "/usr/bin/attnviz is still there after apt-get remove"
echo "installed, ran and removed $(basename "$deb")"
