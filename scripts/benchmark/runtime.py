#!/usr/bin/env python3
"""The runtime half of scripts/benchmark.sh: decoding and encoding a Drive v3 FileList and a single File with the
client's direct JSON reader and writer, against a twin of the same types with compiler-synthesized Codable through
JSONDecoder and JSONEncoder, and against a bare scan of the same bytes. Prints Markdown tables.

It generates the Drive module from the 2022 Discovery document, its Codable twin (codable_twin.py) and the documents
(drive_filelist.py), compiles them with RuntimeBenchmark.swift and json-scan.c against the release build of
DiscoveryRuntime (-O, whole module), and runs:

  CPU time     the least of ROUNDS rounds in which the operations take turns, in one process (noise only adds
               time); a single File's operation is repeated FILE_ITERATIONS times per measurement;
  instructions with --instructions: callgrind's count of the operation alone (--toggle-collect), which does not drift
               with the machine as CPU time does on a shared VM;
  memory       the most the operation holds beyond what the process held before it (the high-water mark of the
               resident set, reset just before, after the heap is trimmed), and the process's peak.

Every run first checks that the direct path decodes the same values as JSONDecoder and encodes the same bytes as
JSONEncoder with sorted keys, the twin included.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DRIVE = "Tests/Fixtures/discovery/history/drive-v3.20220508.json"
TARGET = 0.5  # issue 24: at most half the time of synthesized Codable
# (row label, operation stem, kind): each stem has Ours, Tables and Twin variants.
ROWS = [
    ("decode FileList", "decode", "List"),
    ("encode FileList", "encode", "List"),
    ("decode File", "decode", "File"),
    ("encode File", "encode", "File"),
]


def run(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


def build(arguments, work):
    """Generates and compiles the benchmark; returns its path and the documents."""
    out = os.path.join(work, "drive")
    os.makedirs(out, exist_ok=True)
    spec = os.path.join(work, "drive.yaml")
    run([arguments.generator, "import", DRIVE, "-o", spec], stderr=subprocess.DEVNULL)
    run([arguments.generator, "generate", spec, "-o", out])
    module = os.path.join(out, [name for name in os.listdir(out) if os.path.isdir(os.path.join(out, name))][0])
    sources = sorted(os.path.join(module, name) for name in os.listdir(module) if name.endswith(".swift"))
    types = [path for path in sources if os.path.basename(path).startswith("Types")]

    twin = os.path.join(work, "Twin.swift")
    with open(twin, "w") as file:
        run([sys.executable, os.path.join(HERE, "codable_twin.py")] + types, stdout=file)
    documents = (os.path.join(work, "list.json"), os.path.join(work, "file.json"))
    run([sys.executable, os.path.join(HERE, "drive_filelist.py"), *documents, str(arguments.files)])

    release = arguments.release_bin
    modules = os.path.join(release, "Modules")
    objects = []
    for target in ["DiscoveryRuntime", "OpenAPIRuntime", "HTTPTypes", "Logging"]:
        folder = os.path.join(release, target + ".build")
        objects += sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".o"))
    optimize = ["-O", "-wmo", "-parse-as-library", "-I", work, "-I", modules]
    print("== compiling the Drive module, its Codable twin and the benchmark (-O)", file=sys.stderr)
    run(["swiftc", *optimize, "-module-name", "DriveAPI", "-emit-module", "-emit-module-path",
         os.path.join(work, "DriveAPI.swiftmodule"), "-c", *sources, "-o", os.path.join(work, "DriveAPI.o")],
        stderr=subprocess.DEVNULL)
    run(["swiftc", *optimize, "-module-name", "DriveTwin", "-emit-module", "-emit-module-path",
         os.path.join(work, "DriveTwin.swiftmodule"), "-c", twin, "-o", os.path.join(work, "DriveTwin.o")],
        stderr=subprocess.DEVNULL)
    run(["cc", "-O2", "-c", os.path.join(HERE, "json-scan.c"), "-o", os.path.join(work, "json-scan.o")])
    binary = os.path.join(work, "RuntimeBenchmark")
    run(["swiftc", "-O", "-I", work, "-I", modules, os.path.join(HERE, "RuntimeBenchmark.swift"),
         os.path.join(work, "DriveAPI.o"), os.path.join(work, "DriveTwin.o"), os.path.join(work, "json-scan.o"),
         *objects, "-o", binary], stderr=subprocess.DEVNULL)
    return binary, documents


def instructions(binary, operation, document, iterations, work):
    counts = os.path.join(work, "callgrind.out")
    run(["valgrind", "--tool=callgrind", "--toggle-collect=*benchRun*", f"--callgrind-out-file={counts}", binary,
         "once", operation, document, str(iterations)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(counts) as file:
        for line in file:
            if line.startswith("totals:") or line.startswith("summary:"):
                return int(line.split()[1]) / iterations
    sys.exit(f"callgrind counted nothing for {operation}")


def memory(binary, operation, document):
    result = run([binary, "once", operation, document, "1"], stdout=subprocess.PIPE, text=True)
    figures = json.loads(result.stdout)
    return figures["extraKiB"] / 1024, figures["peakKiB"] / 1024


def count(value):
    return f"{value / 1e6:,.1f} M" if value >= 1e6 else f"{value / 1e3:,.1f} k"


def seconds(value):
    return f"{value * 1000:.1f} ms" if value >= 0.001 else f"{value * 1e6:.1f} µs"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--generator", required=True)
    parser.add_argument("--release-bin", required=True, help="the release build folder of DiscoveryRuntime")
    parser.add_argument("--work", required=True)
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCHMARK_RUNTIME_ROUNDS", "7")))
    parser.add_argument("--file-iterations", type=int, default=2000)
    parser.add_argument("--files", type=int, default=20000)
    arguments = parser.parse_args()
    work = os.path.join(arguments.work, "runtime")
    os.makedirs(work, exist_ok=True)

    binary, (list_document, file_document) = build(arguments, work)
    size = os.path.getsize(list_document)
    print(f"== timing: {arguments.rounds} rounds, the operations taking turns", file=sys.stderr)
    result = run([binary, "times", list_document, file_document, str(arguments.rounds),
                  str(arguments.file_iterations)], stdout=subprocess.PIPE, text=True)
    times = json.loads(result.stdout)
    best = {name: min(values) for name, values in times.items()}
    median = {name: statistics.median(values) for name, values in times.items()}

    counted = {}
    if arguments.instructions:
        print("== counting instructions with callgrind (minutes)", file=sys.stderr)
        for _, stem, kind in ROWS:
            document, iterations = (list_document, 1) if kind == "List" else (file_document, 200)
            for variant in ["Ours", "Tables", "Twin"]:
                name = f"{stem}{variant}{kind}"
                counted[name] = instructions(binary, name, document, iterations, work)
            scan = "scan" + kind
            if scan not in counted:
                counted[scan] = instructions(binary, scan, document, iterations, work)

    print("== measuring memory", file=sys.stderr)
    held = {}
    for _, stem, kind in ROWS:
        if kind == "List":
            for variant in ["Ours", "Tables", "Twin"]:
                name = f"{stem}{variant}{kind}"
                held[name] = memory(binary, name, list_document)

    with open(file_document) as file:
        file_size = len(file.read().encode())
    print(f"Drive v3 `FileList` of {arguments.files:,} files ({size / 1e6:.1f} MB) and a single `File` "
          f"({file_size / 1000:.1f} KB); CPU time, the least of {arguments.rounds} interleaved rounds (median in "
          f"parentheses); release build.")
    print()
    print("| operation | direct (ours) | tables through JSONDecoder/JSONEncoder (before) | synthesized Codable twin "
          "| bare scan | ours / twin | before / twin | ours / scan |")
    print("|---|---|---|---|---|---|---|---|")
    verdicts = []
    for label, stem, kind in ROWS:
        ours, tables, twin = (f"{stem}{variant}{kind}" for variant in ["Ours", "Tables", "Twin"])
        scan = "scan" + kind
        row = (f"| {label} | {seconds(best[ours])} ({seconds(median[ours])}) | {seconds(best[tables])} "
               f"| {seconds(best[twin])} | {seconds(best[scan])} | **{best[ours] / best[twin]:.2f}x** "
               f"| {best[tables] / best[twin]:.2f}x | {best[ours] / best[scan]:.1f}x |")
        print(row)
        ratio = best[ours] / best[twin]
        verdicts.append(f"{label}: {ratio:.2f}x the twin's CPU time (target {TARGET}x): "
                        + ("met" if ratio <= TARGET else "NOT met"))
    unsorted_list, unsorted_file = best["encodeTwinUnsortedList"], best["encodeTwinUnsortedFile"]
    print()
    print(f"The twin's JSONEncoder sorts keys, as the client's must (so that bodies are the same bytes); without "
          f".sortedKeys it takes {seconds(unsorted_list)} for the list and {seconds(unsorted_file)} for the file, "
          f"and ours takes {best['encodeOursList'] / unsorted_list:.2f}x and {best['encodeOursFile'] / unsorted_file:.2f}x "
          f"of that.")
    if counted:
        print()
        print("| operation | direct (ours), instructions | before | twin | bare scan | ours / twin | before / twin "
              "| ours / scan |")
        print("|---|---|---|---|---|---|---|---|")
        for label, stem, kind in ROWS:
            ours, tables, twin = (counted[f"{stem}{variant}{kind}"] for variant in ["Ours", "Tables", "Twin"])
            scan = counted["scan" + kind]
            print(f"| {label} | {count(ours)} | {count(tables)} | {count(twin)} | {count(scan)} "
                  f"| **{ours / twin:.2f}x** | {tables / twin:.2f}x | {ours / scan:.1f}x |")
            verdicts.append(f"{label}: {ours / twin:.2f}x the twin's instructions")
    print()
    print("| operation (FileList) | memory held beyond the input: ours | before | twin | process peak: ours "
          "| before | twin |")
    print("|---|---|---|---|---|---|---|")
    for label, stem, kind in ROWS:
        if kind != "List":
            continue
        figures = [held[f"{stem}{variant}{kind}"] for variant in ["Ours", "Tables", "Twin"]]
        print(f"| {label} | " + " | ".join(f"{extra:,.0f} MiB" for extra, _ in figures) + " | "
              + " | ".join(f"{peak:,.0f} MiB" for _, peak in figures) + " |")
        verdicts.append(f"{label}: holds {figures[0][0]:,.0f} MiB at most, the twin {figures[2][0]:,.0f} MiB")
    print()
    for verdict in verdicts:
        print("- " + verdict)


if __name__ == "__main__":
    main()
