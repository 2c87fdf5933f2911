#!/usr/bin/env bash
# Imports, generates and type-checks the large real Discovery documents (drive, youtube, compute and
# aiplatform, current and older revisions) and prints a timing table. The small Data Portability documents
# are covered by `swift test`; these take minutes, so CI runs this script as a step of its own.
#
# Usage: scripts/typecheck-real-apis.sh [DOCUMENT.json ...]   (default: the documents below)
set -euo pipefail
cd "$(dirname "$0")/.."

specs_dir="Tests/Fixtures/discovery"
if [ "$#" -gt 0 ]; then
    documents=("$@")
else
    documents=()
    for name in drive-v3 youtube-v3 compute-v1 aiplatform-v1 \
        history/drive-v3.20220508 history/youtube-v3.20220612 history/compute-v1.20220526; do
        documents+=("$specs_dir/$name.json")
    done
fi

# shellcheck source=scripts/lib/build-generator.sh
source scripts/lib/build-generator.sh
swiftc="$(dirname "$(command -v swift)")/swiftc"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

seconds_since() { awk -v start="$1" -v end="$(date +%s.%N)" 'BEGIN { printf "%.1f", end - start }'; }

failed=0
printf '| document | import | generate | type-check | generated lines |\n|---|---|---|---|---|\n'
for document in "${documents[@]}"; do
    name="$(basename "$document" .json)"
    folder="$work/$name"
    mkdir -p "$folder"
    row="| $name |"

    start=$(date +%s.%N)
    if ! "$bin_path/discovery-generator" import "$document" -o "$folder/spec.yaml" 2>"$folder/import.log"; then
        cat "$folder/import.log" >&2
        echo "$row import failed | | | |"
        failed=1
        continue
    fi
    row="$row $(seconds_since "$start") s |"

    start=$(date +%s.%N)
    if ! (cd "$folder" && "$bin_path/discovery-generator" generate spec.yaml -o Out >/dev/null); then
        echo "$row generate failed | | |"
        failed=1
        continue
    fi
    row="$row $(seconds_since "$start") s |"

    module="$(ls "$folder/Out")"
    start=$(date +%s.%N)
    if ! "$swiftc" -typecheck -module-name "$module" -I "$modules" "$folder/Out/$module"/*.swift 2>"$folder/typecheck.log"; then
        head -40 "$folder/typecheck.log" >&2
        echo "$row type-check failed | |"
        failed=1
        continue
    fi
    row="$row $(seconds_since "$start") s |"
    lines=$(cat "$folder/Out/$module"/*.swift | wc -l)
    echo "$row $lines ($module) |"
done
exit $failed
