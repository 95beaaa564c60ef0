#!/usr/bin/env bash
# Lighthouse (accessibility, best practices, SEO) on the public pages issue 15 changed, against a
# running portal. Lighthouse is not a project dependency: it is installed from npm into a scratch folder
# and drives Debian's Chromium (no browser download).
#
#   .venv/bin/python manage.py runserver 127.0.0.1:8765 --noreload &   # any running portal
#   bash bench/lighthouse.sh http://127.0.0.1:8765
#
# Prints one line a page: the three scores and the ids of any weighted audit that did not pass.
set -euo pipefail
site=${1:-http://127.0.0.1:8765}
tool=${LIGHTHOUSE_DIR:-/tmp/lighthouse}
[ -x "$tool/node_modules/.bin/lighthouse" ] || { mkdir -p "$tool"; npm install --silent --prefix "$tool" lighthouse@12; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pages=("" "programs/" "programs/2017-water-management-training-program/" "stats/"
  "stats/?theme=transportation&theme=water" "cities/" "cities/cairo/" "themes/water/" "about/numbers/"
  "privacy/" "ko/stats/" "zh-hant/programs/")
for page in "${pages[@]}"; do
  report="$out/report.json"
  CHROME_PATH=/usr/bin/chromium "$tool/node_modules/.bin/lighthouse" "$site/$page" --quiet \
    --only-categories=accessibility,best-practices,seo --chrome-flags="--headless=new --no-sandbox" \
    --output=json --output-path="$report" >/dev/null 2>&1
  python3 - "$report" "/$page" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scores = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
failed = [
    ref["id"]
    for category in report["categories"].values()
    for ref in category["auditRefs"]
    if ref["weight"] > 0 and report["audits"][ref["id"]]["score"] not in (None, 1)
]
print(f"{sys.argv[2]:<50} {scores} failed: {failed or 'none'}")
PY
done
