import Foundation

/// Writes JSON straight into a byte buffer, byte for byte as `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` writes the same values: members in the byte order of their names (as current Foundation
/// sorts them; on Apple platforms, apps linked against old SDKs sort case-insensitively, and Google reads members in
/// any order), no whitespace, `"`, `\` and control characters escaped (`\n`, `\u001f`), numbers as Swift prints them
/// without a trailing `.0`.
///
/// The buffer is the writer's own: ``finish()`` hands it to a `Data` without copying it, ``discard()`` frees it.
/// A writer is used in place (`inout`) and never copied.
struct JSONWriter {
    private var buffer: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Whether the object being written has no member yet, so that the next one needs no comma.
    private var isFirstMember = true
    /// The layouts of the object types written so far, so that each is fetched from the shared cache once.
    var layouts = ObjectLayoutCache()

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        buffer = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    /// The bytes written, as a `Data` that owns the buffer; the writer must not be used afterwards.
    func finish() -> Data {
        Data(bytesNoCopy: buffer, count: count, deallocator: .free)
    }

    /// Frees the buffer; the writer must not be used afterwards.
    func discard() {
        free(buffer)
    }

    // MARK: Bytes

    @inline(__always) private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toHold: count + extra) }
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        buffer = realloc(buffer, newCapacity)!.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        reserve(1)
        buffer[count] = byte
        count += 1
    }

    @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        reserve(bytes.count)
        (buffer + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    @inline(__always) mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    mutating func append(_ literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    // MARK: Objects

    /// Starts an object.
    mutating func beginObject() {
        append(.openBrace)
        isFirstMember = true
    }

    /// Writes a member's name, as `"name":` with its quotes and colon, after a comma unless it is the first.
    @inline(__always) mutating func writeKey(_ key: [UInt8]) {
        if isFirstMember {
            isFirstMember = false
        } else {
            append(.comma)
        }
        append(key)
    }

    /// Ends an object.
    mutating func endObject() {
        append(.closeBrace)
        // The object is a value of the member or element around it, which is then no longer the first.
        isFirstMember = false
    }

    /// `"name":` with the name escaped, as ``writeKey(_:)`` takes it.
    static func key(_ name: String) -> [UInt8] {
        var writer = JSONWriter(capacity: name.utf8.count + 8)
        defer { writer.discard() }
        writer.writeString(name)
        writer.append(.colon)
        return Array(UnsafeBufferPointer(start: writer.buffer, count: writer.count))
    }

    /// Writes a generated struct: the fields that are not `nil` in the byte order of their names, and `null` for
    /// the `nil` ones in its `nullFields`.
    mutating func writeObject<Object: JSONObject>(_ object: Object) throws {
        let layout = layouts.layout(of: Object.self)
        let nullFields = object.nullFields
        beginObject()
        try withUnsafePointer(to: object) { pointer in
            let storage = UnsafeRawPointer(pointer)
            for field in layout.encodingOrder {
                let wroteValue = try layout.writers[field](storage, &self)
                if !wroteValue, !nullFields.isEmpty, nullFields.contains(layout.names[field]) {
                    writeKey(layout.keys[field])
                    append("null")
                }
            }
        }
        endObject()
    }

    /// Writes a dictionary as an object, its keys in byte order.
    mutating func writeDictionary<Element: JSONFormat>(
        _ dictionary: [String: Element.Value], _ element: Element.Type
    ) throws {
        beginObject()
        let sorted = dictionary.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (key, value) in sorted {
            if isFirstMember {
                isFirstMember = false
            } else {
                append(.comma)
            }
            writeString(key)
            append(.colon)
            try Element.write(value, to: &self)
        }
        endObject()
    }

    mutating func writeArray<Element: JSONFormat>(_ array: [Element.Value], _ element: Element.Type) throws {
        append(.openBracket)
        var isFirst = true
        for value in array {
            if isFirst {
                isFirst = false
            } else {
                append(.comma)
            }
            try Element.write(value, to: &self)
        }
        append(.closeBracket)
    }

    mutating func writeJSONValue(_ value: JSONValue) throws {
        switch value {
        case .null: append("null")
        case .bool(let value): writeBool(value)
        case .integer(let value): writeInteger(value)
        case .number(let value): try writeNumber(value)
        case .string(let value): writeString(value)
        case .array(let value): try writeArray(value, JSONValueFormat.self)
        case .object(let value): try writeDictionary(value, JSONValueFormat.self)
        }
    }

    // MARK: Scalars

    @inline(__always) mutating func writeBool(_ value: Bool) {
        if value {
            append("true")
        } else {
            append("false")
        }
    }

    /// Writes a string with `JSONEncoder`'s escapes: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, and `\u00XX` for other
    /// control characters; `/` and everything else as it is.
    mutating func writeString(_ string: String) {
        var string = string
        string.withUTF8 { writeString(utf8: $0) }
    }

    mutating func writeString(utf8 text: UnsafeBufferPointer<UInt8>) {
        reserve(text.count + 2)
        buffer[count] = .quote
        count += 1
        var runStart = 0
        for position in 0..<text.count {
            let byte = text[position]
            guard byte < 0x20 || byte == .quote || byte == .backslash else { continue }
            append(UnsafeBufferPointer(rebasing: text[runStart..<position]))
            switch byte {
            case .quote: append("\\\"")
            case .backslash: append("\\\\")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case .newline: append("\\n")
            case .carriageReturn: append("\\r")
            case .tab: append("\\t")
            default:
                append("\\u00")
                append(hexDigits[Int(byte >> 4)])
                append(hexDigits[Int(byte & 0xF)])
            }
            runStart = position + 1
        }
        append(UnsafeBufferPointer(rebasing: text[runStart...]))
        append(.quote)
    }

    /// Writes ASCII text that needs no escapes, in quotes.
    mutating func writeQuoted(ascii text: UnsafeBufferPointer<UInt8>) {
        append(.quote)
        append(text)
        append(.quote)
    }

    @inline(__always) mutating func writeInteger<Integer: FixedWidthInteger>(_ value: Integer) {
        reserve(20)
        if value == 0 {
            buffer[count] = UInt8(ascii: "0")
            count += 1
            return
        }
        // Digits from the last; the magnitude of a negative number is taken digit by digit, so that the minimum fits.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let length = withUnsafeMutableBytes(of: &digits) { scratch -> Int in
            var remaining = value
            var position = scratch.count
            while remaining != 0 {
                let (quotient, remainder) = remaining.quotientAndRemainder(dividingBy: 10)
                position -= 1
                scratch[position] = UInt8(ascii: "0") + UInt8(remainder.magnitude)
                remaining = quotient
            }
            if value < 0 {
                position -= 1
                scratch[position] = UInt8(ascii: "-")
            }
            let length = scratch.count - position
            (buffer + count).update(
                from: scratch.baseAddress!.advanced(by: position).assumingMemoryBound(to: UInt8.self), count: length)
            return length
        }
        count += length
    }

    /// Writes an integer in quotes, as Google's JSON sends 64-bit integers.
    mutating func writeQuotedInteger<Integer: FixedWidthInteger>(_ value: Integer) {
        append(.quote)
        writeInteger(value)
        append(.quote)
    }

    /// Writes a finite number as `JSONEncoder` does (`1`, `0.5`, `1e+20`); throws for NaN and the infinities,
    /// which JSON numbers cannot hold.
    mutating func writeNumber<Value: BinaryFloatingPoint & CustomStringConvertible>(_ value: Value) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "Unable to encode \(value) in JSON."))
        }
        writeDescription(value.description)
    }

    /// A floating-point number as Google's JSON writes it: a number, or `"NaN"`, `"Infinity"` or `"-Infinity"`.
    mutating func writeSpecialOrNumber<Value: BinaryFloatingPoint & CustomStringConvertible>(_ value: Value) {
        if value.isNaN {
            append("\"NaN\"")
        } else if value.isInfinite {
            append(value < 0 ? "\"-Infinity\"" : "\"Infinity\"")
        } else {
            writeDescription(value.description)
        }
    }

    /// Swift's description of a number without its `.0`, which is how `JSONEncoder` writes floating-point numbers.
    private mutating func writeDescription(_ description: String) {
        var description = description
        description.withUTF8 { text in
            if text.count > 2, text[text.count - 2] == UInt8(ascii: "."), text[text.count - 1] == UInt8(ascii: "0") {
                append(UnsafeBufferPointer(rebasing: text.dropLast(2)))
            } else {
                append(text)
            }
        }
    }
}

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
