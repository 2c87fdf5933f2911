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
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var httpParameterValue: String { rawValue }
}
