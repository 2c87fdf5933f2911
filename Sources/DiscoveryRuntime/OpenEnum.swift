/// A generated enum that keeps values this client does not know.
///
/// APIs add enum values over time; an unknown value decodes (typically into an `unrecognized(String)`
/// case) and re-encodes unchanged instead of failing the whole response.
public protocol OpenEnum: RawRepresentable, Codable, Hashable, Sendable, HTTPParameterValue
where RawValue == String {
    /// Every string is a value: the known ones map to their cases, the others are kept as they are.
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

/// A generated enum with deprecated cases: it converts its known values in `init?(knownValue:)`, which is
/// deprecated so that it may name those cases without a warning, and `init(rawValue:)` reaches it through
/// ``knownValue(_:)`` without one either.
public protocol KnownValues {
    /// The case of `knownValue`, or nil when this client does not know it.
    init?(knownValue: String)
}

extension KnownValues {
    /// The case of `value`, or nil when this client does not know it.
    public static func knownValue(_ value: String) -> Self? {
        Self(knownValue: value)
    }
}
