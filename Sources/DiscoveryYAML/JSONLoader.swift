/// Turns JSON text into a `Node` tree, strictly by RFC 8259, with the line and column of every value.
///
/// Discovery documents are JSON. Reading them as YAML accepted what JSON does not (trailing commas, single
/// quotes, `NaN`) and refused what it does (`\ud83d\ude00`, a character outside the BMP as a surrogate pair).
/// Strings become double-quoted scalars; numbers, `true`, `false` and `null` become plain scalars, so that
/// `Scalar.plainMeaning` reads them as YAML's core schema would. Columns count characters, as libyaml's do.
public enum JSONLoader {
    /// Loads the JSON value in `bytes`; `file` is how messages name it.
    public static func load(_ bytes: [UInt8], file: String) throws(DiagnosticsError) -> Node {
        var parser = JSONParser(bytes: bytes, file: file)
        do {
            return try parser.document()
        } catch {
            throw DiagnosticsError([error.diagnostic])
        }
    }

    /// Loads the JSON value in `text`; `file` is how messages name it.
    public static func load(_ text: String, file: String) throws(DiagnosticsError) -> Node {
        try load(Array(text.utf8), file: file)
    }
}

private struct JSONError: Error {
    var diagnostic: Diagnostic
}

private struct JSONParser {
    let bytes: [UInt8]
    let file: String
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth = 0

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    private var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    private func fail(_ message: String, at location: SourceLocation? = nil) -> JSONError {
        JSONError(diagnostic: .error(at: location ?? self.location, "invalid JSON: \(message)"))
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Moves past one byte; a new character starts a new column unless it is a UTF-8 continuation byte.
    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if bytes[index] & 0xC0 != 0x80 {
            column += 1
        }
        index += 1
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
    }

    mutating func document() throws(JSONError) -> Node {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        skipWhitespace()
        guard current != nil else { throw fail("the file has no JSON value") }
        let root = try value()
        skipWhitespace()
        guard current == nil else { throw fail("unexpected text after the JSON value") }
        return root
    }

    private mutating func value() throws(JSONError) -> Node {
        let start = location
        guard let byte = current else { throw fail("unexpected end of the file") }
        switch byte {
        case UInt8(ascii: "{"): return try nested { parser throws(JSONError) in try parser.object(at: start) }
        case UInt8(ascii: "["): return try nested { parser throws(JSONError) in try parser.array(at: start) }
        case UInt8(ascii: "\""):
            let string = try string()
            return Node(.scalar(string), at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return Node(.scalar(Scalar(try number(), style: .plain, isPlain: true)), at: start)
        default:
            for word in ["true", "false", "null"] where bytes[index...].starts(with: word.utf8) {
                for _ in word.utf8 { advance() }
                return Node(.scalar(Scalar(word, style: .plain, isPlain: true)), at: start)
            }
            throw fail("unexpected character '\(Self.describe(byte))'")
        }
    }

    /// Parses a collection, bounding the nesting as the YAML loader does, so later stages' recursion is bounded.
    private mutating func nested(_ parse: (inout JSONParser) throws(JSONError) -> Node) throws(JSONError) -> Node {
        guard depth < YAMLLoader.maximumDepth else {
            throw fail("collections nest more than \(YAMLLoader.maximumDepth) deep")
        }
        depth += 1
        defer { depth -= 1 }
        return try parse(&self)
    }

    private mutating func object(at start: SourceLocation) throws(JSONError) -> Node {
        advance()
        var entries: [MappingEntry] = []
        var keys = MappingKeys()
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            advance()
            return Node(.mapping([]), at: start)
        }
        while true {
            skipWhitespace()
            let keyLocation = location
            guard current == UInt8(ascii: "\"") else { throw fail("expected a string as the key") }
            let key = try string().text
            if let first = keys.earlierLocation(ofKey: key, in: entries) {
                throw fail("duplicate key '\(key)' (first defined at line \(first.line))", at: keyLocation)
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw fail("expected ':' after the key") }
            advance()
            skipWhitespace()
            let entry = MappingEntry(key: key, keyLocation: keyLocation, value: try value())
            entries.append(entry)
            keys.didAppend(entry)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "}"):
                advance()
                return Node(.mapping(entries), at: start)
            default: throw fail("expected ',' or '}'")
            }
        }
    }

    private mutating func array(at start: SourceLocation) throws(JSONError) -> Node {
        advance()
        var items: [Node] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            advance()
            return Node(.sequence([]), at: start)
        }
        while true {
            skipWhitespace()
            items.append(try value())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "]"):
                advance()
                return Node(.sequence(items), at: start)
            default: throw fail("expected ',' or ']'")
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as text.
    private mutating func number() throws(JSONError) -> String {
        let start = index
        func digits(_ parser: inout JSONParser) -> Int {
            var count = 0
            while let byte = parser.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                parser.advance()
                count += 1
            }
            return count
        }
        if current == UInt8(ascii: "-") { advance() }
        if current == UInt8(ascii: "0") {
            advance()
        } else if digits(&self) == 0 {
            throw fail("expected a digit")
        }
        if current == UInt8(ascii: ".") {
            advance()
            guard digits(&self) > 0 else { throw fail("expected a digit after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            advance()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
            guard digits(&self) > 0 else { throw fail("expected a digit in the exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A string; when it has escapes, also its source, from which messages find the column of each character.
    private mutating func string() throws(JSONError) -> Scalar {
        advance()
        let contentStart = index
        // Filled only from the first escape on; until then the text is the bytes themselves.
        var unescaped: [UInt8]?
        while true {
            guard let byte = current else { throw fail("unclosed string") }
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                let source = bytes[contentStart..<(index - 1)]
                guard let unescaped else {
                    return Scalar(String(decoding: source, as: UTF8.self), style: .doubleQuoted, isPlain: false)
                }
                var scalar = Scalar(String(decoding: unescaped, as: UTF8.self), style: .doubleQuoted, isPlain: false)
                scalar.escapedSource = Scalar.EscapedSource(String(decoding: source, as: UTF8.self), syntax: .json)
                return scalar
            case UInt8(ascii: "\\"):
                if unescaped == nil { unescaped = Array(bytes[contentStart..<index]) }
                let scalar = try escape()
                UTF8.encode(scalar) { unescaped?.append($0) }
            case 0..<0x20:
                throw fail("a control character (U+\(Self.hex(UInt32(byte)))) must be escaped in a string")
            case 0..<0x80:
                unescaped?.append(byte)
                advance()
            default:
                let start = index
                try skipUTF8Scalar()
                unescaped?.append(contentsOf: bytes[start..<index])
            }
        }
    }

    private mutating func escape() throws(JSONError) -> Unicode.Scalar {
        let start = location
        advance()
        guard let byte = current else { throw fail("unclosed string") }
        advance()
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hexUnit(escapeAt: start)
            guard (0xD800...0xDFFF).contains(unit) else { return Unicode.Scalar(unit)! }
            // A character outside the BMP is a pair of escapes: a high surrogate, then a low one.
            guard unit < 0xDC00, bytes[index...].starts(with: "\\u".utf8) else {
                throw fail("'\\u\(Self.hex(unit))' is half of a surrogate pair", at: start)
            }
            advance()
            advance()
            let low = try hexUnit(escapeAt: start)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw fail("'\\u\(Self.hex(unit))' is not followed by a low surrogate", at: start)
            }
            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
        default:
            throw fail("unknown escape '\\\(Self.describe(byte))'", at: start)
        }
    }

    private mutating func hexUnit(escapeAt start: SourceLocation) throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexDigit(byte) else {
                throw fail("'\\u' needs four hexadecimal digits", at: start)
            }
            value = value << 4 | digit
            advance()
        }
        return value
    }

    /// Moves past one UTF-8 encoded character; invalid UTF-8 is an error at its own line and column.
    private mutating func skipUTF8Scalar() throws(JSONError) {
        let lead = bytes[index]
        let (length, minimum, initial): (Int, UInt32, UInt32) =
            switch lead {
            case 0..<0x80: (1, 0, UInt32(lead))
            case 0xC2..<0xE0: (2, 0x80, UInt32(lead & 0x1F))
            case 0xE0..<0xF0: (3, 0x800, UInt32(lead & 0x0F))
            case 0xF0..<0xF5: (4, 0x10000, UInt32(lead & 0x07))
            default: (0, 0, 0)
            }
        guard length > 0, index + length <= bytes.count else { throw fail("invalid UTF-8") }
        var value = initial
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { throw fail("invalid UTF-8") }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard value >= minimum, Unicode.Scalar(value) != nil else { throw fail("invalid UTF-8") }
        for _ in 0..<length { advance() }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A byte as a message shows it: printable ASCII as itself, anything else as its code.
    private static func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16, uppercase: true)
    }
}
