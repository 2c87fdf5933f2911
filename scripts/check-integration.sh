#!/usr/bin/env bash
# Runs IntegrationTests/ over real HTTP on 127.0.0.1, through URLSessionTransport and AsyncHTTPClientTransport:
# the runtime and the generated Data Portability client; the paging and media of the Samples client, generated from
# IntegrationTests/spec/samples.yaml (checked to be up to date), against servers that play Google's protocols; and
# the README's Data Portability example against the fake Data Portability server. The example is copied from
# README.md first, so that what people copy is what runs; its 30-second polling wait is shortened to a millisecond.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - IntegrationTests/Sources/ReadmeExample/Example.swift <<'PYTHON'
import sys
readme = open("README.md").read()
start = readme.index("import DataPortability\nimport DiscoveryRuntime\nimport OpenAPIURLSession")
example = readme[start:readme.index("```", start)]
lines = example.splitlines()
imports = [line for line in lines if line.startswith("import ")]
code = [line for line in lines if not line.startswith("import ")]
body = "\n".join(("    " + line) if line else "" for line in code).strip("\n")
polling = "Task.sleep(for: .seconds(30))"
if polling not in body:
    sys.exit("README example: no `%s` to shorten" % polling)
body = body.replace(polling, "Task.sleep(for: .milliseconds(1))")
open(sys.argv[1], "w").write(
    "// Copied from README.md by scripts/check-integration.sh; edit the README, not this file.\n"
    "// swift-format-ignore-file\n\n"
    + "\n".join(imports)
    + "\n\n/// The README's Data Portability example, as a function that handles every error itself.\n"
    + "public func runReadmeExample() async {\n" + body + "\n    _ = oauthScopeParameter\n}\n")
PYTHON
# shellcheck disable=SC2086
swift build ${SWIFT_BUILD_FLAGS:-} --product discovery-generator >&2
# shellcheck disable=SC2086
swift build ${SWIFT_BUILD_FLAGS:-} --product portability-export >&2
bin_path="$(swift build ${SWIFT_BUILD_FLAGS:-} --show-bin-path)"
"$bin_path/discovery-generator" generate IntegrationTests/spec/samples.yaml -o IntegrationTests/Sources --check
# ExportCommandTests runs the tool as a person does.
export PORTABILITY_EXPORT_BINARY="$bin_path/portability-export"
cd IntegrationTests
# The main package's build folder: what both packages use (swift-crypto, the OpenAPI runtime, this package's own
# modules) is built once, with the same flags, and reused; only SwiftNIO and AsyncHTTPClient are new.
scratch=(--scratch-path ../.build)
# shellcheck disable=SC2086  # .ci/run passes its build flags
swift build "${scratch[@]}" ${SWIFT_BUILD_FLAGS:-} --build-tests >&2
swift test "${scratch[@]}" --skip-build --skip InBoundedMemory --skip ExportCommandTests
# Alone, so that the second it allows the consent address to arrive through a pipe is not spent waiting for a core.
swift test "${scratch[@]}" --skip-build --filter ExportCommandTests
# Alone, so that the peak memory it measures is its own.
DISCOVERY_CHECK_PEAK_MEMORY=1 swift test "${scratch[@]}" --skip-build --filter InBoundedMemory
