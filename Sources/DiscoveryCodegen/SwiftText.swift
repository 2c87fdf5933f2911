/// Writes text from a spec into Swift source so that it means exactly the same text and nothing else.
///
/// A spec is untrusted input: a description or an enum value must never end a comment or a string early,
/// interpolate, or smuggle in a line break that starts new code.
enum SwiftText {
    /// A string literal whose value is exactly `text`.
    static func literal(_ text: String) -> String {
        // Most values are printable ASCII without quotes or backslashes, which stand for themselves.
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
        {
            return "\"" + text + "\""
        }
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

    /// The lines of a doc comment: split at every kind of line break, invisible characters dropped, tabs made
    /// spaces, trailing spaces and leading and trailing empty lines removed.
    static func documentationLines(_ description: String?) -> [String] {
        guard var description else { return [] }
        let (isASCII, isOneLine) = description.withUTF8 { bytes in
            (!bytes.contains { $0 >= 0x80 }, !bytes.contains { $0 < 0x20 || $0 == 0x7F })
        }
        // Most descriptions are one line of printable ASCII: the text itself, without its trailing spaces.
        if isASCII, isOneLine {
            guard let last = description.utf8.lastIndex(where: { $0 != UInt8(ascii: " ") }) else { return [] }
            return [
                last == description.utf8.index(before: description.utf8.endIndex)
                    ? description : String(description[...last])
            ]
        }
        var builder = DocumentationLineBuilder()
        if isASCII {
            description.withUTF8 { builder.appendASCII($0) }
        } else {
            for scalar in description.unicodeScalars { builder.append(scalar) }
        }
        return builder.finish()
    }

    /// Collects the lines of `documentationLines` a character at a time, as UTF-8.
    private struct DocumentationLineBuilder {
        private var lines: [String] = []
        private var current: [UInt8] = []

        init() {
            current.reserveCapacity(256)
        }

        mutating func append(_ scalar: Unicode.Scalar) {
            switch scalar.value {
            case 0x09: current.append(UInt8(ascii: " "))
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: endLine()
            case 0x20..<0x7F: current.append(UInt8(truncatingIfNeeded: scalar.value))
            case 0..<0x80: break  // the other ASCII control characters
            default: if !SwiftText.isInvisible(scalar) { current.append(contentsOf: UTF8.encode(scalar)!) }
            }
        }

        /// ASCII text: the runs between control characters are copied whole.
        mutating func appendASCII(_ bytes: UnsafeBufferPointer<UInt8>) {
            var runStart = bytes.startIndex
            for index in bytes.indices where bytes[index] < 0x20 || bytes[index] == 0x7F {
                current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                append(Unicode.Scalar(bytes[index]))
                runStart = index + 1
            }
            current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }

        private mutating func endLine() {
            while current.last == UInt8(ascii: " ") { current.removeLast() }
            lines.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
        }

        /// The lines without leading and trailing empty ones.
        mutating func finish() -> [String] {
            endLine()
            let first = lines.firstIndex { !$0.isEmpty } ?? lines.endIndex
            let last = lines.lastIndex { !$0.isEmpty } ?? lines.startIndex
            return first <= last ? Array(lines[first...last]) : []
        }
    }

    /// Control, format and separator characters, which could hide what the source says.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: true
        default: false
        }
    }
}
