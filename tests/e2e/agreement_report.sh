# SPDX-License-Identifier: MIT
# agreement_report.sh — the agreement reports opened in headless Chromium: every chart in the DOM,
# a silent console, no script; one per shipped Korea scenario, screenshots in build/screenshots/.
. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/../browser_check.sh"
for s in six-party-2007 agreed-framework-1994 singapore-2018 russia-china-roadmap joint-statement-2005 leap-day-2012 unsc-resolutions; do
  "$PARLEY" run "scenarios/korea/$s.yaml" --runs 2000 --seed 3 --threads 2 --out "$TMP/$s" >/dev/null 2>&1
  check "$s: report.html written" [ -s "$TMP/$s/report.html" ]
  check "$s: the report has a replay timeline" grep -q 'data-kind="timeline"' "$TMP/$s/report.html"
  browser_check "$TMP/$s/report.html" "agreement-$s" 10
  browser_labels_inside "$TMP/$s/report.html" "agreement-$s"
  browser_tables_fit "$TMP/$s/report.html" "agreement-$s"
done
echo "1..$tap_n"
