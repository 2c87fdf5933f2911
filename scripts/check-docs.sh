#!/usr/bin/env bash
# Builds the DocC documentation of DiscoveryRuntime, discovery-generator and the generated DataPortability with
# swift-docc-plugin, which DISCOVERY_DOCS=1 makes a dependency for this run only, and fails on any warning:
# a broken symbol or article link, a malformed directive or page, or a compiler warning.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
DISCOVERY_DOCS=1 swift package generate-documentation \
    --target DiscoveryRuntime --target discovery-generator --target DataPortability --warnings-as-errors 2>&1 | tee "$log" || status=$?
if [ "$status" -ne 0 ]; then
    echo "FAIL: the documentation does not build" >&2
    exit 1
fi
if grep -q "warning:" "$log"; then
    echo "FAIL: the documentation build printed warnings:" >&2
    grep "warning:" "$log" >&2
    exit 1
fi
echo "ok: the documentation builds without warnings"
