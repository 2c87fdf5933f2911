import Foundation

/// Something that can be a path variable or a query parameter value.
///
/// The text is the same one the value has in JSON, without quotes, so that a resource name or a timestamp
/// reads the same in a URL and in a body.
public protocol HTTPParameterValue: Sendable {
    /// The value as unencoded text; `PathBuilder` and `QueryItems` percent-encode it.
    var httpParameterValue: String { get }
}

extension String: HTTPParameterValue {
    /// The string itself.
    public var httpParameterValue: String { self }
}

extension Bool: HTTPParameterValue {
    /// `true` or `false`.
    public var httpParameterValue: String { self ? "true" : "false" }
}

extension Int32: HTTPParameterValue {
    /// The number in decimal.
    public var httpParameterValue: String { description }
}

extension UInt32: HTTPParameterValue {
    /// The number in decimal.
    public var httpParameterValue: String { description }
}

extension Int64: HTTPParameterValue {
    /// The number in decimal (in a URL, unlike in JSON, without quotes).
    public var httpParameterValue: String { description }
}

extension UInt64: HTTPParameterValue {
    /// The number in decimal (in a URL, unlike in JSON, without quotes).
    public var httpParameterValue: String { description }
}

extension Int: HTTPParameterValue {
    /// The number in decimal.
    public var httpParameterValue: String { description }
}

extension Double: HTTPParameterValue {
    /// The shortest text that reads back as the same number.
    public var httpParameterValue: String { description }
}

extension Float: HTTPParameterValue {
    /// The shortest text that reads back as the same number.
    public var httpParameterValue: String { description }
}

extension Date: HTTPParameterValue {
    /// RFC 3339 in UTC, as in JSON.
    public var httpParameterValue: String { jsonWire }
}

extension Timestamp: HTTPParameterValue {
    /// RFC 3339 in UTC, as in JSON.
    public var httpParameterValue: String { jsonWire }
}

extension Duration: HTTPParameterValue {
    /// Seconds with an `s` suffix, e.g. `3.5s`, as in JSON.
    public var httpParameterValue: String { jsonWire }
}

extension Data: HTTPParameterValue {
    /// Standard base64 with padding, as in JSON.
    public var httpParameterValue: String { jsonWire }
}
