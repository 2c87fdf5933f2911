import DiscoveryYAML
import Testing

/// The strict JSON reader of Discovery documents: RFC 8259, with a line and column for every value and error.
@Suite struct JSONLoaderTests {
    private func errors(_ bytes: [UInt8]) -> [String] {
        do {
            _ = try JSONLoader.load(bytes, file: "d.json")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    private func errors(_ text: String) -> [String] { errors(Array(text.utf8)) }

    @Test func valuesKeepTheirPlaceAndMeaning() throws {
        let root = try JSONLoader.load(
            "{\n  \"a\": [1, -2.5e3, true, null],\n  \"b\": \"x\\u00e9\\ud83d\\ude00\"\n}", file: "d.json")
        guard case .mapping(let entries) = root.content, case .sequence(let items) = entries[0].value.content,
            case .scalar(let text) = entries[1].value.content
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(
            entries.map(\.keyLocation) == [
                SourceLocation(file: "d.json", line: 2, column: 3), SourceLocation(file: "d.json", line: 3, column: 3),
            ])
        #expect(items.map(\.location.column) == [9, 12, 20, 26])
        let meanings = items.map { item -> Scalar.PlainMeaning? in
            if case .scalar(let scalar) = item.content { return scalar.plainMeaning }
            return nil
        }
        #expect(meanings == [.integer(1), .number(-2500), .bool(true), .null])
        #expect(text.text == "xé😀" && !text.isPlain)
        // Columns inside a string with escapes point at each escape: `x` at 1, `\u00e9` at 2, `\ud83d...` at 8.
        #expect(text.escapedColumns == [1, 2, 8])
    }

    @Test func whatJSONDoesNotAllowIsAnError() {
        #expect(errors("[1,]") == ["d.json:1:4: error: invalid JSON: unexpected character ']'"])
        #expect(errors("['a']") == ["d.json:1:2: error: invalid JSON: unexpected character '''"])
        #expect(errors("[Infinity]") == ["d.json:1:2: error: invalid JSON: unexpected character 'I'"])
        #expect(errors("[01]") == ["d.json:1:3: error: invalid JSON: expected ',' or ']'"])
        #expect(
            errors("{\"a\": 1, \"a\": 2}") == [
                "d.json:1:10: error: invalid JSON: duplicate key 'a' (first defined at line 1)"
            ])
        // Past 16 keys, through the dictionary of a large object.
        let large = (1...20).map { "\"k\($0)\": 1" } + ["\"k3\": 2"]
        #expect(
            errors("{\n" + large.joined(separator: ",\n") + "}") == [
                "d.json:22:1: error: invalid JSON: duplicate key 'k3' (first defined at line 4)"
            ])
        #expect(
            errors("[\"\t\"]") == [
                "d.json:1:3: error: invalid JSON: a control character (U+0009) must be escaped in a string"
            ])
        #expect(errors("[1] [2]") == ["d.json:1:5: error: invalid JSON: unexpected text after the JSON value"])
        #expect(errors("") == ["d.json:1:1: error: invalid JSON: the file has no JSON value"])
    }

    /// Regression: reader errors were always reported at 1:1.
    @Test func invalidUTF8AndNULArePlacedExactly() {
        #expect(
            errors(Array("{\n  \"a\": \"b".utf8) + [0xFF] + Array("\"}".utf8)) == [
                "d.json:2:10: error: invalid JSON: invalid UTF-8"
            ])
        #expect(
            errors(Array("{\n \"é\": \"".utf8) + [0] + Array("\"}".utf8)) == [
                "d.json:2:8: error: invalid JSON: a control character (U+0000) must be escaped in a string"
            ])
    }

    @Test func nestingIsBounded() {
        let depth = YAMLLoader.maximumDepth
        #expect(errors(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).isEmpty)
        #expect(
            errors(String(repeating: "[", count: 100_000)) == [
                "d.json:1:\(depth + 1): error: invalid JSON: collections nest more than \(depth) deep"
            ])
    }
}
