#!/usr/bin/env bash
# Type-checks every ```swift block of README.md and of the DocC catalogs (Sources/*/*.docc/*.md) against the real
# modules: DiscoveryRuntime, DataPortability, DiscoveryAuth and OpenAPIURLSession as the package builds them (with
# $SWIFT_BUILD_FLAGS, as .ci/run builds, so nothing is rebuilt), and clients generated here by the built generator:
# GoogleDrive from Tests/Fixtures/discovery/drive-v3.json, for the paging and media examples, and Aiplatform (its
# `media` resource only) from aiplatform-v1.json, for the regional endpoint. Prints a line per block
# (FILE:LINE: ok / skipped: REASON / FAILED, with the compiler's errors at the block's lines) and exits 1 when a
# block fails, has no marker and does not compile alone, or a marker is malformed or not right before a block.
#
# The line right before a ```swift block says how to check it (an HTML comment: GitHub and DocC show nothing):
#   <!-- snippet: prelude=NAME -->   the block uses names that scripts/check-snippets/preludes/NAME.swift declares
#                                     (`client`, `drive`, `id`...); it sees the prelude's imports unless it has
#                                     `import` lines of its own, which are then all it sees, as a whole file would
#   <!-- snippet: top-level ... -->  the block holds declarations that cannot be local (extensions, protocols);
#                                     otherwise it is the body of `func snippet() async throws` after its imports
#   <!-- snippet: manifest -->       a Package.swift fragment: the arguments of `Package(name: "App", ...)`
#   <!-- snippet: skip (REASON) -->  not checked here, for the reason given
# A block without a marker is checked alone, without a prelude. Other blocks (sh, yaml...) are left alone. Blocks
# are type-checked, never run, in the Swift 6 language mode; warnings (an unused `let`) are not failures.
#
# Usage: scripts/check-snippets.sh [FILE.md...]   (default: README.md and Sources/*/*.docc/*.md)
#   SWIFT_BUILD_FLAGS="--scratch-path DIR ..." builds in another folder.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$EPOCHREALTIME
if [ "$#" -gt 0 ]; then files=("$@"); else files=(README.md Sources/*/*.docc/*.md); fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== building the generator and the modules that the snippets import" >&2
# shellcheck disable=SC2086  # .ci/run passes its build flags
swift build ${SWIFT_BUILD_FLAGS:-} --product discovery-generator >&2
for target in DiscoveryRuntime DataPortability DiscoveryAuth OpenAPIURLSession; do
    # shellcheck disable=SC2086
    swift build ${SWIFT_BUILD_FLAGS:-} --target "$target" >&2
done
# shellcheck disable=SC2086
bin_path="$(swift build ${SWIFT_BUILD_FLAGS:-} --show-bin-path)"
modules="$bin_path/Modules"
[ -d "$modules" ] || modules="$bin_path"
swiftc="$(dirname "$(command -v swift)")/swiftc"
manifest_api="$(dirname "$(readlink -f "$(command -v swift)")")/../lib/swift/pm/ManifestAPI"
built=$EPOCHREALTIME

echo "== generating and compiling the Drive and Aiplatform clients" >&2
generator="$bin_path/discovery-generator"
fixtures="$PWD/Tests/Fixtures/discovery"
mkdir -p "$work/spec" "$work/generated" "$work/modules"
printf 'filter:\n  resources: [media]\n' >"$work/spec/aiplatform-config.yaml"
# In $work, so that no discovery-generator-config.yaml of the current folder applies. Import warnings (batch
# requests...) are shown only when a step fails.
(
    cd "$work/spec"
    "$generator" import "$fixtures/drive-v3.json" -o drive.yaml 2>>import.log
    "$generator" import "$fixtures/aiplatform-v1.json" -o aiplatform.yaml 2>>import.log
    "$generator" generate drive.yaml -o ../generated
    "$generator" generate aiplatform.yaml --config aiplatform-config.yaml -o ../generated
) || { cat "$work/spec/import.log" >&2; exit 1; }
for folder in "$work/generated"/*/; do
    module="$(basename "$folder")"
    "$swiftc" -emit-module -parse-as-library -module-name "$module" -I "$modules" \
        -emit-module-path "$work/modules/$module.swiftmodule" "$folder"*.swift
done
generated=$EPOCHREALTIME

echo "== type-checking the snippets of ${files[*]}" >&2
status=0
python3 scripts/check-snippets/check.py --swiftc "$swiftc" --work "$work" --manifest-api "$manifest_api" \
    -I "$work/modules" -I "$modules" "${files[@]}" || status=$?
echo "Wall time: $(bc <<<"($EPOCHREALTIME - $start) / 1") s: building $(bc <<<"($built - $start) / 1") s," \
    "the Drive and Aiplatform modules $(bc <<<"($generated - $built) / 1") s," \
    "the snippets $(bc <<<"($EPOCHREALTIME - $generated) / 1") s."
exit "$status"
