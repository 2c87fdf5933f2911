"""Counts the methods of a Discovery document (JSON) or of a spec (YAML), for scripts/check-google-apis.sh.

Usage: count-methods.py discovery FILE | count-methods.py spec FILE

Both formats nest `methods` (a mapping from name to method) under the document and under `resources`, which nest
too; the count is read from the files themselves, so that it does not trust the importer it checks.
"""
import json
import sys

import yaml


def count(node, depth=0):
    if depth > 100:
        raise ValueError("resources nest deeper than 100 levels")
    methods = len(node.get("methods") or {})
    return methods + sum(count(resource, depth + 1) for resource in (node.get("resources") or {}).values())


def main():
    kind, path = sys.argv[1:3]
    with open(path, encoding="utf-8") as file:
        document = json.load(file) if kind == "discovery" else yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    print(count(document))


main()
