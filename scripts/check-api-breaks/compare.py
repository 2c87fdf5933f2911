#!/usr/bin/env python3
"""Compares the Swift API digester's breaks with `diff`'s breaking changes for one pair of revisions.

Usage: compare.py NAME DIGESTER.txt DIFF.json NEW-API.json (see scripts/check-api-breaks.sh); the new API's dump
says whether a signature the digester reports as changed is still callable.
"""

import json
import re
import sys

# Breaking changes that keep every declaration and so are invisible to the digester: callers still compile, but
# calls that worked can fail (a scope no longer allows the method, the HTTP rule or the accepted media change).
BEHAVIOUR_ONLY = [
    ("methods", r"^scope .* no longer allows it$"),
    ("methods", r"^HTTP rule: "),
    ("media", r"^(accepted media|largest upload|resumable uploads removed)"),
]


def findings(path):
    """The digester's breaks: every line that is not a section comment."""
    with open(path) as file:
        return [line.strip() for line in file if line.strip() and not line.startswith("/*")]


def signatures(api_path):
    """For every initializer and method, by `Owner.name`: its argument labels and which have defaults, from a
    `-dump-sdk` file."""
    with open(api_path) as file:
        root = json.load(file)["ABIRoot"]
    result = {}

    def walk(node, owner):
        for child in node.get("children", []):
            kind = child.get("kind")
            if kind == "TypeDecl":
                walk(child, f"{owner}.{child['name']}" if owner else child["name"])
            elif kind in ("Constructor", "Function") and owner:
                printed = child.get("printedName", "")
                labels = re.findall(r"(\w+):", printed[printed.find("("):])
                defaults = [parameter.get("hasDefaultArg", False) for parameter in child.get("children", [])[1:]]
                result.setdefault(f"{owner}.{printed[: printed.find('(')]}", []).append((labels, defaults))

    walk(root, "")
    return result


def is_subsequence(short, long):
    iterator = iter(long)
    return all(label in iterator for label in short)


SIGNATURE = re.compile(r"^(?:Constructor|Func) ([\w.]+)\(([\w:]*)\)")


def still_callable(finding, new_signatures):
    """A method or initializer that gained arguments with defaults, anywhere in its list: the digester reports it
    removed or renamed, with shifted parameter types, but every call that compiled still compiles."""
    match = SIGNATURE.match(finding)
    if not match or not re.search(r" has been (removed|renamed)| has parameter \d+ type change", finding):
        return False
    name, old_labels = match.group(1), re.findall(r"(\w+):", match.group(2))
    for labels, defaults in new_signatures.get(name, []):
        if is_subsequence(old_labels, labels):
            remaining = list(old_labels)
            added = []
            for index, label in enumerate(labels):
                if remaining and label == remaining[0]:
                    remaining.pop(0)
                else:
                    added.append(index)
            if all(index < len(defaults) and defaults[index] for index in added):
                return True
    return False


def normalized(text):
    return re.sub(r"[^a-z0-9]", "", text.lower())


def digester_subject(finding):
    """What a finding is about, as `diff` names it: `Var DataPortabilityScope.myactivityYoutube` →
    `myactivityyoutube`, `Func Client.FilesResource.watchMedia(…)` → `files.watch`, `Constructor Order.init(…)` →
    `order` (a field of it changed)."""
    match = re.match(r"^(\w+) ([\w.]+)", finding)
    if not match:
        return []
    kind, parts = match.group(1), match.group(2).split(".")
    if kind == "Constructor":
        parts = parts[:-1]
    if len(parts) > 1 and parts[0].endswith("Client"):
        # A resource or a method: the resource path without `Resource`, the method without the suffix of its
        # paging, download, upload or scopes companion.
        path = [re.sub(r"(Resource|Methods)$", "", part) for part in parts[1:-1]]
        path.append(re.sub(r"(Pages|Items|Media|Upload|Scopes|Resource|Methods)$", "", parts[-1]) or parts[-1])
        return [normalized(".".join(path))]
    return [normalized(part) for part in parts]


def change_text(change):
    """The declaration a change is about: its subject, and for an enum value the value."""
    text = change["subject"] + (" " + change.get("detail", "") if change["group"] == "enumValues" else "")
    return normalized(text)


def main():
    name, digester_path, diff_path, new_api = sys.argv[1:5]
    new_signatures = signatures(new_api)
    breaks = [finding for finding in findings(digester_path) if not still_callable(finding, new_signatures)]
    with open(diff_path) as file:
        breaking = [change for change in json.load(file)["changes"] if change["breaking"]]

    def matches(subject, change):
        return bool(subject) and subject[-1] in change_text(change)

    problems = []
    # Every break the digester finds is a breaking change in `diff` about the same declaration.
    for finding in breaks:
        if not any(matches(digester_subject(finding), change) for change in breaking):
            problems.append(f"the digester finds a break that diff does not call breaking: {finding}")
    # Every breaking change in `diff` breaks the API, unless it changes behaviour only.
    for change in breaking:
        if any(change["group"] == group and re.search(pattern, change.get("detail") or "")
               for group, pattern in BEHAVIOUR_ONLY):
            continue
        if not any(matches(digester_subject(finding), change) for finding in breaks):
            problems.append(
                f"diff calls a change breaking that the digester does not see: {change['group']} "
                f"{change['kind']} {change['subject']}: {change.get('detail') or ''}")

    status = "agree" if not problems else "DISAGREE"
    print(f"{name}: {status} (digester: {len(breaks)} breaks; diff: {len(breaking)} breaking changes)")
    for problem in problems:
        print("  " + problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
