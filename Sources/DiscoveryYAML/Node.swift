/// A YAML node that remembers where it was written.
public struct Node: Hashable, Sendable {
    public enum Content: Hashable, Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([MappingEntry])
    }

    public var content: Content
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// What kind of node this is, for messages such as "expected a mapping, found a sequence".
    public var kindDescription: String {
        switch content {
        case .scalar(let scalar): scalar.kindDescription
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        }
    }
}

/// A scalar's text and how it was written, so that `1` and `"1"`, `true` and `"true"` differ.
public struct Scalar: Hashable, Sendable {
    public enum Style: Hashable, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var style: Style
    /// True for an unquoted scalar without a tag: its text may mean a number, a boolean or null.
    public var isPlain: Bool

    public init(_ text: String, style: Style, isPlain: Bool) {
        self.text = text
        self.style = style
        self.isPlain = isPlain
    }

    /// For a one-line quoted scalar with escapes (`\x6A`, `''`): its source between the quotes, from which
    /// messages find the column of each character. Kept as written and read only for a message, since most
    /// escaped scalars are descriptions that no message points inside.
    public var escapedSource: EscapedSource?

    /// The source of a quoted scalar with escapes, and the escapes it was written with.
    public struct EscapedSource: Hashable, Sendable {
        public enum Syntax: Hashable, Sendable {
            /// `''` stands for `'`.
            case yamlSingleQuoted
            /// `\n`, `\x41`, `\u00E9`, `\U0001F600`.
            case yamlDoubleQuoted
            /// `\n`, `\u00e9`, and `\ud83d\ude00` for one character outside the BMP.
            case json
        }

        public var text: String
        public var syntax: Syntax

        public init(_ text: String, syntax: Syntax) {
            self.text = text
            self.syntax = syntax
        }

        /// The column of each decoded character, counted from the opening quote.
        public var columns: [Int] {
            let source = Array(text.unicodeScalars)
            var columns: [Int] = []
            let escape: Unicode.Scalar = syntax == .yamlSingleQuoted ? "'" : "\\"
            var index = 0
            while index < source.count {
                columns.append(index + 1)
                guard source[index] == escape, index + 1 < source.count else {
                    index += 1
                    continue
                }
                switch (syntax, source[index + 1]) {
                case (.yamlDoubleQuoted, "x"): index += 4
                case (.yamlDoubleQuoted, "U"): index += 10
                case (.json, "u") where isHighSurrogateEscape(source, at: index): index += 12
                case (.yamlDoubleQuoted, "u"), (.json, "u"): index += 6
                default: index += 2
                }
            }
            return columns
        }

        /// `\uD800`…`\uDBFF`, the first half of a pair that stands for one character.
        private func isHighSurrogateEscape(_ source: [Unicode.Scalar], at index: Int) -> Bool {
            guard index + 6 <= source.count else { return false }
            let digits = String(String.UnicodeScalarView(source[(index + 2)..<(index + 6)]))
            return UInt32(digits, radix: 16).map { (0xD800...0xDBFF).contains($0) } ?? false
        }
    }

    /// The column of each character of `text`, counted from the scalar's first column, when escapes make them
    /// differ from the offsets.
    public var escapedColumns: [Int]? { escapedSource?.columns }

    /// The column, counted from the scalar's first column, of the character `offset` characters (Unicode
    /// scalars) into `text`.
    public func columnOffset(ofTextOffset offset: Int) -> Int {
        if let escapedColumns {
            return offset < escapedColumns.count ? escapedColumns[offset] : (escapedColumns.last ?? 0) + 1
        }
        switch style {
        case .singleQuoted, .doubleQuoted: return offset + 1
        default: return offset
        }
    }

    /// The YAML 1.2 core-schema meaning of a plain scalar.
    public enum PlainMeaning: Hashable, Sendable {
        case null
        case bool(Bool)
        case integer(Int)
        case number(Double)
        case string
    }

    public var plainMeaning: PlainMeaning {
        guard isPlain else { return .string }
        // The first byte tells most scalars apart: a spec reads this for hundreds of thousands of them.
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"):
            switch text {
            case "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: return .string
            }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if let integer = Int(text) { return .integer(integer) }
            if let number = Double(text) { return .number(number) }
            return .string
        default:
            return .string
        }
    }

    var kindDescription: String {
        switch plainMeaning {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .number: "a number"
        case .string: "a string"
        }
    }
}

/// One `key: value` pair; keys are always scalars in a spec.
public struct MappingEntry: Hashable, Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: Node

    public init(key: String, keyLocation: SourceLocation, value: Node) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
