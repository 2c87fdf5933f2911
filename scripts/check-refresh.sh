#!/usr/bin/env bash
# Checks scripts/refresh-apis.sh against a local Discovery server on 127.0.0.1 that serves saved revisions of the
# Data Portability document (Tests/Fixtures/discovery/history): a spec imported from an older revision is turned
# into the newer one, Generated/ regenerated, the diff report written, and the exit status says whether anything
# changed and whether anything breaks. Runs in a temporary copy of spec/ and Generated/; the server stops at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/build-generator.sh
source scripts/lib/build-generator.sh
generator="$bin_path/discovery-generator"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

url='https://dataportability.googleapis.com/$discovery/rest?version=v1'
history="$PWD/Tests/Fixtures/discovery/history"

# The server answers GET /HOST/PATH?QUERY with the file that $work/served names, re-read for every request.
cat >"$work/server.py" <<'PYTHON'
import http.server, sys
served = sys.argv[1]
class Discovery(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            assert self.path == "/dataportability.googleapis.com/$discovery/rest?version=v1"
            body = open(open(served).read().strip(), "rb").read()
        except (AssertionError, OSError):
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Discovery)
print(server.server_address[1], flush=True)
server.serve_forever()
PYTHON
echo "$history/dataportability-v1.20240410.json" >"$work/served"
python3 "$work/server.py" "$work/served" >"$work/port" &
server_pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port="$(cat "$work/port")"
[ -n "$port" ] || fail "the local Discovery server did not start"
root="http://127.0.0.1:$port"

# A package copy whose only spec is the older revision, with its generated code.
mkdir -p "$work/package/spec"
(cd "$work/package" && "$generator" import "$history/dataportability-v1.20240319.json" -o spec/dataportability.yaml \
    --module DataPortability --discovery-url "$url" 2>/dev/null && "$generator" generate)
refresh() { status=0; scripts/refresh-apis.sh --root "$work/package" --reports "$work/reports" \
    --discovery-root "$root" >"$work/refresh.log" 2>&1 || status=$?; }
expect_status() { [ "$status" -eq "$1" ] || { cat "$work/refresh.log" >&2; fail "exit status $status, expected $1 ($2)"; }; }

# 20240319 → 20240410 removes two scopes: changed, and breaking.
refresh
expect_status 3 "a breaking revision"
grep -q '^revision: "20240410"' "$work/package/spec/dataportability.yaml" || fail "the spec is not the new revision"
(cd "$work/package" && "$generator" generate --check) || fail "Generated/ is not what the new spec generates"
"$generator" import "$history/dataportability-v1.20240410.json" --module DataPortability --discovery-url "$url" \
    2>/dev/null | cmp -s - "$work/package/spec/dataportability.yaml" || fail "the spec is not the newer document's import"
grep -q 'revision 20240319 → 20240410' "$work/reports/dataportability.md" || fail "no diff report"
grep -q 'breaking' "$work/reports/dataportability.md" || fail "the report does not say what breaks"
[ "$(cat "$work/reports/summary.tsv")" = "$(printf 'dataportability\t20240319\t20240410\tyes')" ] ||
    fail "summary: $(cat "$work/reports/summary.tsv")"

# One pull request for the API, labelled as breaking, with the report as its body (the git and gh commands, dry).
scripts/refresh-pull-requests.sh --dry-run --root "$work/package" "$work/reports" >"$work/pulls.log"
grep -q '^git switch --force-create refresh/dataportability origin/main' "$work/pulls.log" || fail "no branch: $(cat "$work/pulls.log")"
grep "^gh pr create " "$work/pulls.log" | grep -F -- "--body-file $work/reports/dataportability.md" |
    grep -q -- '--label refresh.,breaking-change' ||
    fail "no labelled pull request: $(cat "$work/pulls.log")"

# The same revision again: nothing changes.
refresh
expect_status 0 "an unchanged revision"
[ ! -s "$work/reports/summary.tsv" ] || fail "an unchanged revision is in the summary"

# 20240410 → 20240828 only adds: changed, nothing breaks.
echo "$history/dataportability-v1.20240828.json" >"$work/served"
refresh
expect_status 2 "an additive revision"
grep -q '^revision: "20240828"' "$work/package/spec/dataportability.yaml" || fail "the spec is not 20240828"

# A document that is not there: a failure, and the spec stays as it was.
echo "$work/missing.json" >"$work/served"
refresh
expect_status 1 "a failed fetch"
grep -q '^revision: "20240828"' "$work/package/spec/dataportability.yaml" || fail "a failed fetch changed the spec"

echo "refresh-apis.sh: breaking (3), unchanged (0), additive (2) and a failed fetch (1) as expected"
