#!/usr/bin/env python3
"""Writes the compiler-synthesized Codable twin of a generated module's types, for the runtime benchmark.

Usage: codable_twin.py Types.swift [Types2.swift ...] > Twin.swift

Every generated struct (`JSONObject`) becomes a plain `Codable, Hashable, Sendable` struct with the same stored
fields, the same nested types and a `CodingKeys` enum of the table's JSON names, so that the compiler synthesizes its
`init(from:)`, `encode(to:)`, `==` and `hash(into:)`; every generated enum (`OpenEnum`) becomes a `RawRepresentable`
string struct, which the standard library codes. Fields whose JSON form is not their Codable form (`.wire`) keep the
work of converting it: int64 and uint64 become `TwinInt64`/`TwinUInt64` (a string read and parsed), durations their
string; timestamps stay `Timestamp` (Codable as its RFC 3339 string), floats and doubles stay numbers, bytes `Data`
(JSONDecoder's base64). Out-of-line (`.boxed`) fields become `TwinBox`. Type aliases are kept.
"""

import re
import sys

TYPE_START = re.compile(r"^(\s*)public struct (\w+): (JSONObject|OpenEnum) \{$")
STORED = re.compile(r"^\s*(?:public|private) var (`?\w+`?): (.+)\?$")
TABLE_ENTRY = re.compile(r'^\s*\.(field|wire|boxed)\((".*"), \\\.(`?\w+`?)\),$')
ALIAS = re.compile(r"^public typealias .*$")


class TypeDecl:
    def __init__(self, name, kind, indent):
        self.name, self.kind, self.indent = name, kind, indent
        self.stored = {}  # property name (unescaped) -> Swift type
        self.table = []  # (kind, JSON name literal, property name)
        self.nested = []


def unescape(name):
    return name.strip("`")


def parse(lines):
    roots, aliases, stack = [], [], []
    for line in lines:
        start = TYPE_START.match(line)
        if start:
            decl = TypeDecl(start.group(2), start.group(3), len(start.group(1)))
            (stack[-1].nested if stack else roots).append(decl)
            stack.append(decl)
            continue
        if stack and line == " " * stack[-1].indent + "}":
            stack.pop()
            continue
        if not stack:
            if ALIAS.match(line):
                aliases.append(line)
            continue
        decl = stack[-1]
        inner = " " * (decl.indent + 4)
        if not line.startswith(inner) or line[len(inner)] == " ":
            entry = TABLE_ENTRY.match(line)
            if entry and line.startswith(inner + "    ."):
                decl.table.append((entry.group(1), entry.group(2), unescape(entry.group(3))))
            continue
        stored = STORED.match(line)
        if stored and not line.rstrip().endswith("{"):
            decl.stored[unescape(stored.group(1))] = stored.group(2)
    return roots, aliases


def wire_type(swift_type):
    swift_type = re.sub(r"\bInt64\b", "TwinInt64", swift_type)
    swift_type = re.sub(r"\bUInt64\b", "TwinUInt64", swift_type)
    return re.sub(r"\bDuration\b", "String", swift_type)


def emit(decl, out, indent=""):
    if decl.kind == "OpenEnum":
        out.append(f"{indent}public struct {decl.name}: RawRepresentable, Codable, Hashable, Sendable {{")
        out.append(f"{indent}    public let rawValue: Swift.String")
        out.append(f"{indent}    public init(rawValue: Swift.String) {{ self.rawValue = rawValue }}")
        out.append(f"{indent}}}")
        return
    out.append(f"{indent}public struct {decl.name}: Codable, Hashable, Sendable {{")
    for kind, _, prop in decl.table:
        swift_type = decl.stored[prop]
        if kind == "wire":
            swift_type = wire_type(swift_type)
        elif kind == "boxed":
            swift_type = re.sub(r"\bIndirect<", "TwinBox<", swift_type)
        out.append(f"{indent}    public var `{prop}`: {swift_type}?")
    if decl.table:
        out.append(f"{indent}    enum CodingKeys: Swift.String, CodingKey {{")
        for _, json_name, prop in decl.table:
            out.append(f"{indent}        case `{prop}` = {json_name}")
        out.append(f"{indent}    }}")
    out.append(f"{indent}    public init() {{}}")
    for nested in decl.nested:
        emit(nested, out, indent + "    ")
    out.append(f"{indent}}}")


PRELUDE = '''// Written by scripts/benchmark/codable_twin.py from a generated module: the same types with the coding that
// the compiler synthesizes, for the runtime benchmark. Not checked in.
import DiscoveryRuntime
import Foundation

/// An int64 as Google sends it, a string of digits, read and written as the generated types do.
public struct TwinInt64: Codable, Hashable, Sendable {
    public var value: Int64
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Int64(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: text))
        }
        self.value = value
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(value))
    }
}

public struct TwinUInt64: Codable, Hashable, Sendable {
    public var value: UInt64
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = UInt64(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: text))
        }
        self.value = value
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(value))
    }
}

/// A value stored out of line, coded as the value.
public final class TwinBox<Value: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    public let value: Value
    public init(from decoder: any Decoder) throws { value = try Value(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    public static func == (lhs: TwinBox, rhs: TwinBox) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
'''


def main():
    lines = []
    for path in sys.argv[1:]:
        with open(path) as file:
            lines += file.read().split("\n")
    roots, aliases = parse(lines)
    out = [PRELUDE]
    for decl in roots:
        emit(decl, out)
        out.append("")
    out += aliases
    print("\n".join(out))


if __name__ == "__main__":
    main()
