import Foundation

/// Decodes and encodes JSON as the client does: generated types straight from and to bytes, anything else through
/// `JSONDecoder` and `JSONEncoder`.
///
/// Generated structs (``JSONObject``), enums (``OpenEnum``), the runtime's values (``Timestamp``, ``JSONValue``,
/// ``CalendarDate``, ``FieldMask``, strings, numbers, booleans) and arrays, dictionaries with string keys and
/// ``Indirect`` values of them are read by looking each member up in the type's table and converting it in place,
/// and written byte by byte, without `Decoder` and `Encoder` containers. Results are those of `JSONDecoder` and of
/// `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes`, byte for byte, with these differences:
///
/// - Only strict JSON in UTF-8 is read: `JSONDecoder` also takes a trailing comma, and UTF-16 or UTF-32 text.
/// - Errors say where they are: `Expected ',' or '}', found 'x' at line 3, column 7 (byte offset 52)`.
///
/// As with `JSONDecoder`, members that no field names are ignored, the first of two members with the same name wins,
/// and arrays and objects nest at most 512 deep.
public enum JSONCoding {
    /// Decodes a value from JSON text in UTF-8.
    ///
    /// - Throws: `DecodingError`, whose description says where in the text the problem is.
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        guard let format = FormatCache.shared.format(of: Value.self) else {
            return try JSONDecoder().decode(Value.self, from: data)
        }
        return try decode(format, from: data) as! Value
    }

    /// Encodes a value as JSON text in UTF-8, as `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes`
    /// does.
    ///
    /// - Throws: `EncodingError` for a floating-point value that JSON cannot hold (a NaN or infinite
    ///   ``JSONValue/number(_:)``), as `JSONEncoder` does.
    public static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        guard let format = FormatCache.shared.format(of: Value.self) else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(value)
        }
        return try encode(value, format)
    }

    /// Whether values of `type` are read and written directly, not through `JSONDecoder` and `JSONEncoder`.
    public static func isDirect(_ type: Any.Type) -> Bool {
        FormatCache.shared.format(of: type) != nil
    }

    private static func decode<Format: JSONFormat>(_ format: Format.Type, from data: Data) throws -> Format.Value {
        try data.withUnsafeBytes { buffer in
            var reader = JSONReader(buffer)
            do {
                reader.skipByteOrderMark()
                reader.skipWhitespace()
                let value = try Format.read(&reader)
                try reader.expectEnd()
                return value
            } catch let error as JSONReadError {
                throw error.decodingError(in: buffer)
            }
        }
    }

    private static func encode<Value, Format: JSONFormat>(_ value: Value, _ format: Format.Type) throws -> Data {
        var writer = JSONWriter()
        do {
            try Format.write(value as! Format.Value, to: &writer)
        } catch {
            writer.discard()
            throw error
        }
        return writer.finish()
    }
}

/// The format of each type that has been decoded or encoded at the top level, found once.
private final class FormatCache: @unchecked Sendable {
    static let shared = FormatCache()

    private let lock = NSLock()
    private var formats: [ObjectIdentifier: (any JSONFormat.Type)?] = [:]

    func format(of type: Any.Type) -> (any JSONFormat.Type)? {
        let key = ObjectIdentifier(type)
        if let known = lock.withLock({ formats[key] }) { return known }
        let format = JSONFormats.codable(type)
        lock.withLock { formats[key] = format }
        return format
    }
}

extension JSONReadError {
    /// The `DecodingError` that `JSONDecoder` would throw, with the line, column and byte offset in its description.
    func decodingError(in buffer: UnsafeRawBufferPointer) -> DecodingError {
        let codingPath = Array(path.reversed())
        let description = message + " at " + Self.location(of: offset, in: buffer) + "."
        switch kind {
        case .syntax:
            return .dataCorrupted(
                DecodingError.Context(
                    codingPath: codingPath, debugDescription: "The given data was not valid JSON: " + description))
        case .typeMismatch(let type):
            return .typeMismatch(type, DecodingError.Context(codingPath: codingPath, debugDescription: description))
        case .valueNotFound(let type):
            return .valueNotFound(type, DecodingError.Context(codingPath: codingPath, debugDescription: description))
        case .dataCorrupted:
            return .dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: description))
        }
    }

    /// `line 3, column 7 (byte offset 52)`: lines and columns count from 1, columns in bytes.
    static func location(of offset: Int, in buffer: UnsafeRawBufferPointer) -> String {
        let offset = min(offset, buffer.count)
        var line = 1
        var lineStart = 0
        for position in 0..<offset where buffer[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        return "line \(line), column \(offset - lineStart + 1) (byte offset \(offset))"
    }
}
