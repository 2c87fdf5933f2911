/// A `google-fieldmask`: the fields a request reads or updates, sent as `displayName,settings.theme`.
public struct FieldMask: Codable, Sendable, Hashable, HTTPParameterValue, ExpressibleByArrayLiteral {
    /// The field paths, e.g. `settings.theme`.
    public var paths: [String]

    /// A mask of the given field paths.
    public init(paths: [String]) {
        self.paths = paths
    }

    /// A mask written as a list of field paths: `["displayName", "settings.theme"]`.
    public init(arrayLiteral paths: String...) {
        self.init(paths: paths)
    }

    /// The paths joined with commas, as in JSON.
    public var httpParameterValue: String {
        paths.joined(separator: ",")
    }

    /// Reads the comma-separated JSON form; an empty string is an empty mask.
    public init(from decoder: any Decoder) throws {
        paths = Self.paths(try decoder.singleValueContainer().decode(String.self))
    }

    /// The paths of the comma-separated JSON form.
    static func paths(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// Writes the paths joined with commas.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(httpParameterValue)
    }
}
