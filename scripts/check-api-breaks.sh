#!/usr/bin/env bash
# Checks `diff`'s idea of "breaking" against the Swift compiler's: for each pair of consecutive saved Data
# Portability revisions, and drive and youtube old → new, it imports and generates both modules, builds each,
# and runs the Swift API digester (swift-api-digester, in the toolchain) on them. The two must agree:
#  - every API break the digester finds is a breaking change in `diff`;
#  - every change `diff` calls breaking breaks the Swift API, or is one of the changes that break callers
#    without changing a declaration (a scope that no longer allows a method, a new HTTP rule), which the
#    digester cannot see.
# The digester also reports an initializer "removed" when a struct gains a field; the new initializer takes
# the old one's arguments in order, each new one with a default, so callers still compile: the script checks
# that and does not count it.
#
# Usage: scripts/check-api-breaks.sh [OLD.json NEW.json ...]   (default: the pairs above)
# KEEP_DIGESTER_OUTPUT=1 also prints what the digester reports for each pair.
set -euo pipefail
cd "$(dirname "$0")/.."

fixtures=Tests/Fixtures/discovery
if [ "$#" -gt 0 ]; then
    pairs=("$@")
else
    history=("$fixtures"/history/dataportability-v1.2*.json "$fixtures/dataportability-v1.json")
    pairs=()
    for ((index = 0; index + 1 < ${#history[@]}; index++)); do
        pairs+=("${history[index]}" "${history[index + 1]}")
    done
    pairs+=("$fixtures/history/drive-v3.20220508.json" "$fixtures/drive-v3.json")
    pairs+=("$fixtures/history/youtube-v3.20220612.json" "$fixtures/youtube-v3.json")
fi

# shellcheck source=scripts/lib/build-generator.sh
source scripts/lib/build-generator.sh
toolchain="$(dirname "$(readlink -f "$(command -v swift)")")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Imports, generates and builds one revision as module `$2` in folder `$3`, and dumps its API.
build_revision() {
    local document=$1 module=$2 folder=$3
    mkdir -p "$folder"
    "$bin_path/discovery-generator" import "$document" --module "$module" -o "$folder/spec.yaml" 2>/dev/null
    "$bin_path/discovery-generator" generate "$folder/spec.yaml" -o "$folder/Out" >/dev/null
    "$toolchain/swiftc" -emit-module -parse-as-library -swift-version 6 -module-name "$module" -I "$modules" \
        -emit-module-path "$folder/$module.swiftmodule" "$folder/Out/$module"/*.swift
    "$toolchain/swift-api-digester" -dump-sdk -module "$module" -I "$folder" -I "$modules" -o "$folder/api.json"
}

failed=0
for ((index = 0; index + 1 < ${#pairs[@]}; index += 2)); do
    old=${pairs[index]} new=${pairs[index + 1]}
    name="$(basename "$old" .json) → $(basename "$new" .json)"
    pair="$work/$index"
    build_revision "$old" API "$pair/old"
    build_revision "$new" API "$pair/new"
    "$toolchain/swift-api-digester" -diagnose-sdk -input-paths "$pair/old/api.json" -input-paths "$pair/new/api.json" \
        -o "$pair/digester.txt" 2>/dev/null
    [ -z "${KEEP_DIGESTER_OUTPUT:-}" ] || cat "$pair/digester.txt" >&2
    "$bin_path/discovery-generator" diff "$pair/old/spec.yaml" "$pair/new/spec.yaml" --format json >"$pair/diff.json"
    if ! python3 scripts/check-api-breaks/compare.py "$name" "$pair/digester.txt" "$pair/diff.json" \
        "$pair/new/api.json"; then
        failed=1
    fi
done
exit $failed
