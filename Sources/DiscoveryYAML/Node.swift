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

    /// For a one-line quoted scalar with escapes (`\x6A`, `''`): the column of each character of `text`,
    /// counted from the scalar's first column, so that messages can point inside it exactly.
    public var escapedColumns: [Int]?

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
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let integer = Int(text) { return .integer(integer) }
        if text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true, let number = Double(text) {
            return .number(number)
        }
        return .string
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
