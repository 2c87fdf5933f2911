#!/usr/bin/env bash
# Fuzzes a stage of the generator, or the runtime's JSON reader, with libFuzzer for SECONDS (see Fuzz/README.md):
# builds the target in release with libFuzzer and AddressSanitizer (DISCOVERY_FUZZ=1 adds the Fuzz* targets to
# Package.swift), seeds it from the repository's specs and fixtures, and runs it. Exits non-zero on any crash, timeout (10 s for one
# input), leak or out-of-memory, and prints the input that caused it and the start of the report; the temporary
# folder with the input is then kept. Prints how many inputs ran.
#
# Usage: scripts/fuzz.sh yaml|spec|path-template|import|json|all SECONDS
set -euo pipefail
cd "$(dirname "$0")/.."

usage="usage: $0 yaml|spec|path-template|import|json|all SECONDS"
[ "$#" -eq 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || { echo "$usage" >&2; exit 2; }
target=$1 seconds=$2
# The build folder; FUZZ_SCRATCH_PATH picks another one, e.g. to fuzz beside a build that uses .build-fuzz.
scratch=${FUZZ_SCRATCH_PATH:-.build-fuzz}

if [ "$target" = all ]; then
    failed=()
    for name in yaml spec path-template import json; do
        "$0" "$name" "$seconds" || failed+=("$name")
    done
    [ "${#failed[@]}" -eq 0 ] || { echo "FAIL: fuzzing found problems in: ${failed[*]}" >&2; exit 1; }
    exit 0
fi

invalid_specs=(Tests/DiscoveryGeneratorTests/InvalidSpecs/*.yaml)
specs=(spec/*.yaml Tests/Fixtures/*/spec.yaml "${invalid_specs[@]}")
discovery=(Tests/Fixtures/discovery/dataportability-*.json Tests/Fixtures/discovery/history/dataportability-*.json)
case "$target" in
    yaml) product=FuzzYAMLLoader seeds=("${specs[@]}" "${discovery[@]}") dicts=(yaml) ;;
    spec) product=FuzzSpec seeds=("${specs[@]}") dicts=(spec yaml) ;;
    path-template) product=FuzzPathTemplate seeds=() dicts=(path-template) ;;
    import) product=FuzzImport seeds=("${discovery[@]}") dicts=(import) ;;
    json) product=FuzzJSON seeds=("${discovery[@]}") dicts=(json) ;;
    *) echo "$usage" >&2; exit 2 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-$target.XXXXXX")
mkdir "$work/corpus" "$work/artifacts"

echo "== $target: building $product" >&2
start=$(date +%s)
# SwiftPM's --sanitize fuzzer links libFuzzer's main; the compiler takes only the last -sanitize=, so that
# `--sanitize address` too would instrument either for coverage or for AddressSanitizer, not both.
if ! DISCOVERY_FUZZ=1 swift build --scratch-path "$scratch" -c release --sanitize fuzzer \
    -Xswiftc -sanitize=fuzzer,address --product "$product" >"$work/build.log" 2>&1; then
    grep -v "ld.gold: warning" "$work/build.log" | tail -40 >&2
    echo "FAIL: $product does not build (log: $work/build.log)" >&2
    exit 1
fi
echo "== $target: built in $(($(date +%s) - start)) s" >&2

# The seed corpus: the repository's files as they are, and the saved crashes of this target; for path templates,
# also the templates of the specs' `http:` rules and of the parser's tests, one per file.
shopt -s nullglob
seeds+=(Fuzz/crashes/"$target"-*)
for file in "${seeds[@]}"; do cp "$file" "$work/corpus/${file//\//_}"; done
if [ "$target" = path-template ]; then
    n=0
    {
        grep -hoE '(get|post|put|patch|delete): *"?/[^" #]*' "${specs[@]}" | sed -E 's/^[a-z]+: *"?//'
        grep -hoE '"/[^"]*"' Tests/DiscoverySpecTests/PathTemplateTests.swift | tr -d '"'
    } | sort -u | while IFS= read -r template; do
        n=$((n + 1))
        printf '%s' "$template" >"$work/corpus/template-$n"
    done
fi
if [ "$target" = json ]; then
    # Documents of the types it decodes, as Google sends them, one per file.
    n=0
    while IFS= read -r document; do
        n=$((n + 1))
        printf '%s' "$document" >"$work/corpus/document-$n"
    done <<'DOCUMENTS'
{"anything":{"k":[null,true,-7,2.5e-3]},"bytes":"+/8=","day":"2024-03-08","duration":"3.500s","fieldMask":"a.b,c","inline":{"count":"7","deeper":{"leaf":true}},"int64List":["1","2"],"int64Value":"-9007199254740993","nestedLists":[["3"]],"states":["STATES_ON","STATES_DIMMED"],"timestamp":"2023-11-14T22:13:20.500Z","timestampMap":{"start":"1970-01-01T00:00:00Z"},"type":"A","uint64Value":"18446744073709551615","floatValue":"NaN","doubleValue":-0.1,"int32Value":-2147483648,"uint32Value":4294967295,"flag":false,"text":"t\u00e9xt \ud83d\ude00 \"q\" \\ \/","inlineMap":{"m":{"size":2}},"reference":{"class":"c","enum":"e"},"alias":["x"],"enumAlias":"init"}
{"name":"child","parent":{"name":"root","owner":{"home":{"name":"home","children":[{"name":"a"},{}]}}},"children":[]}
{"all":"a","allCases":["hashValue","rawValue"],"jsonWire":"9007199254740993","newValue":{"hashValue":"nested"},"nullFields":["x"],"rawValue":"description","value":{"hashValue":"d"},"wire":"w"}
{"nextPageToken":"n","results":[{"name":"r"}],"unreachable":["u"]}
{"name":"archiveJobs/1/portabilityArchiveState","state":"COMPLETE","urls":["https://storage.googleapis.com/a?x=1"],"startTime":"2026-07-01T00:00:00+02:00","exportTime":"2026-07-20T10:11:12.123456789Z"}
{"resources":["myactivity.youtube"],"startTime":"2024-01-02T03:04:05Z","endTime":"2024-01-02t03:04:05.1z"}
[{"state":"S"},{}]
{"a":1,"b":[1.5,1e300,-9223372036854775808,18446744073709551615,"s",null,true,{"c":{}}]}
DOCUMENTS
fi
for dict in "${dicts[@]}"; do cat "Fuzz/dictionaries/$dict.dict"; done >"$work/fuzz.dict"

echo "== $target: fuzzing for $seconds s from $(find "$work/corpus" -type f | wc -l) seeds (log: $work/fuzz.log)" >&2
status=0
SWIFT_BACKTRACE=enable=no "$scratch/release/$product" \
    -max_len=262144 -timeout=10 -rss_limit_mb=2048 -max_total_time="$seconds" -print_final_stats=1 \
    -dict="$work/fuzz.dict" -artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/fuzz.log" 2>&1 || status=$?

executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log")
coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$work/fuzz.log" | tail -1 || true)
echo "== $target: ${executions:-?} executions in $seconds s (${coverage:-no coverage line})" >&2
artifacts=$(find "$work/artifacts" -type f)
if grep -q "Is the code instrumented for coverage" "$work/fuzz.log"; then
    echo "FAIL: $product was built without coverage instrumentation (log: $work/fuzz.log)" >&2
    exit 1
fi
if [ "$status" -ne 0 ] || [ -n "$artifacts" ]; then
    echo "FAIL: fuzzing $target found a problem (libFuzzer exit status $status); the input:" >&2
    echo "${artifacts:-(none written; see $work/fuzz.log)}" >&2
    line=$(grep -nm1 -E 'Fatal error|==[0-9]+== ?ERROR|ALARM: ' "$work/fuzz.log" | cut -d: -f1 || true)
    tail -n "+${line:-1}" "$work/fuzz.log" | head -40 | swift demangle --simplified >&2
    exit 1
fi
rm -rf "$work"
echo "ok: $target found nothing" >&2
