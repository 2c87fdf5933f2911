"""Type-checks the ```swift blocks of Markdown files; scripts/check-snippets.sh runs it (its header has the markers).

Usage: check.py --swiftc SWIFTC --work DIR --manifest-api DIR [-I DIR]... FILE.md...
Prints one line per block (FILE:LINE: ok / skipped: REASON / FAILED, with the compiler's errors at the block's
lines in FILE) and exits 1 when a block failed or a marker is malformed or stray.
"""

import argparse
import os
import re
import subprocess
import sys

PRELUDES = os.path.relpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "preludes"))
MARKER = re.compile(r"^\s*<!--\s*snippet:\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([^`\s]*)")  # indented too: a block in a list item
IMPORT = re.compile(r"^(@\w+\s+)*import\s")


class Block:
    def __init__(self, path, line, language, lines, marker):
        self.path, self.line, self.language, self.lines = path, line, language, lines
        self.marker = marker  # the marker's text (None: no marker)


def blocks_and_stray_markers(path):
    """The fenced code blocks of a Markdown file (line numbers from 1, content lines unindented) and the lines
    of snippet markers that are not right before a ```swift block."""
    lines = open(path, encoding="utf-8").read().split("\n")
    blocks, markers, used = [], {}, set()
    i = 0
    while i < len(lines):
        match = MARKER.match(lines[i])
        if match:
            markers[i] = match.group(1)
        fence = FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        indent = len(fence.group(1))
        marks, language = fence.group(2), fence.group(3)
        close = re.compile(r"^\s*" + re.escape(marks[0]) + "{%d,}\\s*$" % len(marks))
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        content = [text[min(indent, len(text) - len(text.lstrip(" "))):] for text in lines[i + 1:j]]
        marker = markers.get(i - 1) if language == "swift" else None
        if marker is not None:
            used.add(i - 1)
        blocks.append(Block(path, i + 1, language, content, marker))
        i = j + 1
    return blocks, sorted(line + 1 for line in markers if line not in used)


def parse_marker(text):
    """('skip', reason), or ('check', {'prelude': NAME or None, 'top-level': bool, 'manifest': bool}), or
    ('error', message)."""
    if text is None:
        return "check", {"prelude": None, "top-level": False, "manifest": False}
    skip = re.fullmatch(r"skip\s*\((.+)\)", text)
    if skip:
        return "skip", skip.group(1).strip()
    if text.split()[:1] == ["skip"]:
        return "error", "skip needs a reason: <!-- snippet: skip (REASON) -->"
    options = {"prelude": None, "top-level": False, "manifest": False}
    for word in text.split():
        if word.startswith("prelude="):
            options["prelude"] = word[len("prelude="):]
            if not os.path.isfile(os.path.join(PRELUDES, options["prelude"] + ".swift")):
                return "error", "no prelude scripts/check-snippets/preludes/%s.swift" % options["prelude"]
        elif word in ("top-level", "manifest"):
            options[word] = True
        else:
            return "error", "unknown marker word %r (expected prelude=NAME, top-level, manifest or skip (REASON))" % (
                word)
    return "check", options


def wrap(block, options):
    """The Swift file to type-check, and for each of its lines the block's line in the Markdown file (or None)."""
    first = block.line + 1  # the Markdown line of the block's first line
    out, where = [], []

    def add(text, line=None):
        out.append(text)
        where.append(line)

    if options["manifest"]:
        # A Package.swift fragment: the arguments of Package(...) after its name.
        add("import PackageDescription")
        add("let package = Package(")
        add('    name: "App",')
        for k, text in enumerate(block.lines):
            add(text, first + k)
        add(")")
        return out, where
    imports = [k for k, text in enumerate(block.lines) if IMPORT.match(text)]
    if imports:
        for k in imports:  # the block imports what it uses, as a whole file would
            add(block.lines[k], first + k)
    elif options["prelude"]:  # a fragment: it sees what the prelude imports
        for text in open(os.path.join(PRELUDES, options["prelude"] + ".swift"), encoding="utf-8"):
            if IMPORT.match(text):
                add(text.rstrip("\n"))
    if not options["top-level"]:
        add("func snippet() async throws {")
    for k, text in enumerate(block.lines):
        add("" if k in imports else text, first + k)
    if not options["top-level"]:
        add("}")
    return out, where


def relocate(output, generated, where, block):
    """The compiler's output with the generated file's locations turned into the Markdown file's."""
    pattern = re.compile(re.escape(generated) + r":(\d+):(\d+):")

    def location(match):
        line = where[int(match.group(1)) - 1] if int(match.group(1)) <= len(where) else None
        if line is None:
            return "%s (wrapper line %s):" % (block.path, match.group(1))
        return "%s:%d:%s:" % (block.path, line, match.group(2))

    return pattern.sub(location, output)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--swiftc", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--manifest-api", required=True)
    parser.add_argument("-I", dest="include", action="append", default=[])
    parser.add_argument("files", nargs="+")
    arguments = parser.parse_args()

    counts = {"ok": 0, "skipped": 0, "FAILED": 0}
    for path in arguments.files:
        blocks, stray = blocks_and_stray_markers(path)
        for line in stray:
            print("%s:%d: FAILED: a snippet marker must be the line right before a ```swift block" % (path, line))
            counts["FAILED"] += 1
        for block in (block for block in blocks if block.language == "swift"):
            kind, value = parse_marker(block.marker)
            if kind == "skip":
                print("%s:%d: skipped: %s" % (path, block.line, value))
                counts["skipped"] += 1
                continue
            if kind == "error":
                print("%s:%d: FAILED: %s" % (path, block.line, value))
                counts["FAILED"] += 1
                continue
            source, where = wrap(block, value)
            generated = os.path.join(arguments.work, "snippet-%d.swift" % sum(counts.values()))
            with open(generated, "w", encoding="utf-8") as file:
                file.write("\n".join(source) + "\n")
            command = [arguments.swiftc, "-typecheck", "-suppress-warnings", "-diagnostic-style", "llvm"]
            if value["manifest"]:
                command += ["-I", arguments.manifest_api, "-package-description-version", "6.0.0", generated]
            else:
                command += ["-swift-version", "6", "-module-name", "Snippet"]
                for folder in arguments.include:
                    command += ["-I", folder]
                command.append(generated)
                if value["prelude"]:
                    command += [os.path.join(PRELUDES, name + ".swift") for name in ("Given", value["prelude"])]
            result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            what = "manifest" if value["manifest"] else "prelude " + (value["prelude"] or "none")
            what += ", top-level" if value["top-level"] else ""
            if result.returncode == 0:
                print("%s:%d: ok (%s)" % (path, block.line, what))
                counts["ok"] += 1
                continue
            print("%s:%d: FAILED (%s)" % (path, block.line, what))
            if block.marker is None:
                print("    the block has no marker: add <!-- snippet: prelude=NAME --> (the names it uses are"
                      " declared in scripts/check-snippets/preludes/NAME.swift) or <!-- snippet: skip (REASON) -->"
                      " on the line before it")
            for text in relocate(result.stdout, generated, where, block).rstrip("\n").split("\n"):
                print("    " + text)
            counts["FAILED"] += 1
    print("%d ok, %d skipped, %d FAILED" % (counts["ok"], counts["skipped"], counts["FAILED"]))
    return 1 if counts["FAILED"] else 0


if __name__ == "__main__":
    sys.exit(main())
