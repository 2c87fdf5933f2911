#!/usr/bin/env bash
# Measures the generator against the floor of a bare libyaml parse, and what its output costs to compile, and
# prints one Markdown table (the README's performance section is a copy of it). A benchmark, not a test: it
# prints figures and the targets of issue 12, and fails only when something does not build or generate.
#
#   import    CPU time of `discovery-generator import` on the Discovery JSON, and its ratio to a bare libyaml
#             parse of that JSON (scripts/benchmark/libyaml-parse.c: events only, nothing built);
#   generate  CPU time of `discovery-generator generate` on the imported spec, and its ratio to a bare libyaml
#             parse of the spec;
#   lines     lines of Swift generated;
#   compile   wall time and peak memory of a debug build of the generated module as SwiftPM does it (batch mode,
#             one job per core, -Onone -g), against the runtime.
# CPU times are the best of seven rounds in which the four commands take turns (noise only ever adds time);
# compile times the best of BENCHMARK_COMPILE_RUNS (3) rounds, ours and theirs in turn. With --instructions
# (valgrind installed), the import and generate ratios are also given in instructions executed, counted by
# callgrind, which do not drift with the machine as CPU times on a shared VM do.
#
# With the path of a built swift-openapi-generator (1.14.3 was measured) in SWIFT_OPENAPI_GENERATOR, the table
# gets its lines and compile times for the same revisions, from Tests/Fixtures/openapi/.
#
# Usage: scripts/benchmark.sh [--release-compile] [--instructions] [DOCUMENT.json ...]
#   (default: the 2022 revisions of compute, drive and youtube, which have OpenAPI forms, and aiplatform)
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== building the generator (release), the runtime (debug) and the libyaml parse" >&2
swift build -c release --product discovery-generator >&2
swift build --target DiscoveryRuntime >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/libyaml-parse" scripts/benchmark/libyaml-parse.c $(pkg-config --cflags --libs yaml-0.1 2>/dev/null || echo -lyaml)

exec python3 scripts/benchmark/run.py \
    --generator "$(swift build -c release --show-bin-path)/discovery-generator" \
    --parser "$work/libyaml-parse" \
    --modules "$(swift build --show-bin-path)/Modules" \
    --work "$work" "$@"
