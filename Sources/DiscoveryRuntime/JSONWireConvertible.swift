import Foundation

/// A value whose JSON form differs from its Codable form: int64 as a string, RFC 3339 timestamps,
/// base64 bytes, "3.5s" durations.
///
/// Generated types encode such fields with `encodeWire` and decode them with `decodeWire`, so that
/// the standard `JSONEncoder` and `JSONDecoder` need no special strategies.
public protocol JSONWireConvertible: Sendable {
    /// The Codable type of the JSON form, usually `String`.
    associatedtype JSONWire: Codable
    /// Reads the JSON form; throws `DecodingError.dataCorrupted` when it is malformed.
    init(jsonWire: JSONWire) throws
    /// The JSON form.
    var jsonWire: JSONWire { get }
}

extension KeyedDecodingContainer {
    /// Decodes a value from its JSON form; `nil` when the key is missing or `null`.
    public func decodeWireIfPresent<Value: JSONWireConvertible>(
        _ type: Value.Type,
        forKey key: Key
    ) throws -> Value? {
        guard let wire = try decodeIfPresent(Value.JSONWire.self, forKey: key) else { return nil }
        return try convert(wire, forKey: key)
    }

    /// Decodes a value from its JSON form.
    public func decodeWire<Value: JSONWireConvertible>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try convert(try decode(Value.JSONWire.self, forKey: key), forKey: key)
    }

    /// Converts the JSON form, reporting malformed text at the key's coding path.
    private func convert<Value: JSONWireConvertible>(_ wire: Value.JSONWire, forKey key: Key) throws -> Value {
        do {
            return try Value(jsonWire: wire)
        } catch DecodingError.dataCorrupted(let context) {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: context.debugDescription)
        }
    }
}

extension KeyedEncodingContainer {
    /// Encodes a value in its JSON form; `nil` omits the key (Google treats `null` differently from absent).
    public mutating func encodeWireIfPresent<Value: JSONWireConvertible>(_ value: Value?, forKey key: Key) throws {
        guard let value else { return }
        try encodeWire(value, forKey: key)
    }

    /// Encodes a value in its JSON form.
    public mutating func encodeWire<Value: JSONWireConvertible>(_ value: Value, forKey key: Key) throws {
        try encode(value.jsonWire, forKey: key)
    }
}

/// The error for malformed wire text; `decodeWire` adds the coding path.
func wireFormatError(_ description: String) -> DecodingError {
    DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: description))
}

extension Array: JSONWireConvertible where Element: JSONWireConvertible {
    /// Converts every element from its JSON form.
    public init(jsonWire: [Element.JSONWire]) throws {
        self = try jsonWire.map(Element.init(jsonWire:))
    }

    /// Every element in its JSON form.
    public var jsonWire: [Element.JSONWire] { map(\.jsonWire) }
}

extension Dictionary: JSONWireConvertible where Key == String, Value: JSONWireConvertible {
    /// Converts every value from its JSON form.
    public init(jsonWire: [String: Value.JSONWire]) throws {
        self = try jsonWire.mapValues(Value.init(jsonWire:))
    }

    /// Every value in its JSON form.
    public var jsonWire: [String: Value.JSONWire] { mapValues(\.jsonWire) }
}
