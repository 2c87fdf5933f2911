/// Writes text from a spec into Swift source so that it means exactly the same text and nothing else.
///
/// A spec is untrusted input: a description or an enum value must never end a comment or a string early,
/// interpolate, or smuggle in a line break that starts new code.
enum SwiftText {
    /// A string literal whose value is exactly `text`.
    static func literal(_ text: String) -> String {
        var utf8: [UInt8] = []
        appendLiteral(text, to: &utf8)
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Appends `literal(text)` to UTF-8 source.
    static func appendLiteral(_ text: String, to utf8: inout [UInt8]) {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        // Most values are printable ASCII without quotes or backslashes, which stand for themselves.
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) && $0 != quote && $0 != backslash }) {
            utf8.append(quote)
            utf8.append(contentsOf: text.utf8)
            utf8.append(quote)
            return
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
        utf8.append(contentsOf: result.utf8)
        utf8.append(quote)
    }

    /// The lines of a doc comment: split at every kind of line break, invisible characters dropped, tabs made
    /// spaces, trailing spaces and leading and trailing empty lines removed.
    static func documentationLines(_ description: String?) -> [String] {
        var lines: [String] = []
        forEachDocumentationLine(description) { lines.append(String(decoding: $0, as: UTF8.self)) }
        return lines
    }

    /// Calls `body` with the UTF-8 of each line of `documentationLines(description)`, making no `String`s: the
    /// writer copies the bytes into the source.
    static func forEachDocumentationLine(_ description: String?, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard var description else { return }
        description.withUTF8 { bytes in
            // Most descriptions are one line of printable ASCII: the text itself, without its trailing spaces.
            if !bytes.contains(where: { $0 < 0x20 || $0 >= 0x7F }) {
                var end = bytes.count
                while end > 0, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
                if end > 0 { body(UnsafeBufferPointer(rebasing: bytes[..<end])) }
                return
            }
            var builder = DocumentationLineBuilder()
            builder.append(bytes, body)
            builder.endLine(body)
        }
    }

    /// Splits UTF-8 text into the lines of `documentationLines`, copying the runs of printable ASCII whole.
    private struct DocumentationLineBuilder {
        private var current: [UInt8] = []
        /// Empty lines are held back until a line with text follows, so that none lead or trail.
        private var heldEmptyLines = 0
        private var hasText = false

        init() {
            current.reserveCapacity(256)
        }

        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            var index = 0
            var runStart = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x20, byte < 0x7F {
                    index += 1
                    continue
                }
                current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                let scalar = Self.scalar(in: bytes, at: index, length: length)
                switch scalar.value {
                case 0x09: current.append(UInt8(ascii: " "))
                case 0x0A...0x0D, 0x85, 0x2028, 0x2029: endLine(body)
                case 0..<0x80: break  // the other ASCII control characters
                default:
                    if !SwiftText.isInvisible(scalar) {
                        current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                    }
                }
                index += length
                runStart = index
            }
            current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }

        /// The character of `length` bytes at `index` of valid UTF-8 (a `String`'s).
        private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Unicode.Scalar {
            guard length > 1 else { return Unicode.Scalar(bytes[index]) }
            var value = UInt32(bytes[index]) & (0x7F >> length)
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            return Unicode.Scalar(value)!
        }

        mutating func endLine(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            while current.last == UInt8(ascii: " ") { current.removeLast() }
            if current.isEmpty {
                if hasText { heldEmptyLines += 1 }
            } else {
                for _ in 0..<heldEmptyLines { body(UnsafeBufferPointer(start: nil, count: 0)) }
                heldEmptyLines = 0
                hasText = true
                current.withUnsafeBufferPointer(body)
            }
            current.removeAll(keepingCapacity: true)
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
