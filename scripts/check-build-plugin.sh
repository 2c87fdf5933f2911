#!/usr/bin/env bash
# Builds Examples/PortabilityExporter from scratch with the build plugin and checks that:
#  - the plugin's output for the spec is byte-identical to Generated/DataPortability/;
#  - a no-op build, and a build after editing an unrelated Swift file, do not run the generator;
#  - editing the spec runs the generator and recompiles the client;
#  - a spec error fails the build with `path/to/spec.yaml:LINE:COL: error: ...` and leaves no stale sources.
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

echo "== clean build of the example"
start=$(date +%s)
build || { cat "$work/build.log"; fail "the example does not build"; }
echo "built in $(( $(date +%s) - start ))s"
[ "$(generator_runs)" = 1 ] || fail "a clean build should run the generator once"

generated=$(dirname "$(find .build -path '*DiscoveryGeneratorPlugin/GeneratedSources/Client.swift' | head -n 1)")
diff -r "$generated" "$repo/Generated/DataPortability" || fail "the build plugin's output differs from Generated/DataPortability/"
echo "ok: plugin output is byte-identical to Generated/DataPortability/"

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
