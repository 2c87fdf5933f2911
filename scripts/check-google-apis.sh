#!/usr/bin/env bash
# Imports, generates and type-checks every public Google Discovery document: the ones that the PyPI package
# google-api-python-client ships (googleapiclient/discovery_cache/documents/*.json, about 600), pinned to one
# version so that a run is reproducible. The wheel is cached under .build/google-apis/, so only the first run
# downloads it. A document fails when a step exits non-zero or times out, when `generate` or swiftc prints a
# `warning:`, or when the spec has fewer or more methods than the document (counted in both by scripts/lib/
# count-methods.py, not by the importer); import warnings (what the spec format cannot hold, such as batch
# requests) are counted, not failures. Prints one table (a row per document and a total row), the methods line
# (imported / in the documents), then each failure with the first 5 lines of its error.
#
# Usage: scripts/check-google-apis.sh [--sample N | --only NAME...]
#   --sample N     a fixed sample of N documents: the regression documents in $always, then every k-th other one
#   --only NAME..  the given documents, by file name without .json (drive.v3, admin.directory_v1, ...)
#   (default: every document; JOBS=2 type-checks run at once)
set -euo pipefail
cd "$(dirname "$0")/.."

version="2.202.0"  # google-api-python-client
always=(bigtableadmin.v2 businessprofileperformance.v1 chat.v1 oauth2.v2 pagespeedonline.v5 reseller.v1 translate.v2 walletobjects.v1)
sample=""
only=()
while [ "$#" -gt 0 ]; do
    case "$1" in
        --sample) sample="$2"; shift 2 ;;
        --only) shift; while [ "$#" -gt 0 ] && [[ "$1" != --* ]]; do only+=("${1%.json}"); shift; done ;;
        *) sed -n '9,12s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
    esac
done

run_start=$EPOCHREALTIME
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== the Discovery documents of google-api-python-client $version" >&2
cache=".build/google-apis"
wheel="$cache/google_api_python_client-$version-py3-none-any.whl"
if [ ! -f "$wheel" ]; then
    mkdir -p "$cache"
    python3 -m pip download --quiet --no-deps --only-binary=:all: "google-api-python-client==$version" -d "$cache" >&2
fi
unzip -q "$wheel" 'googleapiclient/discovery_cache/documents/*.json' -d "$work/wheel"
documents="$work/wheel/googleapiclient/discovery_cache/documents"
# index.json is the directory list, not an API.
mapfile -t all < <(find "$documents" -name '*.json' ! -name index.json -printf '%f\n' | sed 's/\.json$//' | LC_ALL=C sort)

if [ "${#only[@]}" -gt 0 ]; then
    selected=("${only[@]}")
elif [ -n "$sample" ]; then
    selected=("${always[@]:0:sample}")
    mapfile -t rest < <(printf '%s\n' "${all[@]}" | grep -vxF -f <(printf '%s\n' "${always[@]}"))
    for ((i = 0; i < sample - ${#always[@]}; i++)); do
        selected+=("${rest[i * ${#rest[@]} / (sample - ${#always[@]})]}")
    done
else
    selected=("${all[@]}")
fi
for name in "${selected[@]}"; do
    [ -f "$documents/$name.json" ] || { echo "no document $name.json in version $version" >&2; exit 2; }
done

# shellcheck source=scripts/lib/build-generator.sh
source scripts/lib/build-generator.sh
# A copy, so that a rebuild during a long run does not change what is checked.
mkdir -p "$work/bin"
cp "$bin_path/discovery-generator" "$work/bin/"
cp -R "$modules" "$work/bin/Modules"
swiftc="$(dirname "$(command -v swift)")/swiftc"
check_start=$EPOCHREALTIME

# One document: import, generate, type-check, and one result line in $work/results/NAME.tsv:
# name, failed step (or "ok"), import warnings, methods in the document, schemas, lines, import+generate seconds,
# type-check seconds, methods in the spec.
# shellcheck disable=SC2317  # xargs runs it
check_document() {
    local name="$1" json="$documents/$1.json" folder="$work/run/$1" step="ok" start generate_seconds=0 check_seconds=0
    local lines=0 module status=0 log methods imported=0
    methods=$(python3 scripts/lib/count-methods.py discovery "$json")
    mkdir -p "$folder"
    start=$EPOCHREALTIME
    timeout 60 "$work/bin/discovery-generator" import "$json" -o "$folder/spec.yaml" 2>"$folder/import.log" || status=$?
    if [ "$status" -ne 0 ]; then
        step="import" log="import.log"
    elif imported=$(python3 scripts/lib/count-methods.py spec "$folder/spec.yaml" 2>>"$folder/import.log") \
        && [ "$imported" -ne "$methods" ] || [ -z "$imported" ]; then
        step="import" log="import.log" status=1 imported=${imported:-0}
        echo "error: the spec has $imported of the document's $methods methods" >>"$folder/import.log"
    else
        (cd "$folder" && timeout 120 "$work/bin/discovery-generator" generate spec.yaml -o Out) \
            >"$folder/generate.log" 2>&1 || status=$?
        step="generate" log="generate.log"
    fi
    generate_seconds=$(bc <<<"$EPOCHREALTIME - $start")
    if [ "$step" = "generate" ] && [ "$status" -eq 0 ] && ! grep -q "warning:" "$folder/generate.log"; then
        module="$(ls "$folder/Out")"
        lines=$(cat "$folder/Out/$module"/*.swift | wc -l)
        start=$EPOCHREALTIME
        timeout 300 nice "$swiftc" -typecheck -module-name "$module" -I "$work/bin/Modules" \
            "$folder/Out/$module"/*.swift >"$folder/typecheck.log" 2>&1 || status=$?
        check_seconds=$(bc <<<"$EPOCHREALTIME - $start")
        step="type-check" log="typecheck.log"
        rm -rf "$folder/Out"
    fi
    # The step's first error (warnings before it are import warnings), or its first warning; say when it timed out.
    if [ "$status" -eq 124 ]; then
        step="$step timed out"
        echo "timed out" >"$folder/error.log"
    elif [ "$status" -ne 0 ]; then
        step="$step (exit $status)"
        sed -n '/error:/,$p' "$folder/$log" | grep . >"$folder/error.log" || cp "$folder/$log" "$folder/error.log"
    elif [ "$step" != "import" ] && grep -q "warning:" "$folder/$log"; then
        step="$step warning"
        sed -n '/warning:/,$p' "$folder/$log" >"$folder/error.log"
    else
        step="ok"
    fi
    [ "$step" = "ok" ] || sed -i "s|$folder/||g; s|$documents/||g" "$folder/error.log"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%.1f\t%.1f\t%s\n' "$name" "$step" "$(grep -c "warning:" "$folder/import.log")" \
        "$methods" "$(jq '.schemas // {} | length' "$json")" "$lines" "$generate_seconds" "$check_seconds" "$imported" \
        >"$work/results/$name.tsv"
    echo "$name: $step" >&2
}
export -f check_document
export work documents swiftc

echo "== checking ${#selected[@]} documents, ${JOBS:-2} at a time" >&2
mkdir -p "$work/results"
# shellcheck disable=SC2016  # $1 is check_document's argument
printf '%s\n' "${selected[@]}" | xargs -P "${JOBS:-2}" -I{} bash -c 'check_document "$1"' _ {}

echo
echo "| API | methods | schemas | import warnings | lines | import+generate s | type-check s | result |"
echo "|---|--:|--:|--:|--:|--:|--:|---|"
LC_ALL=C sort "$work/results"/*.tsv | awk -F'\t' '
    { printf "| %s | %d | %d | %d | %d | %.1f | %.1f | %s |\n", $1, $4, $5, $3, $6, $7, $8, ($2 == "ok" ? "ok" : "FAIL: " $2)
      n++; m += $4; s += $5; w += $3; l += $6; g += $7; t += $8; f += ($2 != "ok"); i += $9 }
    END { printf "| **%d APIs** | %d | %d | %d | %d | %.0f | %.0f | %d failures |\n", n, m, s, w, l, g, t, f
          printf "\nMethods imported / methods in the documents: %d / %d\n", i, m
          if (i != m) exit 1 }' || { echo "FAIL: a spec does not have every method of its document" >&2; failed=1; }
echo
echo "Import warnings are what the spec format cannot hold (media upload, batch requests, ...): shown, not failures."
echo "Wall time: $(bc <<<"($EPOCHREALTIME - $run_start) / 1") s, of which $(bc <<<"($check_start - $run_start) / 1") s \
getting the documents and building."

failures=$(LC_ALL=C sort "$work/results"/*.tsv | awk -F'\t' '$2 != "ok" { print $1 }')
[ -n "$failures" ] || exit "${failed:-0}"
echo
echo "Failures:"
for name in $failures; do
    echo
    echo "-- $name: $(cut -f2 "$work/results/$name.tsv")"
    head -5 "$work/run/$name/error.log" | sed 's/^/    /'
done
exit 1
