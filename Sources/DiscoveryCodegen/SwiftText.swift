/// Writes text from a spec into Swift source so that it means exactly the same text and nothing else.
///
/// A spec is untrusted input: a description or an enum value must never end a comment or a string early,
/// interpolate, or smuggle in a line break that starts new code.
enum SwiftText {
    /// A string literal whose value is exactly `text`.
    static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if isInvisible(scalar) {
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// The lines of a doc comment: split at every kind of line break, invisible characters dropped.
    static func documentationLines(_ description: String?) -> [String] {
        guard let description else { return [] }
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in description.unicodeScalars {
            if scalar == "\t" {
                current.append(" ")
            } else if isLineBreak(scalar) {
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else if !isInvisible(scalar) {
                current.append(scalar)
            }
        }
        lines.append(String(current))
        let trimmed = lines.map { line in
            var line = Substring(line)
            while line.last == " " { line = line.dropLast() }
            return String(line)
        }
        let first = trimmed.firstIndex { !$0.isEmpty } ?? trimmed.endIndex
        let last = trimmed.lastIndex { !$0.isEmpty } ?? trimmed.startIndex
        return first <= last ? Array(trimmed[first...last]) : []
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        ["\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar)
    }

    /// Control, format and separator characters, which could hide what the source says.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: true
        default: false
        }
    }
}
