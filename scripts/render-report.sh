#!/usr/bin/env bash
# Renders a `dataspoke report` page in headless Chromium (Debian's chromium package) and writes a
# screenshot, to look at the charts as a person would:
#   scripts/render-report.sh dataspoke-report.html report.png
# DemoRunnerITCase leaves the demo's page at jobs/target/demo-report.html.
set -euo pipefail
page=${1:?usage: render-report.sh <report.html> <screenshot.png>}
png=${2:?usage: render-report.sh <report.html> <screenshot.png>}
chrome=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$chrome" ]]; then
    echo "render-report.sh: no chromium; install Debian's package: apt-get install -y chromium" >&2
    exit 2
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# The background-networking flags keep Chromium from calling home on a closed network.
"$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --window-size=960,2400 \
    --screenshot="$(realpath -m "$png")" "file://$(realpath "$page")" 2>/dev/null
test -s "$png"
echo "render-report.sh: wrote $png"
