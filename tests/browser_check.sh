#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# browser_check.sh — opens a report in headless Chromium and checks what a reader would get.
#
#   sourced by an e2e test (TAP numbering continues):
#       . "$(dirname "$0")/../browser_check.sh"
#       browser_check REPORT.html NAME [MIN_CHARTS]
#   or run on its own:
#       tests/browser_check.sh REPORT.html NAME [MIN_CHARTS]
#
# Prints TAP lines (tests/tap.sh): the page loads; every chart's <svg> in the
# file is in the DOM (and at least MIN_CHARTS of them); the page logs nothing on
# the console (reports carry no script, so any console message — an error, a
# Content-Security-Policy violation, a blocked load — is a fault); the DOM holds
# no <script> element, and text the file escaped (a party called
# <script>alert(1)</script>) is still text; a screenshot is saved to
# build/screenshots/NAME.png (1280x2400); the page prints to PDF.  Chromium is installed with
# tools/install-deps.sh --test if missing; only if that fails are the checks
# skipped ("ok N - # SKIP chromium not installed").
_browser_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Sets CHROMIUM to a headless-capable browser, installing Chromium if needed; 1 if none.
browser_find() {
  local b
  for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then CHROMIUM=$(command -v "$b"); return 0; fi
  done
  if [ -z "${_browser_tried_install:-}" ] && [ -x "$_browser_root/tools/install-deps.sh" ]; then
    _browser_tried_install=1
    "$_browser_root/tools/install-deps.sh" --test >/dev/null 2>&1 || true
    browser_find && return 0
  fi
  return 1
}

# Runs headless Chromium with a fresh profile and nothing that talks to the network.
browser_run() {
  local profile rc
  profile=$(mktemp -d)
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
    --hide-scrollbars --user-data-dir="$profile" "$@"
  rc=$?
  rm -rf "$profile"
  return $rc
}

browser_check() {
  local report=$1 name=$2 min_charts=${3:-0}
  if ! browser_find; then
    ok "# SKIP chromium not installed"
    return 0
  fi
  local abs dir dom err shots n_file n_dom console
  abs=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
  dir=$(mktemp -d)
  dom=$dir/dom.html err=$dir/stderr.txt
  shots=$_browser_root/build/screenshots
  mkdir -p "$shots"
  if [ ! -s "$abs" ]; then not_ok "$name: report $report exists"; rm -rf "$dir"; return 0; fi

  browser_run --enable-logging=stderr --v=0 --dump-dom "file://$abs" >"$dom" 2>"$err"
  check "$name: Chromium loads the page and dumps its DOM" grep -q '</html>' "$dom"

  n_file=$(grep -o '<svg[ >]' "$abs" | wc -l)
  n_dom=$(grep -o '<svg[ >]' "$dom" | wc -l)
  if [ "$n_dom" -eq "$n_file" ] && [ "$n_dom" -ge "$min_charts" ]; then
    ok "$name: every chart is in the DOM ($n_dom svg)"
  else
    not_ok "$name: $n_dom svg in the DOM, $n_file in the file, at least $min_charts expected"
  fi
  local kinds
  kinds=$(grep -o 'data-kind="[a-z]*"' "$dom" | sort -u | sed 's/data-kind=//; s/"//g' | tr '\n' ' ')
  echo "# chart kinds in the DOM: ${kinds:-none}"

  console=$(grep 'CONSOLE' "$err")
  if [ -z "$console" ]; then ok "$name: the page logs nothing on the console"
  else
    not_ok "$name: the page logged on the console"
    printf '%s\n' "$console" | head -10 | sed 's/^/#   /'
  fi

  check "$name: no <script> element in the DOM" bash -c "! grep -qi '<script' '$dom'"
  if grep -q '&lt;script&gt;' "$abs"; then
    check "$name: escaped text (&lt;script&gt;) is shown as text" grep -q '&lt;script&gt;' "$dom"
  fi

  rm -f "$shots/$name.png"
  browser_run --screenshot="$shots/$name.png" --window-size=1280,2400 "file://$abs" >/dev/null 2>&1
  # a second try when no picture came: headless Chromium once gave none for the 243-player report on
  # a fresh clone (the next run of the same test saved it); a page that cannot be drawn fails both
  [ -s "$shots/$name.png" ] || browser_run --screenshot="$shots/$name.png" --window-size=1280,2400 "file://$abs" >/dev/null 2>&1
  if [ -s "$shots/$name.png" ] && [ "$(head -c 4 "$shots/$name.png" | tail -c 3)" = "PNG" ] &&
     [ "$(stat -c %s "$shots/$name.png")" -gt 10000 ]; then
    ok "$name: screenshot saved to build/screenshots/$name.png"
  else
    not_ok "$name: screenshot build/screenshots/$name.png"
  fi
  # print: the page must come out as a PDF (print styles, no script needed)
  browser_run --no-pdf-header-footer --print-to-pdf="$dir/page.pdf" "file://$abs" >/dev/null 2>&1
  if [ "$(head -c 4 "$dir/page.pdf" 2>/dev/null)" = "%PDF" ] && [ "$(stat -c %s "$dir/page.pdf")" -gt 10000 ]; then
    ok "$name: prints to PDF ($(stat -c %s "$dir/page.pdf") bytes)"
  else
    not_ok "$name: prints to PDF"
  fi
  rm -rf "$dir"
}

# Runs a measuring script (JS, text) on a copy of REPORT (or of an .svg file) in Chromium and makes
# one TAP line of what it found.  Reports carry no script, so the copy has the Content-Security-Policy
# removed and the script appended; the script sets `n` (what it measured) and `bad` (a line for each
# fault), and --dump-dom returns them.  The line says GOOD (with "N WHAT") when n > 0 and bad is
# empty, else FAULT with the first ten faults as comments.
_browser_measure_check() {
  local report=$1 name=$2 what=$3 good=$4 fault=$5 js=$6 dir out
  if ! browser_find; then
    ok "# SKIP chromium not installed"
    return 0
  fi
  dir=$(mktemp -d)
  case "$report" in
    *.svg) { echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>labels</title></head><body>'
             sed '1{/^<?xml/d}' "$report"; echo '</body></html>'; } >"$dir/page.html" ;;
    *) sed 's/<meta[^>]*Content-Security-Policy[^>]*>//' "$report" >"$dir/page.html" ;;
  esac
  { echo 'var n = 0, bad = [];'; printf '%s\n' "$js"
    echo "var pre = document.createElement('pre'); pre.id = 'measured';"
    echo "pre.textContent = 'N:' + n + ' BAD:' + bad.length + '\\n' + bad.join('\\n'); document.body.appendChild(pre);"
  } >"$dir/measure.js"
  sed -i "s#</body>#<script src=\"measure.js\"></script></body>#" "$dir/page.html"
  browser_run --allow-file-access-from-files --window-size=1280,2400 --dump-dom "file://$dir/page.html" >"$dir/dom.html" 2>/dev/null
  out=$(sed -n '/<pre id="measured">/,/<\/pre>/p' "$dir/dom.html" | sed 's/<[^>]*>//g; s/&quot;/"/g; s/&amp;/\&/g; s/&gt;/>/g')
  rm -rf "$dir"
  if printf '%s' "$out" | grep -q '^N:[1-9][0-9]* BAD:0$'; then
    ok "$name: $good ($what: $(printf '%s' "$out" | head -1 | sed 's/ BAD:0//; s/N://'))"
  else
    not_ok "$name: $fault ($(printf '%s' "${out:-the page did not measure}" | head -1))"
    printf '%s\n' "$out" | sed -n '2,11p' | sed 's/^/#   /'
  fi
}

# Checks that no text of any chart of REPORT (or of an .svg file) is cut: each <text>'s box, as
# Chromium lays it out, lies inside its <svg>'s box (half a pixel of slack); the labels cut are
# listed with how far they stick out (left, right, top, bottom in pixels).
browser_labels_inside() {
  _browser_measure_check "$1" "$2" texts "no label or legend is cut" "labels stick out of their chart" '
document.querySelectorAll("svg").forEach(function (s) {
  if (s.ownerSVGElement) return; /* an svg inside an svg is measured with its outer one */
  var r = s.getBoundingClientRect();
  s.querySelectorAll("text").forEach(function (t) {
    var b = t.getBoundingClientRect();
    if (!b.width || !t.textContent.trim()) return;
    n++;
    var d = [r.left - b.left, b.right - r.right, r.top - b.top, b.bottom - r.bottom];
    if (d.some(function (x) { return x > 0.5; }))
      bad.push(JSON.stringify(t.textContent) + " " + d.map(function (x) { return Math.max(0, x).toFixed(1); }).join(","));
  });
});'
}

# Checks that every table of REPORT fits the page's column at a 1280-pixel window: no table needs
# its sideways scroll (the drills-and-launches policy table once hid its last column behind it).
browser_tables_fit() {
  _browser_measure_check "$1" "$2" tables "every table fits the page" "tables wider than the page" '
document.querySelectorAll(".table-wrap").forEach(function (w) {
  n++;
  if (w.scrollWidth > w.clientWidth + 1) {
    var c = w.querySelector("caption");
    bad.push(JSON.stringify(c ? c.textContent : "(no caption)") + " " + w.scrollWidth + " > " + w.clientWidth);
  }
});'
}

# Run on its own: check one report.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  if [ $# -lt 2 ]; then echo "usage: $0 REPORT.html NAME [MIN_CHARTS]" >&2; exit 2; fi
  . "$_browser_root/tests/tap.sh"
  _browser_fails=0
  not_ok() { tap_n=$((tap_n + 1)); _browser_fails=$((_browser_fails + 1)); echo "not ok $tap_n - $*"; }
  browser_check "$@"
  exit $((_browser_fails > 0))
fi
