#!/usr/bin/env bash
# Builds Examples/PortabilityExporter from scratch with the build plugin and checks that:
#  - the plugin's output for the spec is byte-identical to Generated/DataPortability/ but for the header line
#    that says how the file was produced, and the generator prints nothing on success;
#  - a no-op build, and a build after editing an unrelated Swift file, do not run the generator;
#  - editing the spec runs the generator and recompiles the client;
#  - a spec error fails the build with `path/to/spec.yaml:LINE:COL: error: ...` and leaves no stale sources;
#  - a target with two specs, or none, gets an error naming the target; one with no Swift file of its own is
#    named by SwiftPM's warning (SwiftPM runs no build plugin on a target without sources, swiftlang/swift-package-manager#8061);
#  - the command plugin regenerates Generated/<Module>/ on its first run, set up as the README says;
#  - the consumer's build never compiles SwiftNIO or AsyncHTTPClient, which the package lists for portability-export
#    only (and the check is shown to catch a build that does).
# The example is copied to a temporary folder so that the edits never touch the repository.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$repo/Examples/PortabilityExporter" "$work/PortabilityExporter"
example="$work/PortabilityExporter"
sed -i.bak "s#path: \"../..\"#path: \"$repo\"#" "$example/Package.swift"
spec="$example/Sources/PortabilityClient/dataportability.discovery.yaml"
cd "$example"

fail() { echo "FAIL: $*" >&2; exit 1; }
build() { swift build 2>&1 | tee "$work/build.log" >/dev/null; }
generator_runs() { grep -c "Generating the Discovery client" "$work/build.log" || true; }
# What a build compiled of SwiftNIO, AsyncHTTPClient or their OpenAPI transport: the log's "Compiling NIOCore ..."
# lines and the object files in their build folders (SwiftPM makes a folder for every target of the graph, compiled
# or not, so an empty one means nothing). Prints nothing when it compiled none of them.
nio_compiled() { # BUILD_LOG BUILD_FOLDER
    grep -E "Compiling (C?NIO|_NIO|AsyncHTTPClient|OpenAPIAsyncHTTPClient)[A-Za-z0-9_]* " "$1" | head -n 3 || true
    find "$2" -type f -name '*.o' \( -path '*/NIO*.build/*' -o -path '*/CNIO*.build/*' -o -path '*/_NIO*.build/*' \
        -o -path '*/AsyncHTTPClient.build/*' -o -path '*/OpenAPIAsyncHTTPClient.build/*' \) | head -n 3
}

echo "== clean build of the example"
start=$(date +%s)
build || { cat "$work/build.log"; fail "the example does not build"; }
echo "built in $(( $(date +%s) - start ))s"
[ "$(generator_runs)" = 1 ] || fail "a clean build should run the generator once"

# The check sees a build that compiles SwiftNIO by either sign (SwiftPM's line for one of its sources, an object in
# its folder), and an empty folder is not one.
mkdir -p "$work/nio/debug/NIOCore.build" "$work/no-nio/debug/NIOCore.build"
touch "$work/nio/debug/NIOCore.build/ByteBuffer.swift.o" "$work/empty.log"
echo "[12/480] Compiling NIOCore ByteBuffer.swift" >"$work/nio.log"
if [ -z "$(nio_compiled "$work/nio.log" "$work/no-nio")" ] || [ -z "$(nio_compiled "$work/empty.log" "$work/nio")" ] \
    || [ -n "$(nio_compiled "$work/empty.log" "$work/no-nio")" ]; then
    fail "the SwiftNIO check is wrong about a made-up build"
fi
compiled=$(nio_compiled "$work/build.log" .build)
[ -z "$compiled" ] || fail "an app that uses only a generated client built SwiftNIO or AsyncHTTPClient:
$compiled"
echo "ok: an app that uses only a generated client builds neither SwiftNIO nor AsyncHTTPClient"

generated=$(dirname "$(find .build -path '*DiscoveryGeneratorPlugin/GeneratedSources/Client.swift' | head -n 1)")
for file in Client.swift Scopes.swift Types.swift; do
    diff <(sed 2d "$generated/$file") <(sed 2d "$repo/Generated/DataPortability/$file") \
        || fail "the build plugin's $file differs from Generated/DataPortability/"
    sed -n 2p "$generated/$file" | grep -qF \
        "// Do not edit: DiscoveryGeneratorPlugin writes this file at build time from dataportability.discovery.yaml." \
        || fail "the header of the build plugin's $file does not say the plugin wrote it"
done
echo "ok: plugin output is Generated/DataPortability/, with a header naming the plugin"
if grep -q "Generated [0-9]* files" "$work/build.log"; then fail "the generator printed a summary in a build"; fi
echo "ok: the generator is quiet in a build"

# SwiftPM 6.3 relinks the plugin's tool once in the build after a clean build (its host "-tool" variant);
# the generator then runs again, correctly, since the tool is an input. Measure from the next build on.
build || fail "second build failed"
echo "second build after a clean build: $(generator_runs) generator run(s) (the tool is relinked once)"
build || fail "no-op build failed"
[ "$(generator_runs)" = 0 ] || fail "a no-op build ran the generator"
echo "ok: a no-op build does not run the generator"

touch Sources/portability-exporter/main.swift
build || fail "build after touching main.swift failed"
[ "$(generator_runs)" = 0 ] || fail "editing an unrelated Swift file ran the generator"
echo "ok: editing an unrelated Swift file does not run the generator"

sed -i.bak 's/^revision: "\(.*\)"/revision: "\1-edited"/' "$spec"
build || fail "build after editing the spec failed"
[ "$(generator_runs)" = 1 ] || fail "editing the spec did not run the generator"
grep -q "Compiling PortabilityClient Client.swift" "$work/build.log" || fail "editing the spec did not recompile the client"
grep -q 'revision 20260719-edited' "$generated/Client.swift" || fail "the regenerated client does not reflect the edit"
echo "ok: editing the spec regenerates and recompiles"

sed -i.bak 's#^rootURL: https://#rootURL: http://#' "$spec"
if build; then fail "a spec error did not fail the build"; fi
line=$(grep -n '^rootURL:' "$spec" | cut -d: -f1)
grep -q "$spec:$line:10: error: 'rootURL' must use https" "$work/build.log" || { cat "$work/build.log"; fail "the spec error is not reported as FILE:LINE:COL"; }
[ -z "$(ls "$generated"/*.swift 2>/dev/null)" ] || fail "stale generated sources were left behind"
echo "ok: a spec error fails the build at $spec:$line:10 and leaves nothing stale"

mv "$spec.bak" "$spec"
cp "$spec" "$example/Sources/PortabilityClient/second.discovery.yaml"
if build; then fail "a target with two specs built"; fi
grep -q "target 'PortabilityClient' must contain exactly one \*.discovery.yaml spec (found " "$work/build.log" \
    || { cat "$work/build.log"; fail "two specs in a target do not give an error naming the target"; }
rm "$spec" "$example/Sources/PortabilityClient/second.discovery.yaml"
if build; then fail "a target without a spec built"; fi
grep -q "target 'PortabilityClient' must contain exactly one \*.discovery.yaml spec (found none)" "$work/build.log" \
    || { cat "$work/build.log"; fail "a target without a spec does not give an error naming the target"; }
echo "ok: a target with two specs, or none, gets an error naming the target"

cp "$repo/Examples/PortabilityExporter/Sources/PortabilityClient/dataportability.discovery.yaml" "$spec"
mv Sources/PortabilityClient/ResourceGroups.swift "$work/ResourceGroups.swift"
if build; then fail "a target with only a spec built"; fi
grep -q "Source files for target PortabilityClient should be located under" "$work/build.log" \
    || { cat "$work/build.log"; fail "a target with only a spec is not named in SwiftPM's warning"; }
mv "$work/ResourceGroups.swift" Sources/PortabilityClient/ResourceGroups.swift
echo "ok: SwiftPM names a target with only a spec (it runs no plugin on it; the README says to add a Swift file)"

echo "== the command plugin, set up as the README says: dependency, first run, then the target"
# This package already has a DataPortability target, and target names are unique in a package graph.
mkdir spec
cp "$repo/spec/dataportability.yaml" spec/
echo "module: PortabilityAPI" >discovery-generator-config.yaml
swift package --allow-writing-to-package-directory generate-discovery-client >"$work/command.log" 2>&1 \
    || { cat "$work/command.log"; fail "the first run of the command plugin failed"; }
[ "$(ls Generated/PortabilityAPI)" = "$(printf '%s\n' Client.swift PortabilityAPI.docc Scopes.swift Types.swift)" ] \
    || fail "the command plugin did not write Generated/PortabilityAPI/"
diff <(sed 1,2d Generated/PortabilityAPI/Types.swift) <(sed 1,2d "$repo/Generated/DataPortability/Types.swift") \
    || fail "the command plugin's Types.swift differs from Generated/DataPortability/"
cat >>Package.swift <<'SWIFT'
package.targets.append(
    .target(
        name: "PortabilityAPI",
        dependencies: [
            .product(name: "DiscoveryRuntime", package: "swift-discovery-generator"),
            .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
        ],
        path: "Generated/PortabilityAPI"
    )
)
SWIFT
swift build --target PortabilityAPI 2>&1 | tee "$work/build.log" >/dev/null \
    || { cat "$work/build.log"; fail "the target of the command plugin's output does not build"; }
swift package --allow-writing-to-package-directory generate-discovery-client --check >"$work/command.log" 2>&1 \
    || { cat "$work/command.log"; fail "generate-discovery-client --check fails right after a run"; }
echo "ok: the command plugin's first run writes Generated/PortabilityAPI/, which then builds as a target"
