#!/usr/bin/env bash
# What the catalogue costs its users, measured in consumers made in a temporary folder (nothing of this package's
# own build is reused): the package's resolution, a clean debug build of a consumer of GoogleDrive alone and of
# one of every catalogue product, checking that neither builds SwiftNIO, AsyncHTTPClient or swift-crypto; then
# each catalogue module's own debug build time (the runtime built first). Prints a Markdown table for the README.
# Not part of CI (the clean builds take minutes); run it when the catalogue changes.
#
# Usage: scripts/measure-catalogue.sh
set -euo pipefail
cd "$(dirname "$0")/.."
package="$PWD"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
modules=$(sed -n '/^let catalogue = \[/,/^\]/p' Package.swift | grep -o '"Google[A-Za-z]*"' | tr -d '"' | tr '\n' ' ')
seconds() { local start=$EPOCHREALTIME; "$@" >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }; bc <<<"$EPOCHREALTIME - $start"; }

# A consumer of `$2` (products of this package), in folder `$1`.
consumer() {
    mkdir -p "$1/Sources/App"
    local products=""
    for module in $2; do products+="                .product(name: \"$module\", package: \"swift-discovery-generator\"),"$'\n'; done
    cat >"$1/Package.swift" <<EOF
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "App",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "swift-discovery-generator", path: "$package")],
    targets: [
        .executableTarget(
            name: "App",
            dependencies: [
$products            ]),
    ]
)
EOF
    { for module in $2; do echo "import $module"; done; echo 'print("ok")'; } >"$1/Sources/App/main.swift"
}

# No module of SwiftNIO, AsyncHTTPClient or swift-crypto compiled in a consumer's build (SwiftPM makes an empty
# folder for every target of the graph, so it is the object files that count).
check_no_networking_stack() {
    if find "$1/.build" -path '*/NIO*.build/*.o' -o -path '*/AsyncHTTPClient.build/*.o' \
        -o -path '*/Crypto.build/*.o' | grep -q .; then
        echo "FAIL: a consumer of generated clients built SwiftNIO, AsyncHTTPClient or swift-crypto" >&2
        exit 1
    fi
}

consumer "$work/drive" "GoogleDrive"
resolve=$(cd "$work/drive" && seconds swift package resolve)
drive=$(cd "$work/drive" && seconds swift build)
check_no_networking_stack "$work/drive"
consumer "$work/all" "$modules"
(cd "$work/all" && swift package resolve >/dev/null 2>&1)
all=$(cd "$work/all" && seconds swift build)
check_no_networking_stack "$work/all"

echo "| measure | seconds |"
echo "|---|--:|"
printf '| resolving the package (a new consumer, from the local mirror) | %.1f |\n' "$resolve"
printf '| clean debug build of a consumer of GoogleDrive alone | %.1f |\n' "$drive"
printf '| clean debug build of a consumer of the whole catalogue | %.1f |\n' "$all"
echo
echo "| module | revision | methods | lines | debug build of the module (s) |"
echo "|---|---|--:|--:|--:|"
(cd "$work/all" && swift build --target DiscoveryRuntime >/dev/null 2>&1)
for module in $modules; do
    spec=$(grep -l "^module: $module\$" spec/*.yaml)
    revision=$(sed -n 's/^revision: *"\{0,1\}\([0-9]*\)"\{0,1\}/\1/p' "$spec")
    methods=$(python3 scripts/lib/count-methods.py spec "$spec")
    lines=$(cat Generated/"$module"/*.swift | wc -l)
    # The module again, every file of it, in the consumer whose other modules are built.
    touch Generated/"$module"/*.swift
    build=$(cd "$work/all" && seconds swift build --target "$module")
    printf '| %s | %s | %s | %s | %.1f |\n' "$module" "$revision" "$methods" "$lines" "$build"
done
