/// Reads the fixed-shape ASCII text of Google's JSON formats (timestamps, durations, dates) front to back, from its
/// UTF-8 bytes (the JSON reader passes a string's bytes without making a `String`).
struct TextScanner {
    private let text: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ text: UnsafeBufferPointer<UInt8>) {
        self.text = text
    }

    var isAtEnd: Bool { position == text.count }

    /// Consumes `character` if it comes next.
    mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard position < text.count, text[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    /// Consumes the run of ASCII digits that comes next and returns its value and length; `nil` if there is none
    /// or its value does not fit in an `Int64`.
    mutating func digits() -> (value: Int64, count: Int)? {
        let start = position
        var value: Int64 = 0
        var overflowed = false
        while position < text.count, case let digit = text[position] &- UInt8(ascii: "0"), digit < 10 {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.addingReportingOverflow(Int64(digit))
            overflowed = overflowed || overflow1 || overflow2
            value = next
            position += 1
        }
        let count = position - start
        return count == 0 || overflowed ? nil : (value, count)
    }

    /// Consumes exactly `count` digits (no more follow) and returns their value.
    mutating func integer(digitCount count: Int) -> Int? {
        guard let run = digits(), run.count == count else { return nil }
        return Int(run.value)
    }

    /// Consumes 1 to 9 fractional digits and returns them as nanoseconds (`5` is 500,000,000).
    mutating func fractionNanoseconds() -> Int? {
        guard let run = digits(), run.count <= 9 else { return nil }
        var value = Int(run.value)
        for _ in run.count..<9 { value *= 10 }
        return value
    }
}

/// Runs `body` on the UTF-8 of `text`.
func withUTF8<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    var text = text
    return text.withUTF8(body)
}

/// `value` in decimal, with leading zeros up to `width` digits.
func zeroPadded(_ value: Int, toWidth width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// A fraction of a second as protobuf's JSON mapping writes timestamps and durations: nothing when it is zero, else
/// 3, 6 or 9 digits, as few as hold it (`.100` for 100 ms, `.000001` for 1 µs, `.000000001` for 1 ns).
func canonicalFraction(nanoseconds: Int) -> String {
    switch nanoseconds {
    case 0: ""
    case _ where nanoseconds % 1_000_000 == 0: "." + zeroPadded(nanoseconds / 1_000_000, toWidth: 3)
    case _ where nanoseconds % 1000 == 0: "." + zeroPadded(nanoseconds / 1000, toWidth: 6)
    default: "." + zeroPadded(nanoseconds, toWidth: 9)
    }
}

/// Whether year-month-day names a day of the proleptic Gregorian calendar (no February 30).
func isValidCalendarDay(year: Int, month: Int, day: Int) -> Bool {
    guard (1...12).contains(month) else { return false }
    let isLeapYear = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let daysInMonth = [31, isLeapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return (1...daysInMonth[month - 1]).contains(day)
}
