#!/usr/bin/env python3
"""The measuring half of scripts/benchmark.sh, which builds what this runs and says what each column means."""

import argparse
import os
import resource
import subprocess
import sys

FIXTURES = "Tests/Fixtures/discovery"
DEFAULT_DOCUMENTS = [
    f"{FIXTURES}/history/compute-v1.20220526.json",
    f"{FIXTURES}/history/drive-v3.20220508.json",
    f"{FIXTURES}/history/youtube-v3.20220612.json",
    f"{FIXTURES}/aiplatform-v1.json",
]
# The OpenAPI forms of exactly these revisions (Tests/Fixtures/openapi/README.md).
OPENAPI_FORMS = {
    "compute-v1.20220526": "Tests/Fixtures/openapi/compute-v1.openapi.yaml",
    "drive-v3.20220508": "Tests/Fixtures/openapi/drive-v3.openapi.yaml",
    "youtube-v3.20220612": "Tests/Fixtures/openapi/youtube-v3.openapi.yaml",
}
# Issue 12's targets: generation and import against the bare parse, and the share of swift-openapi-generator's
# lines that ours may take (counted when SWIFT_OPENAPI_GENERATOR is given, else as the issue counted them).
GENERATE_TARGET, IMPORT_TARGET, SHARE_TARGET = 3.0, 5.0, 0.2
OPENAPI_LINES = {"compute-v1.20220526": 345_000, "drive-v3.20220508": 20_200, "youtube-v3.20220612": 43_400}
RUNS = 7
# Compiles take seconds to minutes, and this VM's speed drifts by a third over minutes: ours and theirs are built
# in turn, and each figure is the best of these rounds.
COMPILE_RUNS = int(os.environ.get("BENCHMARK_COMPILE_RUNS", "3"))


def cpu_seconds(commands):
    """The least CPU time (user + system) of each command over RUNS rounds, the commands taking turns so that a
    slow spell of the machine weighs on all of them: noise only ever adds time."""
    best = [None] * len(commands)
    for _ in range(RUNS):
        for index, command in enumerate(commands):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            best[index] = used if best[index] is None else min(best[index], used)
    return best


def compile_module(folder, module, modules, work, release):
    """Wall seconds and peak memory (MiB, the largest process) of compiling the module's Swift files."""
    output = os.path.join(work, f"build-{module}-{'release' if release else 'debug'}")
    os.makedirs(output, exist_ok=True)
    files = sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".swift"))
    mode = ["-O", "-whole-module-optimization", f"-num-threads", str(os.cpu_count())] if release else [
        "-Onone", "-g", "-enable-batch-mode", f"-j{os.cpu_count()}"]
    timing = os.path.join(output, "time")
    command = ["/usr/bin/time", "-f", "%e %M", "-o", timing, "swiftc", "-c", "-parse-as-library", "-swift-version",
               "6", "-module-name", module, "-emit-module", "-emit-module-path",
               os.path.join(output, module + ".swiftmodule"), "-I", modules] + mode + files
    result = subprocess.run(command, cwd=output, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"{module} does not compile:\n{result.stderr[:4000]}")
    seconds, kilobytes = open(timing).read().split()
    return float(seconds), int(kilobytes) // 1024


def instructions(command, work):
    """Instructions that the command executes, counted by callgrind: the same in every run, where this VM's CPU
    times are not."""
    counts = os.path.join(work, "callgrind.out")
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={counts}"] + command, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(counts) as file:
        for line in file:
            if line.startswith("totals:"):
                return int(line.split()[1])
    sys.exit(f"callgrind counted nothing for {command}")


def swift_lines(folder):
    total = 0
    for root, _, names in os.walk(folder):
        for name in names:
            if name.endswith(".swift"):
                with open(os.path.join(root, name), "rb") as file:
                    total += file.read().count(b"\n")
    return total


def only_folder(path):
    folders = [name for name in os.listdir(path) if os.path.isdir(os.path.join(path, name))]
    return folders[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--generator", required=True)
    parser.add_argument("--parser", required=True)
    parser.add_argument("--modules", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--release-compile", action="store_true")
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("documents", nargs="*")
    arguments = parser.parse_args()
    openapi_generator = os.environ.get("SWIFT_OPENAPI_GENERATOR")

    speed_rows, output_rows, verdicts = [], [], []
    for document in arguments.documents or DEFAULT_DOCUMENTS:
        name = os.path.basename(document)[: -len(".json")]
        print(f"== {name}", file=sys.stderr)
        folder = os.path.join(arguments.work, name)
        os.makedirs(folder, exist_ok=True)
        spec = os.path.join(folder, "spec.yaml")
        out = os.path.join(folder, "Out")

        subprocess.run([arguments.generator, "import", document, "-o", spec], check=True, stderr=subprocess.DEVNULL)
        commands = [
            [arguments.parser, document],
            [arguments.generator, "import", document, "-o", spec],
            [arguments.parser, spec],
            [arguments.generator, "generate", spec, "-o", out],
        ]
        parse_json, imported, parse_spec, generated = cpu_seconds(commands)
        row = (f"| {name} | {parse_json * 1000:.0f} ms | {imported * 1000:.0f} ms | {imported / parse_json:.1f}x "
               f"| {parse_spec * 1000:.0f} ms | {generated * 1000:.0f} ms | {generated / parse_spec:.1f}x |")
        verdict = (f"{name}: import {imported / parse_json:.1f}x the parse (target {IMPORT_TARGET:g}x), "
                   f"generate {generated / parse_spec:.1f}x (target {GENERATE_TARGET:g}x)")
        if arguments.instructions:
            json_i, import_i, spec_i, generate_i = (instructions(command, arguments.work) for command in commands)
            row += f" {import_i / json_i:.1f}x | {generate_i / spec_i:.1f}x |"
            verdict += f"; in instructions, import {import_i / json_i:.1f}x and generate {generate_i / spec_i:.1f}x"
        speed_rows.append(row)
        verdicts.append(verdict)

        module = only_folder(out)
        lines = swift_lines(os.path.join(out, module))
        builds = [(os.path.join(out, module), module)]
        their_lines = None
        if openapi_generator and name in OPENAPI_FORMS:
            theirs = os.path.join(folder, "OpenAPI")
            subprocess.run([openapi_generator, "generate", "--mode", "types", "--mode", "client",
                            "--access-modifier", "public", "--output-directory", theirs, OPENAPI_FORMS[name]],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            their_lines = swift_lines(theirs)
            builds.append((theirs, "OpenAPI" + module))
        modes = [False, True] if arguments.release_compile else [False]
        # (seconds, peak MiB) per build and mode, the best of COMPILE_RUNS rounds taken in turn.
        timings = {}
        for _ in range(COMPILE_RUNS):
            for release in modes:
                for folder_path, module_name in builds:
                    seconds, peak = compile_module(folder_path, module_name, arguments.modules, arguments.work,
                                                   release)
                    key = (module_name, release)
                    best = timings.get(key)
                    timings[key] = (seconds, peak) if best is None or seconds < best[0] else best
        ours = [timings[(module, release)] for release in modes]
        row = f"| {name} | {lines:,} |" + "".join(f" {seconds:.1f} s, {peak:,} MiB |" for seconds, peak in ours)
        reference_lines = their_lines or OPENAPI_LINES.get(name)
        if reference_lines:
            verdicts.append(f"{name}: {lines / reference_lines:.2f}x swift-openapi-generator's lines "
                            f"(target {SHARE_TARGET:g}x)")
        if their_lines:
            theirs_timed = [timings[("OpenAPI" + module, release)] for release in modes]
            row += f" {their_lines:,} |" + "".join(f" {seconds:.1f} s, {peak:,} MiB |" for seconds, peak in theirs_timed)
            row += f" {lines / their_lines:.2f}x, " + ", ".join(
                f"{mine[0] / other[0]:.2f}x" for mine, other in zip(ours, theirs_timed)) + " |"
        elif openapi_generator:
            row += " |" * (2 + len(modes))
        output_rows.append(row)

    header = ("| document | bare parse of the JSON | import | import / parse | bare parse of the spec | generate "
              "| generate / parse |")
    if arguments.instructions:
        header += " import / parse, instructions | generate / parse, instructions |"
    print(header)
    print("|" + "---|" * header.count(" |"))
    print("\n".join(speed_rows))
    print()
    header = "| document | generated lines | debug compile (peak memory) |"
    if arguments.release_compile:
        header += " release compile (peak memory) |"
    if openapi_generator:
        header += " swift-openapi-generator lines | its debug compile |"
        if arguments.release_compile:
            header += " its release compile |"
        header += " ours / its (lines, compiles) |"
    print(header)
    print("|" + "---|" * header.count(" |"))
    print("\n".join(output_rows))
    print()
    print(f"CPU times are the best of {RUNS} runs; compiles are the best of {COMPILE_RUNS} on {os.cpu_count()} cores.")
    for verdict in verdicts:
        print("- " + verdict)


if __name__ == "__main__":
    main()
