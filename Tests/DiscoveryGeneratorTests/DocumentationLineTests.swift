import Testing

@testable import DiscoveryCodegen

/// `SwiftText.documentationLines` reads UTF-8 in runs, with paths of its own for one line of ASCII; these tests hold
/// it to the rules written a character at a time, on texts mixed from the characters each path treats differently.
@Suite struct DocumentationLineTests {
    @Test func runsOfBytesSplitLikeCharacters() {
        let alphabet: [Unicode.Scalar] = [
            "a", "Z", " ", " ", "\t", "\n", "\r", "\u{0B}", "\u{1B}", "\u{7F}", "\u{85}", "\u{2028}", "\u{2029}", "é",
            "\u{301}", "映", "\u{200B}", "\u{202E}", "\u{E000}", "😀", "\u{FEFF}",
        ]
        var random = SplitMix64(seed: 12)
        for _ in 0..<3_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(random.next() % 24) { text.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
            let description = String(text)
            #expect(
                SwiftText.documentationLines(description) == Self.linesOneCharacterAtATime(description),
                "\(description.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// The rules: every line break ends a line, a tab is a space, other control, format, separator, private-use and
    /// unassigned characters are dropped, lines lose their trailing spaces, and no empty line leads or trails.
    private static func linesOneCharacterAtATime(_ description: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        func endLine() {
            while current.last == " " { current.removeLast() }
            lines.append(String(current))
            current = String.UnicodeScalarView()
        }
        for scalar in description.unicodeScalars {
            switch scalar.value {
            case 0x09: current.append(" ")
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: endLine()
            case 0..<0x20, 0x7F: break
            default:
                switch scalar.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: break
                default: current.append(scalar)
                }
            }
        }
        endLine()
        guard let first = lines.firstIndex(where: { !$0.isEmpty }), let last = lines.lastIndex(where: { !$0.isEmpty })
        else { return [] }
        return Array(lines[first...last])
    }
}

/// A small seeded generator, so that a failure comes back on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
