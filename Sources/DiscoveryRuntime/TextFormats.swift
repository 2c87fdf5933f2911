/// Reads the fixed-shape ASCII text of Google's JSON formats (timestamps, durations, dates) front to back.
struct TextScanner {
    private var remaining: Substring.UTF8View

    init(_ text: String) {
        remaining = text[...].utf8
    }

    var isAtEnd: Bool { remaining.isEmpty }

    /// Consumes `character` if it comes next.
    mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard remaining.first == UInt8(ascii: character) else { return false }
        remaining.removeFirst()
        return true
    }

    /// Consumes the run of ASCII digits that comes next; `nil` if there is none.
    mutating func digits() -> Substring? {
        let run = remaining.prefix { UInt8(ascii: "0")...UInt8(ascii: "9") ~= $0 }
        guard !run.isEmpty else { return nil }
        remaining.removeFirst(run.count)
        return Substring(run)
    }

    /// Consumes exactly `count` digits (no more follow) and returns their value.
    mutating func integer(digitCount count: Int) -> Int? {
        guard let run = digits(), run.count == count else { return nil }
        return Int(run)
    }

    /// Consumes 1 to 9 fractional digits and returns them as nanoseconds (`5` is 500,000,000).
    mutating func fractionNanoseconds() -> Int? {
        guard let run = digits(), run.count <= 9, let value = Int(run) else { return nil }
        return value * powerOfTen(9 - run.count)
    }
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

private func powerOfTen(_ exponent: Int) -> Int {
    (0..<exponent).reduce(1) { result, _ in result * 10 }
}
