import Foundation

/// Reads JSON text straight from its UTF-8 bytes into the values that ``JSONFormat``s ask for, without building a
/// tree first: each member name is looked up in the type's table and converted in place, and members that no
/// field wants are checked and skipped without building anything.
///
/// It accepts exactly RFC 8259 JSON in UTF-8 (and a leading byte order mark): invalid UTF-8, control characters in
/// strings, lone surrogates, trailing commas, leading zeros and anything after the value are errors that say where
/// they are. Objects and arrays nest at most ``maximumDepth`` deep, as with `JSONDecoder`.
///
/// A value reader starts at the first byte of its value (whitespace already skipped) and stops right after it.
struct JSONReader {
    /// How deep arrays and objects may nest, as with `JSONDecoder`.
    static let maximumDepth = 512

    private let bytes: UnsafePointer<UInt8>
    let count: Int
    /// The position of the next byte to read.
    var index = 0
    private var depth = 0
    /// The lowest address of the stack that reading may use, found when documents nest deep.
    private var stackLimit: UInt?
    /// The layouts of the object types read so far, so that each is fetched from the shared cache once.
    var layouts = ObjectLayoutCache()
    /// The unescaped text of the last string that had escapes.
    private var scratch: [UInt8] = []

    /// A reader of `buffer`, which must outlive it.
    init(_ buffer: UnsafeRawBufferPointer) {
        count = buffer.count
        if let base = buffer.baseAddress, count > 0 {
            bytes = base.assumingMemoryBound(to: UInt8.self)
        } else {
            bytes = JSONReader.emptyBytes
        }
    }

    /// A readable address for an empty buffer, which may have none; never written.
    private nonisolated(unsafe) static let emptyBytes: UnsafePointer<UInt8> = {
        let byte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        byte.initialize(to: 0)
        return UnsafePointer(byte)
    }()

    // MARK: Bytes

    /// The byte at the reading position, or 0 at the end (NUL is never valid there, so it always ends a token).
    @inline(__always) var current: UInt8 { index < count ? bytes[index] : 0 }

    /// The bytes from `start` to the reading position.
    func bytes(from start: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + start, count: index - start)
    }

    @inline(__always) mutating func skipWhitespace() {
        while index < count {
            switch bytes[index] {
            case .space, .newline, .carriageReturn, .tab: index += 1
            default: return
            }
        }
    }

    /// Skips a UTF-8 byte order mark at the start.
    mutating func skipByteOrderMark() {
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    /// Throws unless only whitespace is left.
    mutating func expectEnd() throws {
        skipWhitespace()
        guard index >= count else { throw syntaxError("the end of the data after the value") }
    }

    // MARK: Nesting

    @inline(__always) private mutating func enterContainer() throws {
        depth += 1
        if depth > Self.depthWithoutStackChecks { try checkDepth() }
    }

    /// Up to this depth, a document fits in any thread's stack, and the reader does not check it.
    private static let depthWithoutStackChecks = 48

    /// Throws when containers are nested more than ``maximumDepth`` deep, or so deep that the thread's stack is
    /// nearly used up (threads other than the main one may have as little as 512 KiB of stack, and one level
    /// of a generated struct inside itself can take 2 KiB in an optimized build, 4 KiB in a debug one).
    private mutating func checkDepth() throws {
        if depth > Self.maximumDepth {
            throw JSONReadError(
                .syntax, "Arrays and objects are nested more than \(Self.maximumDepth) deep", offset: index)
        }
        if stackLimit == nil { stackLimit = StackBounds.lowestSafeAddress() }
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        if let stackLimit, here < stackLimit {
            throw JSONReadError(
                .dataCorrupted, "Arrays and objects are nested too deep (\(depth)) for the stack of this thread",
                offset: index)
        }
    }

    @inline(__always) private mutating func exitContainer() {
        depth -= 1
    }

    // MARK: Errors

    /// What the reading position holds, for messages: `a string`, `'}'`, `the end of the data`.
    @inline(never)
    private func describeCurrent() -> String {
        guard index < count else { return "the end of the data" }
        let byte = bytes[index]
        switch byte {
        case .quote: return "a string"
        case .openBrace: return "an object"
        case .openBracket: return "an array"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
        case UInt8(ascii: "t") where startsWith("true"), UInt8(ascii: "f") where startsWith("false"): return "a boolean"
        case UInt8(ascii: "n") where startsWith("null"): return "null"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default: return "byte 0x" + String(byte, radix: 16, uppercase: true)
        }
    }

    private func startsWith(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard count - index >= length else { return false }
        return memcmp(bytes + index, literal.utf8Start, length) == 0
    }

    /// Whether the reading position starts a JSON value.
    private var startsValue: Bool {
        switch current {
        case .quote, .openBrace, .openBracket, UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "t"): startsWith("true")
        case UInt8(ascii: "f"): startsWith("false")
        case UInt8(ascii: "n"): startsWith("null")
        default: false
        }
    }

    /// A JSON syntax error at the reading position: `Expected ',' or '}', found 'x'`.
    @inline(never)
    func syntaxError(_ expected: String) -> JSONReadError {
        JSONReadError(.syntax, "Expected \(expected), found \(describeCurrent())", offset: index)
    }

    /// A value of another type than `type` at the reading position, or a syntax error if there is no value there.
    @inline(never)
    func typeMismatch(_ type: Any.Type, expected: String) -> JSONReadError {
        guard startsValue else { return syntaxError(expected) }
        if current == UInt8(ascii: "n") {
            return JSONReadError(
                .valueNotFound(type), "Expected \(expected), found null", offset: index)
        }
        return JSONReadError(.typeMismatch(type), "Expected \(expected), found \(describeCurrent())", offset: index)
    }

    /// A value that is well-formed JSON but not one of `type`: a number out of range, a malformed timestamp.
    @inline(never)
    func dataCorrupted(_ message: String, at offset: Int) -> JSONReadError {
        JSONReadError(.dataCorrupted, message, offset: offset)
    }

    // MARK: Literals

    /// Reads `null` if it comes next.
    @inline(__always) mutating func readNull() -> Bool {
        guard current == UInt8(ascii: "n"), startsWith("null") else { return false }
        index += 4
        return true
    }

    mutating func readBool() throws -> Bool {
        if current == UInt8(ascii: "t"), startsWith("true") {
            index += 4
            return true
        }
        if current == UInt8(ascii: "f"), startsWith("false") {
            index += 5
            return false
        }
        throw typeMismatch(Bool.self, expected: "a boolean")
    }

    // MARK: Strings

    mutating func readString() throws -> String {
        guard current == .quote else { throw typeMismatch(String.self, expected: "a string") }
        return try withStringBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads the string at the reading position (which must be `"`) and passes its text, unescaped and valid
    /// UTF-8, to `body`. The bytes are valid only during `body`, which must not use the reader.
    @inline(__always)
    mutating func withStringBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) throws -> Result {
        let start = index + 1
        var position = start
        // Most strings are plain ASCII without escapes: their text is a slice of the input.
        while position < count {
            let byte = bytes[position]
            if byte == .quote {
                index = position + 1
                return try body(UnsafeBufferPointer(start: bytes + start, count: position - start))
            }
            if byte == .backslash || byte < 0x20 || byte >= 0x80 { break }
            position += 1
        }
        let hasEscapes = try scanString(from: start, resumingAt: position)
        if hasEscapes {
            return try scratch.withUnsafeBufferPointer { try body($0) }
        }
        return try body(UnsafeBufferPointer(start: bytes + start, count: index - 1 - start))
    }

    /// Checks a string token and skips it, without building its text.
    mutating func skipString() throws {
        let start = index + 1
        var position = start
        while position < count {
            let byte = bytes[position]
            if byte == .quote {
                index = position + 1
                return
            }
            if byte == .backslash || byte < 0x20 || byte >= 0x80 { break }
            position += 1
        }
        _ = try scanString(from: start, resumingAt: position, keepingText: false)
    }

    /// The general case of a string whose text starts at `start`: validates its UTF-8 and escapes from `position`
    /// on, and leaves the reading position after the closing quote. When the string has escapes (and
    /// `keepingText`), its unescaped text is left in `scratch`; says whether it had escapes.
    @inline(never)
    private mutating func scanString(
        from start: Int, resumingAt resume: Int, keepingText: Bool = true
    ) throws -> Bool {
        var position = resume
        var runStart = start
        var hasEscapes = false
        while true {
            guard position < count else {
                throw JSONReadError(.syntax, "Unterminated string", offset: start - 1)
            }
            let byte = bytes[position]
            if byte == .quote { break }
            if byte == .backslash {
                if keepingText {
                    if !hasEscapes { scratch.removeAll(keepingCapacity: true) }
                    scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + runStart, count: position - runStart))
                }
                hasEscapes = true
                position = try readEscape(at: position, keepingText: keepingText)
                runStart = position
            } else if byte < 0x20 {
                throw JSONReadError(
                    .syntax, "Unescaped control character 0x\(String(byte, radix: 16, uppercase: true)) in a string",
                    offset: position)
            } else if byte < 0x80 {
                position += 1
            } else {
                position = try validateUTF8Sequence(at: position)
            }
        }
        if hasEscapes, keepingText {
            scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + runStart, count: position - runStart))
        }
        index = position + 1
        return hasEscapes
    }

    /// Decodes the escape at `position` (a backslash) into `scratch`; returns the position after it.
    private mutating func readEscape(at position: Int, keepingText: Bool) throws -> Int {
        guard position + 1 < count else { throw JSONReadError(.syntax, "Unterminated string", offset: position) }
        let escaped: UInt8
        switch bytes[position + 1] {
        case .quote: escaped = .quote
        case .backslash: escaped = .backslash
        case UInt8(ascii: "/"): escaped = UInt8(ascii: "/")
        case UInt8(ascii: "b"): escaped = 0x08
        case UInt8(ascii: "f"): escaped = 0x0C
        case UInt8(ascii: "n"): escaped = .newline
        case UInt8(ascii: "r"): escaped = .carriageReturn
        case UInt8(ascii: "t"): escaped = .tab
        case UInt8(ascii: "u"):
            var scalar = try hexQuad(at: position + 2)
            var end = position + 6
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low one: together they are one scalar.
                guard end + 1 < count, bytes[end] == .backslash, bytes[end + 1] == UInt8(ascii: "u"),
                    case let low = try hexQuad(at: end + 2), (0xDC00..<0xE000).contains(low)
                else {
                    throw JSONReadError(.syntax, "Unpaired UTF-16 surrogate in a string escape", offset: position)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                end += 6
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw JSONReadError(.syntax, "Unpaired UTF-16 surrogate in a string escape", offset: position)
            }
            if keepingText { appendUTF8(scalar) }
            return end
        default:
            throw JSONReadError(.syntax, "Invalid escape in a string", offset: position)
        }
        if keepingText { scratch.append(escaped) }
        return position + 2
    }

    /// The value of the four hexadecimal digits at `position`.
    private func hexQuad(at position: Int) throws -> UInt32 {
        guard position + 4 <= count else {
            throw JSONReadError(.syntax, "Expected four hexadecimal digits after \\u", offset: position)
        }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[position + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw JSONReadError(.syntax, "Expected four hexadecimal digits after \\u", offset: position + offset)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Checks the multi-byte UTF-8 sequence at `position` (Unicode's table 3-7: no overlong forms, no surrogates,
    /// nothing above U+10FFFF); returns the position after it.
    private func validateUTF8Sequence(at position: Int) throws -> Int {
        let lead = bytes[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, secondRange) = (3, 0x80...0x9F)
        case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
        default: throw invalidUTF8(at: position)
        }
        guard position + length <= count, secondRange.contains(bytes[position + 1]) else {
            throw invalidUTF8(at: position)
        }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[position + offset]) {
            throw invalidUTF8(at: position)
        }
        return position + length
    }

    private func invalidUTF8(at position: Int) -> JSONReadError {
        JSONReadError(
            .syntax, "Invalid UTF-8 (byte 0x\(String(bytes[position], radix: 16, uppercase: true))) in a string",
            offset: position)
    }

    // MARK: Numbers

    /// Checks the number at the reading position against JSON's grammar and skips it; says whether it is an
    /// integer (no fraction or exponent) and whether any of its digits is not zero.
    mutating func scanNumber() throws -> (isInteger: Bool, isZero: Bool) {
        var position = index
        var isInteger = true
        var isZero = true
        if position < count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < count, bytes[position].isDigit else {
            index = position
            throw syntaxError("a digit")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            isZero = false
            while position < count, bytes[position].isDigit { position += 1 }
        }
        if position < count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < count, bytes[position].isDigit else {
                index = position
                throw syntaxError("a digit after the decimal point")
            }
            while position < count, bytes[position].isDigit {
                if bytes[position] != UInt8(ascii: "0") { isZero = false }
                position += 1
            }
        }
        if position < count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < count, bytes[position].isDigit else {
                index = position
                throw syntaxError("a digit in the exponent")
            }
            while position < count, bytes[position].isDigit { position += 1 }
        }
        index = position
        return (isInteger, isZero)
    }

    /// Reads a number as `JSONDecoder` reads integers: digits exactly, and a number with a fraction or exponent
    /// when it is a whole number that `Integer` holds (`1.0`, `1e2`).
    @inline(__always)
    mutating func readInteger<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer {
        let start = index
        guard let value = try readIntegerIfFits(type) else {
            throw dataCorrupted("The number \(text(from: start)) does not fit in \(Integer.self)", at: start)
        }
        return value
    }

    /// Reads a number as ``readInteger(_:)`` does, but returns `nil` (having read it) when it does not fit.
    @inline(__always)
    mutating func readIntegerIfFits<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer? {
        let start = index
        guard current == UInt8(ascii: "-") || current.isDigit else {
            throw typeMismatch(Integer.self, expected: "a number")
        }
        let (isInteger, _) = try scanNumber()
        if isInteger {
            // Digits only: accumulated with overflow checks, negatively for negative numbers so that the minimum fits.
            var position = start
            let isNegative = bytes[position] == UInt8(ascii: "-")
            if isNegative { position += 1 }
            var value: Integer = 0
            var overflowed = false
            while position < index {
                let digit = Integer(bytes[position] &- UInt8(ascii: "0"))
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (next, overflow2) =
                    isNegative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
                overflowed = overflowed || overflow1 || overflow2
                value = next
                position += 1
            }
            if !overflowed { return value }
        }
        return Self.integerSlowPath(bytes(from: start), as: Integer.self)
    }

    /// A number with a fraction or an exponent, or too large, as `JSONDecoder` reads it as an integer: through the
    /// nearest `Double` when that is a whole number that `Integer` holds and below 2⁵³, else as `Foundation`'s
    /// `Decimal` parses it (38 digits at most) and converts it to an integer (dropping what follows the point).
    @inline(never)
    static func integerSlowPath<Integer: FixedWidthInteger>(
        _ text: UnsafeBufferPointer<UInt8>, as type: Integer.Type
    ) -> Integer? {
        guard let double = Double(String(decoding: text, as: UTF8.self)), let value = Integer(exactly: double) else {
            return nil
        }
        if double.magnitude < 0x1p53 { return value }
        return decimalInteger(text, as: Integer.self)
    }

    /// What `Decimal`'s parser and `JSONDecoder`'s conversion of a `Decimal` to an integer make of a JSON number: a
    /// mantissa of the digits that fit in 128 bits (integer digits beyond them raise the exponent, fraction digits
    /// beyond them are dropped), without its trailing zeros, which must fit in 64 bits; then scaled by the exponent,
    /// dividing (and truncating) or multiplying (and overflowing) by ten at a time.
    private static func decimalInteger<Integer: FixedWidthInteger>(
        _ text: UnsafeBufferPointer<UInt8>, as type: Integer.Type
    ) -> Integer? {
        var position = 0
        let isNegative = text[0] == UInt8(ascii: "-")
        if isNegative { position = 1 }
        var mantissa = (high: UInt64(0), low: UInt64(0))
        var exponent = 0
        var isFull = false
        /// Appends a digit to the 128-bit mantissa; false when it would not fit.
        func append(_ digit: UInt64) -> Bool {
            let low = mantissa.low.multipliedFullWidth(by: 10)
            let (high, highOverflow) = mantissa.high.multipliedReportingOverflow(by: 10)
            let (high2, carryOverflow) = high.addingReportingOverflow(low.high)
            let (newLow, lowCarry) = low.low.addingReportingOverflow(digit)
            let (high3, lastOverflow) = high2.addingReportingOverflow(lowCarry ? 1 : 0)
            guard !highOverflow, !carryOverflow, !lastOverflow else { return false }
            mantissa = (high3, newLow)
            return true
        }
        while position < text.count, text[position].isDigit {
            if isFull || !append(UInt64(text[position] &- UInt8(ascii: "0"))) {
                isFull = true
                exponent += 1
            }
            position += 1
        }
        if position < text.count, text[position] == UInt8(ascii: ".") {
            position += 1
            while position < text.count, text[position].isDigit {
                if !isFull {
                    if append(UInt64(text[position] &- UInt8(ascii: "0"))) {
                        exponent -= 1
                    } else {
                        isFull = true
                    }
                }
                position += 1
            }
        }
        if position < text.count {  // The exponent.
            position += 1
            var isExponentNegative = false
            if text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "+") {
                isExponentNegative = text[position] == UInt8(ascii: "-")
                position += 1
            }
            var written = 0
            while position < text.count {
                written = written * 10 + Int(text[position] &- UInt8(ascii: "0"))
                if written > 2 * Int(Int8.max) { return nil }
                position += 1
            }
            exponent += isExponentNegative ? -written : written
        }
        guard (Int(Int8.min)...Int(Int8.max)).contains(exponent) else { return nil }
        // Compacted: no trailing zeros. Then the 64-bit conversion.
        while mantissa != (0, 0) {
            let (highQuotient, highRemainder) = mantissa.high.quotientAndRemainder(dividingBy: 10)
            let (lowQuotient, remainder) = (10 as UInt64).dividingFullWidth((highRemainder, mantissa.low))
            guard remainder == 0 else { break }
            mantissa = (highQuotient, lowQuotient)
            exponent += 1
        }
        guard mantissa.high == 0 else { return nil }
        var magnitude = mantissa.low
        if exponent < 0 {
            for _ in 0..<(-exponent) { magnitude /= 10 }
        } else {
            for _ in 0..<exponent {
                let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                magnitude = product
            }
        }
        if isNegative && !Integer.isSigned { return nil }
        guard let value = Integer(exactly: magnitude) else { return nil }
        return isNegative ? 0 - value : value
    }

    mutating func readDouble() throws -> Double {
        let start = index
        guard current == UInt8(ascii: "-") || current.isDigit else {
            throw typeMismatch(Double.self, expected: "a number")
        }
        let (_, isZero) = try scanNumber()
        guard let value = Self.double(bytes(from: start), isZero: isZero) else {
            throw dataCorrupted("The number \(text(from: start)) does not fit in Double", at: start)
        }
        return value
    }

    mutating func readFloat() throws -> Float {
        let start = index
        guard current == UInt8(ascii: "-") || current.isDigit else {
            throw typeMismatch(Float.self, expected: "a number")
        }
        let (_, isZero) = try scanNumber()
        guard let value = Self.float(bytes(from: start), isZero: isZero) else {
            throw dataCorrupted("The number \(text(from: start)) does not fit in Float", at: start)
        }
        return value
    }

    /// The text from `start` to the reading position.
    func text(from start: Int) -> String {
        String(decoding: bytes(from: start), as: UTF8.self)
    }

    /// The `Double` nearest to a JSON number, or `nil` when it is too large, or so small that it would round to
    /// zero although a digit is not (as `JSONDecoder` refuses them).
    static func double(_ text: UnsafeBufferPointer<UInt8>, isZero: Bool) -> Double? {
        if let exact = exactDouble(text) { return exact }
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite, value != 0 || isZero
        else { return nil }
        return value
    }

    /// The `Float` nearest to a JSON number, or `nil` as for ``double(_:isZero:)``.
    static func float(_ text: UnsafeBufferPointer<UInt8>, isZero: Bool) -> Float? {
        guard let value = Float(String(decoding: text, as: UTF8.self)), value.isFinite, value != 0 || isZero
        else { return nil }
        return value
    }

    /// Clinger's fast path: a number whose digits fit in 53 bits, scaled by a power of ten that a `Double` holds
    /// exactly, is one correctly rounded multiplication or division away. `nil` for any other number.
    private static func exactDouble(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var position = 0
        let isNegative = text.first == UInt8(ascii: "-")
        if isNegative { position = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        while position < text.count, case let digit = text[position] &- UInt8(ascii: "0"), digit < 10 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            if mantissa != 0 { digits += 1 }
            position += 1
        }
        if position < text.count, text[position] == UInt8(ascii: ".") {
            position += 1
            while position < text.count, case let digit = text[position] &- UInt8(ascii: "0"), digit < 10 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                if mantissa != 0 { digits += 1 }
                exponent -= 1
                position += 1
            }
        }
        if position < text.count {  // An exponent.
            position += 1
            var exponentIsNegative = false
            if text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "+") {
                exponentIsNegative = text[position] == UInt8(ascii: "-")
                position += 1
            }
            var written = 0
            while position < text.count {
                written = written * 10 + Int(text[position] &- UInt8(ascii: "0"))
                if written > 1000 { return nil }
                position += 1
            }
            exponent += exponentIsNegative ? -written : written
        }
        guard digits <= 15, mantissa < 1 << 53 else { return nil }
        var value = Double(mantissa)
        if mantissa != 0 {
            guard (-22...22).contains(exponent) else { return nil }
            if exponent < 0 {
                value /= powersOfTen[-exponent]
            } else {
                value *= powersOfTen[exponent]
            }
        }
        return isNegative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }

    // MARK: Skipping

    /// Checks the value at the reading position and skips it without building anything.
    mutating func skipValue() throws {
        switch current {
        case .quote:
            try skipString()
        case .openBrace:
            try enterContainer()
            index += 1
            skipWhitespace()
            if current == .closeBrace {
                index += 1
            } else {
                while true {
                    guard current == .quote else { throw syntaxError("a member name") }
                    try skipString()
                    skipWhitespace()
                    guard current == .colon else { throw syntaxError("':'") }
                    index += 1
                    skipWhitespace()
                    try skipValue()
                    skipWhitespace()
                    if current == .comma {
                        index += 1
                        skipWhitespace()
                    } else if current == .closeBrace {
                        index += 1
                        break
                    } else {
                        throw syntaxError("',' or '}'")
                    }
                }
            }
            exitContainer()
        case .openBracket:
            try enterContainer()
            index += 1
            skipWhitespace()
            if current == .closeBracket {
                index += 1
            } else {
                while true {
                    try skipValue()
                    skipWhitespace()
                    if current == .comma {
                        index += 1
                        skipWhitespace()
                    } else if current == .closeBracket {
                        index += 1
                        break
                    } else {
                        throw syntaxError("',' or ']'")
                    }
                }
            }
            exitContainer()
        case UInt8(ascii: "t") where startsWith("true"):
            index += 4
        case UInt8(ascii: "f") where startsWith("false"):
            index += 5
        case UInt8(ascii: "n") where startsWith("null"):
            index += 4
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try scanNumber()
        default:
            throw syntaxError("a value")
        }
    }

    // MARK: Containers

    /// Reads an array, each element with `Element`.
    mutating func readArray<Element: JSONFormat>(_ element: Element.Type) throws -> [Element.Value] {
        guard current == .openBracket else { throw typeMismatch([Element.Value].self, expected: "an array") }
        try enterContainer()
        index += 1
        skipWhitespace()
        var result: [Element.Value] = []
        if current == .closeBracket {
            index += 1
            exitContainer()
            return result
        }
        while true {
            do {
                result.append(try Element.read(&self))
            } catch {
                throw Self.error(error, inElement: result.count)
            }
            skipWhitespace()
            if current == .comma {
                index += 1
                skipWhitespace()
            } else if current == .closeBracket {
                index += 1
                exitContainer()
                return result
            } else {
                throw syntaxError("',' or ']'")
            }
        }
    }

    /// Reads an object as a dictionary, each value with `Element`. When a name repeats, the first member wins, as
    /// with `JSONDecoder`.
    mutating func readDictionary<Element: JSONFormat>(
        _ element: Element.Type
    ) throws -> [String: Element.Value] {
        guard current == .openBrace else {
            throw typeMismatch([String: Element.Value].self, expected: "an object")
        }
        try enterContainer()
        index += 1
        skipWhitespace()
        var result: [String: Element.Value] = [:]
        if current == .closeBrace {
            index += 1
            exitContainer()
            return result
        }
        while true {
            guard current == .quote else { throw syntaxError("a member name") }
            let key = try withStringBytes { String(decoding: $0, as: UTF8.self) }
            skipWhitespace()
            guard current == .colon else { throw syntaxError("':'") }
            index += 1
            skipWhitespace()
            if result[key] == nil {
                do {
                    result[key] = try Element.read(&self)
                } catch {
                    throw Self.error(error, inMember: key)
                }
            } else {
                try skipValue()
            }
            skipWhitespace()
            if current == .comma {
                index += 1
                skipWhitespace()
            } else if current == .closeBrace {
                index += 1
                exitContainer()
                return result
            } else {
                throw syntaxError("',' or '}'")
            }
        }
    }

    /// Reads an object into a generated struct: each member is looked up in the struct's table and read into its
    /// field in place; members the table does not name are skipped. When a name repeats, the first member wins,
    /// as with `JSONDecoder`; `null` leaves a field `nil`.
    mutating func readObject<Object: JSONObject>(_ type: Object.Type) throws -> Object {
        guard current == .openBrace else { throw typeMismatch(Object.self, expected: "an object") }
        let layout = layouts.layout(of: Object.self)
        try enterContainer()
        index += 1
        skipWhitespace()
        var object = Object()
        if current == .closeBrace {
            index += 1
            exitContainer()
            return object
        }
        try withUnsafeMutablePointer(to: &object) { pointer in
            let storage = UnsafeMutableRawPointer(pointer)
            var seen = SeenFields(count: layout.count)
            while true {
                guard current == .quote else { throw syntaxError("a member name") }
                let field = try withStringBytes { layout.field(named: $0) }
                skipWhitespace()
                guard current == .colon else { throw syntaxError("':'") }
                index += 1
                skipWhitespace()
                if field >= 0, seen.insert(field) {
                    if !readNull() {
                        do {
                            try layout.readers[field](storage, &self)
                        } catch {
                            throw Self.error(error, inMember: layout.names[field])
                        }
                    }
                } else {
                    try skipValue()
                }
                skipWhitespace()
                if current == .comma {
                    index += 1
                    skipWhitespace()
                } else if current == .closeBrace {
                    index += 1
                    return
                } else {
                    throw syntaxError("',' or '}'")
                }
            }
        }
        exitContainer()
        return object
    }

    /// The error of a member's value, with the member's name added to its path.
    @inline(never)
    private static func error(_ error: any Error, inMember name: String) -> any Error {
        guard var error = error as? JSONReadError else { return error }
        error.path.append(JSONKey(name))
        return error
    }

    /// The error of an array's element, with its index added to its path.
    @inline(never)
    private static func error(_ error: any Error, inElement index: Int) -> any Error {
        guard var error = error as? JSONReadError else { return error }
        error.path.append(JSONIndexKey(index))
        return error
    }

    /// Reads any JSON value, as `JSONValue`'s `Decodable` conformance does through `JSONDecoder`: a number is an
    /// `integer` when `JSONDecoder` would read it as an `Int64` (`1.0` too), else a `number`.
    mutating func readJSONValue() throws -> JSONValue {
        switch current {
        case .quote:
            return .string(try readString())
        case .openBracket:
            return .array(try readArray(JSONValueFormat.self))
        case .openBrace:
            return .object(try readDictionary(JSONValueFormat.self))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = index
            if let integer = try readIntegerIfFits(Int64.self) { return .integer(integer) }
            index = start
            return .number(try readDouble())
        case UInt8(ascii: "t") where startsWith("true"), UInt8(ascii: "f") where startsWith("false"):
            return .bool(try readBool())
        default:
            if readNull() { return .null }
            throw syntaxError("a value")
        }
    }
}

/// Which fields of an object have been read, so that a repeated member name is skipped.
private struct SeenFields {
    private var first: UInt64 = 0
    private var more: [UInt64]

    init(count: Int) {
        more = count > 64 ? Array(repeating: 0, count: (count - 1) / 64) : []
    }

    /// Marks the field; false if it was marked already.
    @inline(__always) mutating func insert(_ field: Int) -> Bool {
        if field < 64 {
            let bit: UInt64 = 1 << UInt64(field)
            defer { first |= bit }
            return first & bit == 0
        }
        let word = field / 64 - 1
        let bit: UInt64 = 1 << UInt64(field % 64)
        defer { more[word] |= bit }
        return more[word] & bit == 0
    }
}

/// Why the direct reader stopped, where, and in which member; ``JSONCoding`` turns it into a `DecodingError`.
struct JSONReadError: Error {
    enum Kind {
        /// Not JSON: a syntax error, invalid UTF-8, nesting too deep.
        case syntax
        /// A value of another type.
        case typeMismatch(Any.Type)
        /// `null` where a value must be.
        case valueNotFound(Any.Type)
        /// A value of the right type that does not convert: a number out of range, a malformed timestamp.
        case dataCorrupted
    }

    var kind: Kind
    var message: String
    /// The byte offset in the document.
    var offset: Int
    /// The members and elements from the value that failed out to the document, innermost first.
    var path: [any CodingKey] = []

    init(_ kind: Kind, _ message: String, offset: Int) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }
}

/// An array index in a coding path, as `JSONDecoder` names it (`Index 3`).
struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

extension UInt8 {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let space = UInt8(ascii: " ")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let tab = UInt8(ascii: "\t")

    @inline(__always) var isDigit: Bool { self &- UInt8(ascii: "0") < 10 }
}

/// Where the current thread's stack ends.
enum StackBounds {
    /// What the reader leaves free below it: room for the deepest level's own calls (decoding a string, a fallback
    /// through `JSONDecoder`), and for the error to be thrown.
    static let reserve: UInt = 128 * 1024

    /// The address below which the reader stops, `reserve` above the end of the current thread's stack (stacks
    /// grow down); `nil` when it cannot be found.
    static func lowestSafeAddress() -> UInt? {
        #if canImport(Darwin)
            let thread = pthread_self()
            let top = UInt(bitPattern: pthread_get_stackaddr_np(thread))
            let size = UInt(pthread_get_stacksize_np(thread))
            return top - size + reserve
        #elseif canImport(Glibc) || canImport(Musl)
            var attributes = pthread_attr_t()
            guard getThreadAttributes(pthread_self(), &attributes) == 0 else { return nil }
            defer { pthread_attr_destroy(&attributes) }
            var address: UnsafeMutableRawPointer?
            var size = 0
            guard pthread_attr_getstack(&attributes, &address, &size) == 0, let address else { return nil }
            return UInt(bitPattern: address) + reserve
        #else
            return nil
        #endif
    }
}

#if canImport(Glibc) || canImport(Musl)
    /// glibc's and musl's `pthread_getattr_np`, which their Swift modules leave out (it is a GNU extension).
    @_silgen_name("pthread_getattr_np")
    private func getThreadAttributes(_ thread: pthread_t, _ attributes: UnsafeMutablePointer<pthread_attr_t>) -> Int32
#endif
