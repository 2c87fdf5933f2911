import Foundation

// The JSON forms of Google's scalar formats: int64/uint64, google-datetime, byte and google-duration.

/// A 64-bit integer in Google's JSON: a string, because JavaScript numbers cannot hold every 64-bit value.
///
/// Decoding also accepts a JSON number, which some servers send.
public struct JSONIntegerString: Codable, Sendable, Hashable {
    /// The integer's decimal text.
    public let text: String

    init(text: String) {
        self.text = text
    }

    /// Reads a JSON string, or a JSON number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.text = text
        } else if let number = try? container.decode(Int64.self) {
            self.text = String(number)
        } else {
            self.text = String(try container.decode(UInt64.self))
        }
    }

    /// Writes a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension Int64: JSONWireConvertible {
    /// Reads the decimal text; throws `DecodingError.dataCorrupted` when it is not a signed 64-bit integer.
    public init(jsonWire: JSONIntegerString) throws {
        guard let value = Int64(jsonWire.text) else {
            throw wireFormatError("Expected a signed 64-bit integer, got \"\(jsonWire.text)\".")
        }
        self = value
    }

    /// The decimal text, sent as a JSON string.
    public var jsonWire: JSONIntegerString { JSONIntegerString(text: String(self)) }
}

extension UInt64: JSONWireConvertible {
    /// Reads the decimal text; throws `DecodingError.dataCorrupted` when it is not an unsigned 64-bit integer.
    public init(jsonWire: JSONIntegerString) throws {
        guard let value = UInt64(jsonWire.text) else {
            throw wireFormatError("Expected an unsigned 64-bit integer, got \"\(jsonWire.text)\".")
        }
        self = value
    }

    /// The decimal text, sent as a JSON string.
    public var jsonWire: JSONIntegerString { JSONIntegerString(text: String(self)) }
}

extension Date: JSONWireConvertible {
    /// Reads an RFC 3339 timestamp with 0 to 9 fractional digits and `Z` or an offset.
    public init(jsonWire: String) throws {
        guard let date = RFC3339.date(from: jsonWire) else {
            throw wireFormatError(
                "Expected an RFC 3339 timestamp like \"2024-01-02T03:04:05.678Z\", got \"\(jsonWire)\".")
        }
        self = date
    }

    /// RFC 3339 in UTC with millisecond precision, e.g. `2024-01-02T03:04:05.5Z`.
    public var jsonWire: String { RFC3339.string(from: self) }
}

extension Data: JSONWireConvertible {
    /// Reads base64 in the standard or the URL-safe alphabet, with or without padding: Google sends both.
    public init(jsonWire: String) throws {
        let standardAlphabet = jsonWire.replacingOccurrences(of: "-", with: "+").replacingOccurrences(
            of: "_", with: "/")
        let padding = String(repeating: "=", count: (4 - standardAlphabet.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: standardAlphabet + padding) else {
            throw wireFormatError("Expected base64 bytes, got \"\(jsonWire)\".")
        }
        self = data
    }

    /// Standard base64 with padding.
    public var jsonWire: String { base64EncodedString() }
}

extension Duration: JSONWireConvertible {
    /// Reads seconds with up to 9 fractional digits and an `s` suffix, e.g. `3.5s`, `-0.000000001s`.
    public init(jsonWire: String) throws {
        let malformed = wireFormatError("Expected a duration like \"3.5s\", got \"\(jsonWire)\".")
        var scanner = TextScanner(jsonWire)
        let isNegative = scanner.consume("-")
        guard let secondsText = scanner.digits(), let seconds = Int64(secondsText) else { throw malformed }
        var nanoseconds = 0
        if scanner.consume(".") {
            guard let fraction = scanner.fractionNanoseconds() else { throw malformed }
            nanoseconds = fraction
        }
        guard scanner.consume("s"), scanner.isAtEnd else { throw malformed }
        let magnitude = Duration.seconds(seconds) + Duration.nanoseconds(nanoseconds)
        self = isNegative ? .zero - magnitude : magnitude
    }

    /// Seconds with only the fractional digits needed (nanosecond precision) and an `s` suffix, e.g. `3.5s`, `0s`.
    public var jsonWire: String {
        let isNegative = self < .zero
        let (seconds, attoseconds) = (isNegative ? .zero - self : self).components
        let nanoseconds = Int(attoseconds / 1_000_000_000)
        return (isNegative ? "-" : "") + String(seconds) + fractionText(nanoseconds, digitCount: 9) + "s"
    }
}
