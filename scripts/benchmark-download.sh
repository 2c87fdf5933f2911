#!/usr/bin/env bash
# Peak memory of portability-export's download of a multi-gigabyte archive file, streamed to disk: a benchmark, not a
# test (CI does not run it). A local server (Python's http.server, on 127.0.0.1 and a port the system picks) serves a
# file of deterministic bytes, 3 GiB unless told, with an ETag and Range/If-Range, and drops the first connection
# halfway; download-benchmark (IntegrationTests/Sources/DownloadBenchmark: the tool's Downloader through
# AsyncHTTPClientTransport, its transport on Linux) downloads it under /usr/bin/time -v. The script checks every byte
# of the file, then prints its size, the wall time, the throughput and the peak resident memory, and the requests that
# the server saw: the second is `Range: bytes=<N>-` with `If-Range`, N being what reached the file before the drop
# (a little less than half: AsyncHTTPClient loses what its buffers held). It fails only when something does not build,
# the download fails, or the file is not exact.
#
# Usage: scripts/benchmark-download.sh
#   BENCHMARK_BYTES=N             the file's size (default 3221225472, 3 GiB)
#   BENCHMARK_DROP_AT=N           bytes of the first reply before the server drops it (default half; 0: no drop)
#   BENCHMARK_CONFIGURATION=C     release (default) or debug
#   BENCHMARK_SCRATCH_PATH=DIR    the IntegrationTests build folder, from the repository (default .build, as
#                                 scripts/check-integration.sh)
#   SWIFT_BUILD_FLAGS="..."       more flags for swift build, as the other scripts take
# The file goes to a temporary folder (TMPDIR), which needs room for it, and is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${BENCHMARK_BYTES:-$((3 * 1024 * 1024 * 1024))}
drop_at=${BENCHMARK_DROP_AT:-$((size / 2))}
configuration=${BENCHMARK_CONFIGURATION:-release}
scratch=${BENCHMARK_SCRATCH_PATH:-.build}
case "$scratch" in /*) ;; *) scratch="$PWD/$scratch" ;; esac
[ -x /usr/bin/time ] || { echo "FAIL: /usr/bin/time (GNU time) is needed: apt-get install time" >&2; exit 1; }

work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== building download-benchmark ($configuration)" >&2
# shellcheck disable=SC2206  # SWIFT_BUILD_FLAGS holds several flags, as in the other scripts
build=(swift build -c "$configuration" --scratch-path "$scratch" --package-path IntegrationTests ${SWIFT_BUILD_FLAGS:-})
"${build[@]}" --product download-benchmark >&2
benchmark="$("${build[@]}" --show-bin-path)/download-benchmark"

cat >"$work/server.py" <<'PYTHON'
"""serve SIZE DROP_AT PORT_FILE LOG_FILE | verify SIZE FILE"""
import http.server
import os
import sys

BLOCK = 1 << 20
PATTERN = bytes(range(251)) * (BLOCK // 251 + 2)


def block(index):
    """Block `index` of the file: its number, then a pattern that shifts with it, so that a misplaced byte shows."""
    start = index % 251
    return index.to_bytes(8, "big") + PATTERN[start:start + BLOCK - 8]


def chunks(start, end):
    """The bytes start..<end, a block at a time."""
    offset = start
    while offset < end:
        index, within = divmod(offset, BLOCK)
        data = block(index)[within:min(BLOCK, within + end - offset)]
        yield data
        offset += len(data)


def serve(size, drop_at, port_file, log_file):
    etag = '"benchmark-%d"' % size
    state = {"requests": 0}
    log = open(log_file, "a", buffering=1)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            state["requests"] += 1
            first = state["requests"] == 1
            range_header = self.headers.get("Range")
            if_range = self.headers.get("If-Range")
            log.write("GET Range=%s If-Range=%s Accept-Encoding=%s\n"
                      % (range_header, if_range, self.headers.get("Accept-Encoding")))
            start = 0
            if range_header and range_header.startswith("bytes=") and range_header.endswith("-") \
                    and (if_range is None or if_range == etag):
                start = int(range_header[len("bytes="):-1])
            if start >= size > 0:
                self.send_response(416)
                self.send_header("Content-Range", "bytes */%d" % size)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(206 if start else 200)
            self.send_header("ETag", etag)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(size - start))
            if start:
                self.send_header("Content-Range", "bytes %d-%d/%d" % (start, size - 1, size))
            self.end_headers()
            end = drop_at if first and 0 < drop_at < size else size
            try:
                for data in chunks(start, end):
                    self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
                return
            if end < size:
                log.write("  dropped the connection after %d bytes\n" % (end - start))
                self.close_connection = True

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(httpd.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    httpd.serve_forever()


def verify(size, path):
    offset = 0
    with open(path, "rb") as f:
        for expected in chunks(0, size):
            actual = f.read(len(expected))
            if actual != expected:
                sys.exit("FAIL: the file differs from the served bytes in the block at %d" % offset)
            offset += len(expected)
        if f.read(1):
            sys.exit("FAIL: the file is longer than the %d bytes served" % size)


if sys.argv[1] == "serve":
    serve(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5])
else:
    verify(int(sys.argv[2]), sys.argv[3])
PYTHON

python3 "$work/server.py" serve "$size" "$drop_at" "$work/port" "$work/requests.log" &
server=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { echo "FAIL: the server did not start" >&2; exit 1; }
url="http://127.0.0.1:$(cat "$work/port")/takeout/archive-1.zip?signature=benchmark"

echo "== downloading $size bytes from $url" >&2
if ! /usr/bin/time -v "$benchmark" "$url" "$work/out" >"$work/run.log" 2>"$work/time.log"; then
    cat "$work/run.log" "$work/time.log" >&2
    echo "FAIL: the download failed" >&2
    exit 1
fi
echo "== checking every byte" >&2
python3 "$work/server.py" verify "$size" "$work/out/archive-1.zip"

seconds=$(sed -n 's/^seconds: //p' "$work/run.log")
peak_kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.log")
awk -v size="$size" -v seconds="$seconds" -v peak="$peak_kib" \
    -v wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.log")" \
    -v cpu="$(sed -n 's/.*Percent of CPU this job got: //p' "$work/time.log")" -v configuration="$configuration" \
    -v hwm="$(sed -n 's/^VmHWM: *//p' "$work/run.log")" 'BEGIN {
    printf "file:        %.0f bytes (%.2f GiB), every byte checked\n", size, size / 1073741824
    printf "download:    %.1f s (%.0f MiB/s), process wall time %s, CPU %s (%s build)\n",
        seconds, size / 1048576 / seconds, wall, cpu, configuration
    printf "peak memory: %.0f KiB (%.1f MiB) resident by /usr/bin/time -v (the process'"'"'s own VmHWM: %s)\n",
        peak, peak / 1024, hwm
}'
echo "requests the server saw:"
sed 's/^/  /' "$work/requests.log"
