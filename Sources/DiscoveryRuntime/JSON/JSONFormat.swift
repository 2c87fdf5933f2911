import Foundation

/// How the direct reader and writer code one Swift type as JSON: `read` and `write` give the same results as the
/// type's `Codable` conformance (or, for a `.wire` field, its ``JSONWireConvertible`` form) through `JSONDecoder`
/// and `JSONEncoder`.
///
/// A field's format is found once, when its table is built (``JSONFormats``), from the field's type: the runtime's
/// value types have concrete formats, generated structs and enums generic ones (``ObjectFormat``, ``EnumFormat``),
/// and arrays, dictionaries and `Indirect` formats of their elements. `readField` and `writeField` are
/// requirements so that each concrete format stores into a field without generic code.
protocol JSONFormat {
    associatedtype Value
    /// Reads a value that starts at the reading position.
    static func read(_ reader: inout JSONReader) throws -> Value
    static func write(_ value: Value, to writer: inout JSONWriter) throws
    /// Reads a value into the `Value?` at `storage`.
    static func readField(into storage: UnsafeMutableRawPointer, from reader: inout JSONReader) throws
    /// Writes `key` and the `Value?` at `storage` unless it is `nil`; says whether it wrote.
    static func writeField(from storage: UnsafeRawPointer, key: [UInt8], to writer: inout JSONWriter) throws -> Bool
}

extension JSONFormat {
    @inline(__always)
    static func readField(into storage: UnsafeMutableRawPointer, from reader: inout JSONReader) throws {
        storage.assumingMemoryBound(to: Value?.self).pointee = try read(&reader)
    }

    @inline(__always)
    static func writeField(from storage: UnsafeRawPointer, key: [UInt8], to writer: inout JSONWriter) throws -> Bool {
        guard let value = storage.assumingMemoryBound(to: Value?.self).pointee else { return false }
        writer.writeKey(key)
        try write(value, to: &writer)
        return true
    }
}

/// Finds the format of a type: its `Codable` form for `.field` and `.boxed` fields, its wire form for `.wire`
/// fields. `nil` for a type the direct reader does not know, which its field then reads with `JSONDecoder`.
enum JSONFormats {
    static func format(_ type: Any.Type, wire: Bool) -> (any JSONFormat.Type)? {
        wire ? self.wire(type) : codable(type)
    }

    /// The format of a type's `Codable` form.
    static func codable(_ type: Any.Type) -> (any JSONFormat.Type)? {
        if type == String.self { return StringFormat.self }
        if type == Bool.self { return BoolFormat.self }
        if type == Int32.self { return Int32Format.self }
        if type == UInt32.self { return UInt32Format.self }
        if type == Int.self { return IntFormat.self }
        if type == Int64.self { return Int64NumberFormat.self }
        if type == UInt64.self { return UInt64NumberFormat.self }
        if type == Double.self { return DoubleNumberFormat.self }
        if type == Float.self { return FloatNumberFormat.self }
        if type == Timestamp.self { return TimestampFormat.self }
        if type == CalendarDate.self { return CalendarDateFormat.self }
        if type == FieldMask.self { return FieldMaskFormat.self }
        if type == JSONValue.self { return JSONValueFormat.self }
        if let object = type as? any JSONObject.Type { return objectFormat(object) }
        if let enumeration = type as? any OpenEnum.Type { return enumFormat(enumeration) }
        if let container = type as? any JSONContainerFormat.Type { return container.jsonFormat(wire: false) }
        return nil
    }

    /// The format of a type's ``JSONWireConvertible`` form.
    static func wire(_ type: Any.Type) -> (any JSONFormat.Type)? {
        if type == Int64.self { return Int64WireFormat.self }
        if type == UInt64.self { return UInt64WireFormat.self }
        if type == Double.self { return DoubleWireFormat.self }
        if type == Float.self { return FloatWireFormat.self }
        if type == Timestamp.self { return TimestampFormat.self }
        if type == Data.self { return DataWireFormat.self }
        if type == Duration.self { return DurationWireFormat.self }
        if type == Date.self { return DateWireFormat.self }
        if let container = type as? any JSONContainerFormat.Type { return container.jsonFormat(wire: true) }
        return nil
    }

    /// The type that a format reads and writes.
    static func valueType<Format: JSONFormat>(of format: Format.Type) -> Any.Type { Format.Value.self }

    private static func objectFormat<Object: JSONObject>(_ type: Object.Type) -> any JSONFormat.Type {
        ObjectFormat<Object>.self
    }

    private static func enumFormat<Enum: OpenEnum>(_ type: Enum.Type) -> any JSONFormat.Type {
        EnumFormat<Enum>.self
    }
}

/// Arrays, dictionaries with string keys and `Indirect`: the format of their elements makes theirs.
protocol JSONContainerFormat {
    static func jsonFormat(wire: Bool) -> (any JSONFormat.Type)?
}

extension Array: JSONContainerFormat {
    static func jsonFormat(wire: Bool) -> (any JSONFormat.Type)? {
        func arrayFormat<Format: JSONFormat>(_ element: Format.Type) -> any JSONFormat.Type { ArrayFormat<Format>.self }
        return JSONFormats.format(Element.self, wire: wire).map { arrayFormat($0) }
    }
}

extension Dictionary: JSONContainerFormat where Key == String {
    static func jsonFormat(wire: Bool) -> (any JSONFormat.Type)? {
        func dictionaryFormat<Format: JSONFormat>(_ element: Format.Type) -> any JSONFormat.Type {
            DictionaryFormat<Format>.self
        }
        return JSONFormats.format(Value.self, wire: wire).map { dictionaryFormat($0) }
    }
}

extension Indirect: JSONContainerFormat {
    static func jsonFormat(wire: Bool) -> (any JSONFormat.Type)? {
        // The common case, a generated struct that contains itself, without a cast for each value.
        func objectFormat<Object: JSONObject>(_ object: Object.Type) -> any JSONFormat.Type {
            IndirectObjectFormat<Object>.self
        }
        if !wire, let object = Value.self as? any JSONObject.Type { return objectFormat(object) }
        func indirectFormat<Format: JSONFormat>(_ inner: Format.Type) -> any JSONFormat.Type {
            IndirectFormat<Value, Format>.self
        }
        return JSONFormats.format(Value.self, wire: wire).map { indirectFormat($0) }
    }
}

// MARK: Generic formats

/// A generated struct, read and written member by member through its table.
enum ObjectFormat<Object: JSONObject>: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Object { try reader.readObject(Object.self) }
    static func write(_ value: Object, to writer: inout JSONWriter) throws { try writer.writeObject(value) }
}

/// A generated enum: its raw value, as a string.
enum EnumFormat<Enum: OpenEnum>: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Enum { Enum(rawValue: try reader.readString()) }
    static func write(_ value: Enum, to writer: inout JSONWriter) { writer.writeString(value.rawValue) }
}

enum ArrayFormat<Element: JSONFormat>: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> [Element.Value] { try reader.readArray(Element.self) }
    static func write(_ value: [Element.Value], to writer: inout JSONWriter) throws {
        try writer.writeArray(value, Element.self)
    }
}

enum DictionaryFormat<Element: JSONFormat>: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> [String: Element.Value] {
        try reader.readDictionary(Element.self)
    }
    static func write(_ value: [String: Element.Value], to writer: inout JSONWriter) throws {
        try writer.writeDictionary(value, Element.self)
    }
}

/// A generated struct stored out of line.
enum IndirectObjectFormat<Object: JSONObject>: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Indirect<Object> {
        Indirect(try reader.readObject(Object.self))
    }
    static func write(_ value: Indirect<Object>, to writer: inout JSONWriter) throws {
        try writer.writeObject(value.value)
    }
}

/// A value stored out of line; `Inner` reads and writes the value itself (its `Value` is `Wrapped`).
enum IndirectFormat<Wrapped: Hashable & Sendable, Inner: JSONFormat>: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Indirect<Wrapped> {
        Indirect(try Inner.read(&reader) as! Wrapped)
    }
    static func write(_ value: Indirect<Wrapped>, to writer: inout JSONWriter) throws {
        try Inner.write(value.value as! Inner.Value, to: &writer)
    }
}

/// A type the direct reader does not know, read with `JSONDecoder` from the bytes of its value and written with
/// `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`), as the client did before it read JSON itself.
enum CodableFallbackFormat<Value: Codable>: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Value {
        let start = reader.index
        try reader.skipValue()
        do {
            return try JSONDecoder().decode(Value.self, from: Data(reader.bytes(from: start)))
        } catch let error as DecodingError {
            throw JSONReadError(error, at: start)
        }
    }

    static func write(_ value: Value, to writer: inout JSONWriter) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(value).withUnsafeBytes { writer.append($0.bindMemory(to: UInt8.self)) }
    }
}

/// A ``JSONWireConvertible`` type the direct reader does not know: its wire form read and written with
/// ``CodableFallbackFormat``.
enum WireFallbackFormat<Value: JSONWireConvertible>: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Value {
        let start = reader.index
        let wire = try CodableFallbackFormat<Value.JSONWire>.read(&reader)
        return try reader.converting(at: start) { try Value(jsonWire: wire) }
    }

    static func write(_ value: Value, to writer: inout JSONWriter) throws {
        try CodableFallbackFormat<Value.JSONWire>.write(value.jsonWire, to: &writer)
    }
}

// MARK: Scalars in their Codable form

enum StringFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> String { try reader.readString() }
    static func write(_ value: String, to writer: inout JSONWriter) { writer.writeString(value) }
}

enum BoolFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Bool { try reader.readBool() }
    static func write(_ value: Bool, to writer: inout JSONWriter) { writer.writeBool(value) }
}

enum Int32Format: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Int32 { try reader.readInteger(Int32.self) }
    static func write(_ value: Int32, to writer: inout JSONWriter) { writer.writeInteger(value) }
}

enum UInt32Format: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> UInt32 { try reader.readInteger(UInt32.self) }
    static func write(_ value: UInt32, to writer: inout JSONWriter) { writer.writeInteger(value) }
}

enum IntFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Int { try reader.readInteger(Int.self) }
    static func write(_ value: Int, to writer: inout JSONWriter) { writer.writeInteger(value) }
}

/// An `Int64` in its `Codable` form, a JSON number (generated fields use ``Int64WireFormat``).
enum Int64NumberFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Int64 { try reader.readInteger(Int64.self) }
    static func write(_ value: Int64, to writer: inout JSONWriter) { writer.writeInteger(value) }
}

enum UInt64NumberFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> UInt64 { try reader.readInteger(UInt64.self) }
    static func write(_ value: UInt64, to writer: inout JSONWriter) { writer.writeInteger(value) }
}

/// A `Double` in its `Codable` form: a finite JSON number only.
enum DoubleNumberFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Double { try reader.readDouble() }
    static func write(_ value: Double, to writer: inout JSONWriter) throws { try writer.writeNumber(value) }
}

enum FloatNumberFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Float { try reader.readFloat() }
    static func write(_ value: Float, to writer: inout JSONWriter) throws { try writer.writeNumber(value) }
}

enum TimestampFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Timestamp {
        guard reader.current == .quote else { throw reader.typeMismatch(Timestamp.self, expected: "a string") }
        let start = reader.index
        let timestamp = try reader.withStringBytes { RFC3339.timestamp(utf8: $0) }
        guard let timestamp else {
            throw reader.dataCorrupted(
                "Expected an RFC 3339 timestamp like \"2024-01-02T03:04:05.678Z\", got \(reader.text(from: start))",
                at: start)
        }
        return timestamp
    }

    static func write(_ value: Timestamp, to writer: inout JSONWriter) {
        RFC3339.withText(of: value) { writer.writeQuoted(ascii: $0) }
    }
}

enum CalendarDateFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> CalendarDate {
        let start = reader.index
        let text = try reader.readString()
        guard let date = CalendarDate(text) else {
            throw reader.dataCorrupted("Expected a date like \"2024-03-08\", got \"\(text)\".", at: start)
        }
        return date
    }

    static func write(_ value: CalendarDate, to writer: inout JSONWriter) { writer.writeString(value.description) }
}

enum FieldMaskFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> FieldMask {
        let text = try reader.readString()
        return FieldMask(paths: FieldMask.paths(text))
    }

    static func write(_ value: FieldMask, to writer: inout JSONWriter) { writer.writeString(value.httpParameterValue) }
}

enum JSONValueFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> JSONValue { try reader.readJSONValue() }
    static func write(_ value: JSONValue, to writer: inout JSONWriter) throws { try writer.writeJSONValue(value) }
}

// MARK: Scalars in their wire form

/// An `Int64` as ``JSONIntegerString`` reads it: a string of decimal digits, or a number.
enum Int64WireFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Int64 { try reader.readIntegerString(Int64.self) }
    static func write(_ value: Int64, to writer: inout JSONWriter) { writer.writeQuotedInteger(value) }
}

enum UInt64WireFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> UInt64 { try reader.readIntegerString(UInt64.self) }
    static func write(_ value: UInt64, to writer: inout JSONWriter) { writer.writeQuotedInteger(value) }
}

/// A `Double` as ``JSONFloatingPoint`` reads it: a number, `"NaN"`, `"Infinity"`, `"-Infinity"` or a number in a
/// string.
enum DoubleWireFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Double {
        if reader.current == .quote {
            return try reader.readSpecialFloatingPoint(Double.self)
        }
        return try reader.readDouble()
    }

    static func write(_ value: Double, to writer: inout JSONWriter) { writer.writeSpecialOrNumber(value) }
}

enum FloatWireFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Float {
        if reader.current == .quote {
            return try reader.readSpecialFloatingPoint(Float.self)
        }
        return try reader.readFloat()
    }

    static func write(_ value: Float, to writer: inout JSONWriter) { writer.writeSpecialOrNumber(value) }
}

enum DataWireFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Data {
        let start = reader.index
        let text = try reader.readString()
        return try reader.converting(at: start) { try Data(jsonWire: text) }
    }

    static func write(_ value: Data, to writer: inout JSONWriter) {
        var text = value.base64EncodedString()
        text.withUTF8 { writer.writeQuoted(ascii: $0) }
    }
}

enum DurationWireFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Duration {
        let start = reader.index
        let text = try reader.readString()
        return try reader.converting(at: start) { try Duration(jsonWire: text) }
    }

    static func write(_ value: Duration, to writer: inout JSONWriter) { writer.writeString(value.jsonWire) }
}

enum DateWireFormat: JSONFormat {
    static func read(_ reader: inout JSONReader) throws -> Date { try TimestampFormat.read(&reader).date }
    static func write(_ value: Date, to writer: inout JSONWriter) { writer.writeString(value.jsonWire) }
}

extension JSONReader {
    /// Runs a conversion of the value that starts at `start`, reporting its `DecodingError` there.
    func converting<Value>(at start: Int, _ convert: () throws -> Value) throws -> Value {
        do {
            return try convert()
        } catch let error as DecodingError {
            throw JSONReadError(error, at: start)
        }
    }

    /// Reads a 64-bit integer as ``JSONIntegerString`` and `init(jsonWire:)` do: a string that `Integer(_:)`
    /// parses (`"-42"`, `"+7"`, `"007"`), or a number that `JSONDecoder` reads as an `Int64` or a `UInt64`.
    mutating func readIntegerString<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer {
        let start = index
        if current == .quote {
            let value = try withStringBytes { Self.parseInteger($0, as: Integer.self) }
            guard let value else {
                throw dataCorrupted(
                    "Expected \(Integer.isSigned ? "a signed" : "an unsigned") 64-bit integer, got \(text(from: start))",
                    at: start)
            }
            return value
        }
        guard current == UInt8(ascii: "-") || current.isDigit else {
            throw typeMismatch(Integer.self, expected: "a string or a number")
        }
        let value: Integer?
        if let signed = try readIntegerIfFits(Int64.self) {
            value = Integer(exactly: signed)
        } else {
            index = start
            value = try readIntegerIfFits(UInt64.self).flatMap { Integer(exactly: $0) }
        }
        guard let value else {
            throw dataCorrupted("The number \(text(from: start)) does not fit in \(Integer.self)", at: start)
        }
        return value
    }

    /// `Integer(text)` on UTF-8 bytes: an optional `+` or `-`, then one or more ASCII digits.
    static func parseInteger<Integer: FixedWidthInteger>(
        _ text: UnsafeBufferPointer<UInt8>, as type: Integer.Type
    ) -> Integer? {
        var position = 0
        var isNegative = false
        if let sign = text.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            isNegative = sign == UInt8(ascii: "-")
            position = 1
        }
        guard position < text.count else { return nil }
        var value: Integer = 0
        while position < text.count {
            let digit = text[position] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                isNegative
                ? times10.subtractingReportingOverflow(Integer(digit))
                : times10.addingReportingOverflow(Integer(digit))
            if overflow1 || overflow2 { return nil }
            value = next
            position += 1
        }
        return value
    }

    /// The string form of ``JSONFloatingPoint``: `"NaN"`, `"Infinity"`, `"-Infinity"`, or a finite number that
    /// `Value(text)` parses.
    mutating func readSpecialFloatingPoint<Value: BinaryFloatingPoint & LosslessStringConvertible>(
        _ type: Value.Type
    ) throws -> Value {
        let start = index
        let text = try readString()
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let number = Value(text), number.isFinite else {
                throw dataCorrupted(
                    "Expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", got \"\(text)\".", at: start)
            }
            return number
        }
    }
}

extension JSONReadError {
    /// A `DecodingError` of converting or decoding the value that starts at `offset`, with its coding path.
    init(_ error: DecodingError, at offset: Int) {
        let kind: Kind
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(let type, let errorContext): (kind, context) = (.typeMismatch(type), errorContext)
        case .valueNotFound(let type, let errorContext): (kind, context) = (.valueNotFound(type), errorContext)
        case .keyNotFound(_, let errorContext): (kind, context) = (.dataCorrupted, errorContext)
        case .dataCorrupted(let errorContext): (kind, context) = (.dataCorrupted, errorContext)
        @unknown default:
            self.init(.dataCorrupted, String(describing: error), offset: offset)
            return
        }
        self.init(kind, context.debugDescription, offset: offset)
        path = context.codingPath.reversed()
    }
}
