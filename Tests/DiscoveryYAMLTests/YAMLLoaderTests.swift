import DiscoveryYAML
import Testing

@Suite struct YAMLLoaderTests {
    private func load(_ text: String) throws(DiagnosticsError) -> Node {
        try YAMLLoader.load(text, file: "t.yaml")
    }

    private func errors(_ text: String) -> [String] {
        do {
            _ = try load(text)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    private func entries(_ node: Node) throws -> [MappingEntry] {
        guard case .mapping(let entries) = node.content else { throw LoaderTestFailure("expected a mapping") }
        return entries
    }

    private func scalar(_ node: Node) throws -> Scalar {
        guard case .scalar(let scalar) = node.content else { throw LoaderTestFailure("expected a scalar") }
        return scalar
    }

    @Test func everyNodeKeepsItsLineAndColumn() throws {
        let root = try load("name: dp\nresources:\n  jobs:\n    - a\n    -   \"b\"\n")
        let top = try entries(root)
        #expect(top.map(\.key) == ["name", "resources"])
        #expect(top[0].keyLocation == SourceLocation(file: "t.yaml", line: 1, column: 1))
        #expect(top[0].value.location == SourceLocation(file: "t.yaml", line: 1, column: 7))
        let jobs = try entries(top[1].value)[0]
        #expect(jobs.keyLocation.line == 3 && jobs.keyLocation.column == 3)
        guard case .sequence(let items) = jobs.value.content else {
            Issue.record("expected a sequence")
            return
        }
        #expect(items.map(\.location.line) == [4, 5])
        #expect(items.map(\.location.column) == [7, 9])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let root = try load("é: ü\nx: [a, b]\n")
        let top = try entries(root)
        #expect(top[0].value.location.column == 4)
    }

    @Test func plainScalarsAreToldApartFromQuotedOnes() throws {
        let top = try entries(load("a: 1\nb: \"1\"\nc: true\nd: 'true'\ne: ~\nf: 1.5\ng: text\nh: !!str 2\n"))
        let meanings = try top.map { try scalar($0.value).plainMeaning }
        #expect(meanings == [.integer(1), .string, .bool(true), .string, .null, .number(1.5), .string, .string])
        #expect(try top.map { try scalar($0.value).isPlain } == [true, false, true, false, true, true, true, false])
        #expect(try scalar(top[1].value).columnOffset(ofTextOffset: 0) == 1)
    }

    @Test func escapedQuotedScalarsMapTextOffsetsToColumns() throws {
        let top = try entries(load("a: \"\\x41b\\u00e9c\"\nb: 'it''s'\nc: plain\n"))
        let escaped = try scalar(top[0].value)
        #expect(escaped.text == "Abéc")
        #expect((0...4).map(escaped.columnOffset(ofTextOffset:)) == [1, 5, 6, 12, 13])
        let single = try scalar(top[1].value)
        #expect(single.text == "it's")
        #expect((0...3).map(single.columnOffset(ofTextOffset:)) == [1, 2, 3, 5])
        #expect(try scalar(top[2].value).columnOffset(ofTextOffset: 3) == 3)
    }

    /// libyaml counts characters and the loader reads bytes: multi-byte characters before a quoted scalar, on its
    /// line or earlier ones, and inside it, must not move its columns.
    @Test func escapedColumnsAreRightAfterMultiByteCharacters() throws {
        let top = try entries(load("é: ü €\n𝄞: \"ö\\tx\" # ✓\nb: 'it''s'\n"))
        let escaped = try scalar(top[1].value)
        #expect(escaped.text == "ö\tx")
        #expect((0...3).map(escaped.columnOffset(ofTextOffset:)) == [1, 2, 4, 5])
        #expect((0...3).map(try scalar(top[2].value).columnOffset(ofTextOffset:)) == [1, 2, 3, 5])
        // Runs of ASCII, which the loader skips eight bytes at a time, of other lengths around them.
        let runs = try entries(
            load("# an ASCII run é, another one ü, and €\nkey_of_eleven: 'ü''s' # é\nkey: \"a\\tü\"\n"))
        #expect((0...3).map(try scalar(runs[0].value).columnOffset(ofTextOffset:)) == [1, 2, 4, 5])
        #expect((0...2).map(try scalar(runs[1].value).columnOffset(ofTextOffset:)) == [1, 2, 4])
    }

    @Test func duplicateKeysAreErrors() {
        #expect(errors("a: 1\nb: 2\na: 3\n") == ["t.yaml:3:1: error: duplicate key 'a' (first defined at line 1)"])
        // A large mapping is searched through a dictionary: duplicates before and after it is built are found, each
        // against the first entry of its key.
        let keys = ["k1", "k2", "k1"] + (3...20).map { "k\($0)" } + ["k2", "k20", "k1"]
        #expect(
            errors(keys.map { "\($0): 1\n" }.joined()) == [
                "t.yaml:3:1: error: duplicate key 'k1' (first defined at line 1)",
                "t.yaml:22:1: error: duplicate key 'k2' (first defined at line 2)",
                "t.yaml:23:1: error: duplicate key 'k20' (first defined at line 21)",
                "t.yaml:24:1: error: duplicate key 'k1' (first defined at line 1)",
            ])
    }

    @Test func anchorsAndAliasesWork() throws {
        let top = try entries(load("base: &b {type: string}\ncopy: *b\n"))
        #expect(top[0].value.content == top[1].value.content)
    }

    @Test func badAliasesAndTagsGiveClearErrors() {
        #expect(errors("a: *missing\n") == ["t.yaml:1:4: error: unknown alias '*missing'"])
        #expect(
            errors("a: !custom x\n") == [
                "t.yaml:1:4: error: YAML tags are not supported here (found '!custom'); write the plain value"
            ])
    }

    @Test func aliasExpansionIsBounded() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...6 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        #expect(errors(text).first?.contains("aliases expand to more than") == true)
    }

    /// Regression: a 2 MB spec that aliased a 2 MiB string 3,000 times ran out of memory.
    @Test func aliasExpansionIsBoundedInBytes() {
        let text =
            "a: &big \"" + String(repeating: "x", count: 1 << 20) + "\"\nb: ["
            + Array(repeating: "*big", count: 17)
            .joined(separator: ", ") + "]\n"
        #expect(errors(text) == ["t.yaml:2:\(5 + 16 * 6): error: aliases repeat more than 16 MiB of text"])
    }

    /// Regression: flow collections nested 100,000 deep, and block mappings 6,000 deep, overflowed the stack.
    @Test func nestingIsBounded() {
        let depth = YAMLLoader.maximumDepth
        #expect(errors(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).isEmpty)
        let flow = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(errors(flow) == ["t.yaml:1:\(depth + 1): error: collections nest more than \(depth) deep"])
        let block = (0..<6_000).map { String(repeating: " ", count: $0) + "a:\n" }.joined()
        #expect(errors(block) == ["t.yaml:\(depth + 1):\(depth + 1): error: collections nest more than \(depth) deep"])
    }

    /// Regression: appending copied the open collection, so 40,000 items took 19 s. Now loading is linear.
    @Test func longCollectionsLoad() throws {
        let items = Array(repeating: "x", count: 200_000)
        let root = try load("[" + items.joined(separator: ",") + "]")
        guard case .sequence(let loaded) = root.content else {
            Issue.record("expected a sequence")
            return
        }
        #expect(loaded.count == items.count)
    }

    /// Regression: reader errors (invalid UTF-8, a raw NUL) were always reported at 1:1.
    @Test func readerErrorsPointAtTheByte() {
        func errors(_ bytes: [UInt8]) -> [String] {
            do {
                _ = try YAMLLoader.load(bytes, file: "t.yaml")
                return []
            } catch {
                return error.diagnostics.map(\.description)
            }
        }
        #expect(
            errors(Array("a: 1\nbé: x".utf8) + [0xFF]) == [
                "t.yaml:2:6: error: invalid YAML: invalid leading UTF-8 octet"
            ])
        #expect(
            errors(Array("a: 1\nb: x".utf8) + [0] + Array("y\n".utf8)) == [
                "t.yaml:2:5: error: invalid YAML: control characters are not allowed"
            ])
    }

    /// Regression: in UTF-16 input, columns inside quoted scalars with escapes were off.
    @Test func escapedColumnsAreRightInUTF16() throws {
        let text = "é: \"a\\x41b\"\n"
        for bigEndian in [true, false] {
            let units = Array(text.utf16)
            let bytes: [UInt8] =
                (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE])
                + units.flatMap { unit in
                    bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
                }
            let root = try YAMLLoader.load(bytes, file: "t.yaml")
            let value = try scalar(try entries(root)[0].value)
            #expect(value.text == "aAb")
            #expect(value.escapedColumns == [1, 2, 6])
        }
    }

    @Test func syntaxErrorsPointAtTheProblem() {
        let result = errors("a: \"unclosed\nb: 2\n")
        #expect(result.count == 1)
        #expect(result.first?.hasPrefix("t.yaml:") == true)
        #expect(result.first?.contains("error: invalid YAML: found unexpected end of stream") == true)
        #expect(
            errors("a: b\n c: d\n").first?.hasPrefix("t.yaml:2:3: error: invalid YAML: mapping values are not allowed")
                == true)
    }

    @Test func emptyFilesAndSecondDocumentsAreErrors() {
        #expect(errors("") == ["t.yaml:1:1: error: the file has no YAML document"])
        #expect(errors("# just a comment\n") == ["t.yaml:1:1: error: the file has no YAML document"])
        #expect(
            errors("a: 1\n---\nb: 2\n") == [
                "t.yaml:2:1: error: a spec holds exactly one YAML document; remove the second document"
            ])
    }

    @Test func nonScalarKeysAreErrors() {
        #expect(errors("? [a]\n: b\n") == ["t.yaml:1:3: error: a mapping key must be a scalar, found a sequence"])
    }

    @Test func unreadableFilesAreReported() {
        #expect(throws: DiagnosticsError.self) {
            try YAMLLoader.load(contentsOfFile: "/nonexistent/spec.yaml", displayPath: "spec.yaml")
        }
    }
}

struct LoaderTestFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
