/// A generated enum: a string value with a constant for each value the API documents.
///
/// APIs add enum values over time. A value this client does not know decodes, compares and re-encodes like any
/// other instead of failing the whole response, and a value added to the API later is a new constant, which
/// breaks no `switch` (every `switch` over a generated enum has a `default`).
public protocol OpenEnum: RawRepresentable, Codable, Hashable, Sendable, HTTPParameterValue
where RawValue == String {
    /// Every string is a value; the known ones are also static constants (`.oneTime`).
    init(rawValue: String)
}

extension OpenEnum {
    /// Reads the string; a value this client does not know is kept, not rejected.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Writes the raw value, unchanged even for values this client does not know.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The raw value, as in JSON.
    public var httpParameterValue: String { rawValue }
}
