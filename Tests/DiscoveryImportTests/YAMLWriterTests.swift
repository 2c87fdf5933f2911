import DiscoveryYAML
import Testing

@testable import DiscoveryImport

@Suite struct YAMLWriterTests {
    static let awkwardStrings = [
        "true", "False", "null", "~", "", "123", "1.5", "-1", "0x1F", ".5", "yes", "No", "on", "OFF", "y", "<<", "=",
        "- item", "a: b", "a #b", "#c", "@type", "`x`", "'q'", "\"dq\"", "trailing:", " lead", "trail ", "tab\there",
        "back\\slash", "line1\nline2", "ends with a newline\n", "\n\nleading breaks", "café ✓ 😀", "a\u{2028}b",
        "bom\u{FEFF}",
        "%percent", "*star", "&amp", "!bang", "|pipe", ">gt", "[a]", "{a}", ",comma", "?q", "^archiveJobs/[^/]+$",
        "https://www.googleapis.com/auth/x", "control\u{7}char",
    ]

    /// Every string must read back as exactly itself, as a key and as each kind of value.
    @Test(arguments: awkwardStrings)
    func stringsReadBackUnchanged(_ text: String) throws {
        let yaml = try YAMLWriter.write(
            .mapping([
                YAMLEntry(key: text, value: .string(text)),
                YAMLEntry(key: "text", value: .text(text)),
            ]), comment: [])
        let root = try YAMLLoader.load(yaml, file: "x.yaml")
        guard case .mapping(let entries) = root.content, entries.count == 2 else {
            Issue.record("not a mapping of two entries:\n\(yaml)")
            return
        }
        #expect(entries[0].key == text)
        for entry in entries {
            guard case .scalar(let scalar) = entry.value.content else {
                Issue.record("not a scalar:\n\(yaml)")
                continue
            }
            #expect(scalar.text == text, "\(yaml)")
            #expect(scalar.plainMeaning == .string, "\(yaml)")
        }
    }

    @Test func ordinaryTextStaysPlainAndLongLinesAreNotFolded() throws {
        let long = String(repeating: "word ", count: 60) + "end."
        let yaml = try YAMLWriter.write(
            .mapping([
                YAMLEntry(key: "name", value: .string("dataportability")),
                YAMLEntry(key: "revision", value: .string("20260719")),
                YAMLEntry(key: "required", value: .bool(true)),
                YAMLEntry(key: "description", value: .text(long)),
                YAMLEntry(key: "list", value: .sequence([.string("a"), .string("b")])),
                YAMLEntry(key: "empty", value: .sequence([])),
            ]), comment: ["A comment."])
        #expect(
            yaml == """
                # A comment.
                name: dataportability
                revision: "20260719"
                required: true
                description: \(long)
                list:
                - a
                - b
                empty: []

                """)
    }

    @Test func commentsStayComments() throws {
        let yaml = try YAMLWriter.write(
            .mapping([YAMLEntry(key: "name", value: .string("x"))]), comment: ["Title\nname: injected"])
        #expect(yaml == "# Title name: injected\nname: x\n")
    }

    @Test func multiLineTextIsALiteralBlock() throws {
        let yaml = try YAMLWriter.write(
            .mapping([
                YAMLEntry(key: "description", value: .text("First line.\n\n  Indented: `code`.\nLast line."))
            ]), comment: [])
        #expect(
            yaml == """
                description: |-
                  First line.

                    Indented: `code`.
                  Last line.

                """)
    }
}
