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
    /// Reads an RFC 3339 timestamp with 0 to 9 fractional digits and `Z` or an offset, to what a `Date` holds;
    /// ``Timestamp`` keeps every digit.
    public init(jsonWire: String) throws {
        self = try Timestamp(jsonWire: jsonWire).date
    }

    /// RFC 3339 in UTC to the millisecond, the precision a `Date` keeps today, written as protobuf writes
    /// timestamps: `2024-01-02T03:04:05.500Z`.
    public var jsonWire: String {
        let timestamp = Timestamp(self)
        let milliseconds = (Int64(timestamp.nanoseconds) + 500_000) / 1_000_000
        let rounded = Timestamp(seconds: timestamp.seconds, nanoseconds: milliseconds * 1_000_000)
        return min(rounded, RFC3339.latest - .nanoseconds(999_999)).jsonWire
    }
}

/// A `float` or `double` in Google's JSON: a number, or one of the strings `"NaN"`, `"Infinity"` and `"-Infinity"`
/// for the values JSON numbers cannot hold, as protobuf's JSON mapping writes them (and Go's `JSONFloat64` reads).
///
/// Decoding also accepts a number written as a string, which the mapping allows.
public struct JSONFloatingPoint<Value: BinaryFloatingPoint & LosslessStringConvertible & Codable & Sendable>: Codable,
    Sendable
{
    /// The number.
    public let value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Reads a JSON number, or a string that names a number or a special value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Value.self) {
            value = number
            return
        }
        let text = try container.decode(String.self)
        switch text {
        case "NaN": value = .nan
        case "Infinity": value = .infinity
        case "-Infinity": value = -.infinity
        default:
            guard let number = Value(text), number.isFinite else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "Expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", got \"\(text)\".")
            }
            value = number
        }
    }

    /// Writes a JSON number, or the special value's string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if value.isNaN {
            try container.encode("NaN")
        } else if value.isInfinite {
            try container.encode(value < 0 ? "-Infinity" : "Infinity")
        } else {
            try container.encode(value)
        }
    }
}

extension Double: JSONWireConvertible {
    /// The number, whatever form it came in.
    public init(jsonWire: JSONFloatingPoint<Double>) { self = jsonWire.value }

    /// A number, or `"NaN"`, `"Infinity"` or `"-Infinity"`.
    public var jsonWire: JSONFloatingPoint<Double> { JSONFloatingPoint(self) }
}

extension Float: JSONWireConvertible {
    /// The number, whatever form it came in.
    public init(jsonWire: JSONFloatingPoint<Float>) { self = jsonWire.value }

    /// A number, or `"NaN"`, `"Infinity"` or `"-Infinity"`.
    public var jsonWire: JSONFloatingPoint<Float> { JSONFloatingPoint(self) }
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
        let parsed: Duration? = withUTF8(of: jsonWire) { text in
            var scanner = TextScanner(text)
            let isNegative = scanner.consume("-")
            guard let seconds = scanner.digits()?.value else { return nil }
            var nanoseconds = 0
            if scanner.consume(".") {
                guard let fraction = scanner.fractionNanoseconds() else { return nil }
                nanoseconds = fraction
            }
            guard scanner.consume("s"), scanner.isAtEnd else { return nil }
            let magnitude = Duration.seconds(seconds) + Duration.nanoseconds(nanoseconds)
            return isNegative ? .zero - magnitude : magnitude
        }
        guard let parsed else { throw wireFormatError("Expected a duration like \"3.5s\", got \"\(jsonWire)\".") }
        self = parsed
    }

    /// Seconds with 0, 3, 6 or 9 fractional digits (nanosecond precision) and an `s` suffix, as protobuf's JSON
    /// mapping writes durations: `3.500s`, `0.000000001s`, `0s`.
    public var jsonWire: String {
        let isNegative = self < .zero
        let (seconds, attoseconds) = (isNegative ? .zero - self : self).components
        let nanoseconds = Int(attoseconds / 1_000_000_000)
        return (isNegative ? "-" : "") + String(seconds) + canonicalFraction(nanoseconds: nanoseconds) + "s"
    }
}
