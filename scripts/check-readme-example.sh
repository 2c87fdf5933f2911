#!/usr/bin/env bash
# Type-checks the Data Portability example of README.md against the built modules, so that the example people
# copy keeps compiling. URLSessionTransport (not a dependency here) and the app's fetchToken() are stubbed.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC2086  # .ci/run sets the flags of its own build, so that nothing is rebuilt here
swift build ${SWIFT_BUILD_FLAGS:-} --target DataPortability >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/main.swift" <<'PYTHON'
import sys
readme = open("README.md").read()
start = readme.index("import DataPortability\nimport DiscoveryRuntime\nimport OpenAPIURLSession")
example = readme[start:readme.index("```", start)]
stubs = """import Foundation
import HTTPTypes
import OpenAPIRuntime

struct URLSessionTransport: ClientTransport {
    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws
        -> (HTTPResponse, HTTPBody?) { (HTTPResponse(status: .ok), nil) }
}
func fetchToken() async throws -> AccessToken { AccessToken(value: "", expiresAt: nil) }

func example() async {
"""
body = example.replace("import OpenAPIURLSession\n", "")
imports = "".join(line + "\n" for line in body.splitlines() if line.startswith("import "))
code = "\n".join(line for line in body.splitlines() if not line.startswith("import "))
open(sys.argv[1], "w").write(imports + stubs + code + "\n_ = oauthScopeParameter\n}\n")
PYTHON
modules="$(swift build --show-bin-path)/Modules"
swiftc -typecheck -parse-as-library -warnings-as-errors -I "$modules" "$work/main.swift"
echo "ok: the README example type-checks"
