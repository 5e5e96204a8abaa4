# SPDX-License-Identifier: MIT
# report_browser.sh — a report with one chart of every kind and a hostile party name,
# opened in headless Chromium: charts in the DOM, a silent console, no script run, screenshots, and
# no label or legend cut (every text inside its chart, as Chromium lays it out).
. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/../browser_check.sh"
tool=build/asan/tools/make_sample_report
if [ ! -x "$tool" ]; then not_ok "make_sample_report is built ($tool)"; exit 0; fi
mkdir -p "$TMP/svg"
check "make_sample_report writes a report" "$tool" "$TMP/report.html" --svg-dir "$TMP/svg"
check "the report is not left as a temporary file" bash -c "! ls '$TMP' | grep -q 'tmp-'"
"$tool" "$TMP/again.html"
check "the same data give a byte-identical report" cmp -s "$TMP/report.html" "$TMP/again.html"
if command -v xmllint >/dev/null; then
  for f in "$TMP"/svg/*.svg; do check "$(basename "$f") is well-formed XML" xmllint --noout "$f"; done
fi
for k in bar box heatmap line histogram timeline; do
  check "the report holds a $k chart" grep -q "data-kind=\"$k\"" "$TMP/report.html"
done
browser_check "$TMP/report.html" sample_report 7
browser_labels_inside "$TMP/report.html" sample_report

# each chart on its own, so they can be looked at one by one
if [ -n "${CHROMIUM:-}" ]; then
  for f in "$TMP"/svg/*.svg; do
    k=$(basename "$f" .svg)
    browser_run --screenshot="$PWD/build/screenshots/chart-$k.png" --window-size=920,620 "file://$f" >/dev/null 2>&1
    check "screenshot of the $k chart" test -s "build/screenshots/chart-$k.png"
  done
  # the checker itself must catch a page that runs a script (a negative control)
  cat >"$TMP/bad.html" <<'HTML'
<!DOCTYPE html><html><head><title>bad</title></head><body><p>unescaped party:</p><script>console.error("ran")</script><svg></svg></body></html>
HTML
  out=$( (tap_n=0; browser_check "$TMP/bad.html" negative_control) 2>&1)
  check "the browser check flags a page that logs and holds a script" \
    bash -c "grep -q '^not ok .*logged on the console' <<<\"\$1\" && grep -q '^not ok .*no <script>' <<<\"\$1\"" _ "$out"
  rm -f build/screenshots/negative_control.png
  for f in "$TMP"/svg/*.svg; do browser_labels_inside "$f" "$(basename "$f" .svg) chart alone"; done
  # ... and the label check catches a label that sticks out (a negative control)
  printf '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">%s</svg>\n' \
    '<text x="150" y="50">a legend cut at the edge</text><text x="10" y="50">fits</text>' >"$TMP/cut.svg"
  out=$( (tap_n=0; browser_labels_inside "$TMP/cut.svg" cut_control) 2>&1)
  check "the label check flags a label that sticks out of its chart" \
    bash -c "grep -q '^not ok .*labels stick out of their chart (N:2 BAD:1)' <<<\"\$1\" && grep -q 'a legend cut at the edge' <<<\"\$1\"" _ "$out"
  # ... and the table check catches a table wider than the page's column (a negative control)
  { echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>wide</title></head><body><div style="width:300px">'
    echo '<div class="table-wrap" style="overflow-x:auto"><table><caption>too wide</caption><tr><td style="white-space:nowrap">'
    printf 'x%.0s' $(seq 200); echo '</td></tr></table></div>'
    echo '<div class="table-wrap" style="overflow-x:auto"><table><caption>fits</caption><tr><td>ok</td></tr></table></div>'
    echo '</div></body></html>'; } >"$TMP/wide.html"
  out=$( (tap_n=0; browser_tables_fit "$TMP/wide.html" wide_control) 2>&1)
  check "the table check flags a table wider than the page" \
    bash -c "grep -q '^not ok .*tables wider than the page (N:2 BAD:1)' <<<\"\$1\" && grep -q '\"too wide\"' <<<\"\$1\"" _ "$out"
fi
