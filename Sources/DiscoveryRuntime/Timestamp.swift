import Foundation

/// RFC 3339 timestamps (`google-datetime`), converted by hand so that every platform reads
/// 0 to 9 fractional digits and any offset the same way.
enum RFC3339 {
    /// Parses `2024-01-02T03:04:05.123456789+05:30`: 0 to 9 fractional digits, `Z` or an offset.
    static func date(from text: String) -> Date? {
        var scanner = TextScanner(text)
        guard let year = scanner.integer(digitCount: 4), scanner.consume("-"),
            let month = scanner.integer(digitCount: 2), scanner.consume("-"),
            let day = scanner.integer(digitCount: 2), scanner.consume("T") || scanner.consume("t"),
            let hour = scanner.integer(digitCount: 2), scanner.consume(":"),
            let minute = scanner.integer(digitCount: 2), scanner.consume(":"),
            let second = scanner.integer(digitCount: 2)
        else { return nil }

        var nanoseconds = 0
        if scanner.consume(".") {
            guard let fraction = scanner.fractionNanoseconds() else { return nil }
            nanoseconds = fraction
        }

        guard let offsetSeconds = offsetSeconds(&scanner), scanner.isAtEnd,
            isValidCalendarDay(year: year, month: month, day: day),
            hour < 24, minute < 60, second < 60
        else { return nil }

        let secondOfDay = hour * 3600 + minute * 60 + second
        let secondsSince1970 = daysSince1970(year: year, month: month, day: day) * 86400 + secondOfDay - offsetSeconds
        return Date(timeIntervalSince1970: Double(secondsSince1970) + Double(nanoseconds) / 1e9)
    }

    /// Writes `2024-01-02T03:04:05.5Z`: UTC, milliseconds without trailing zeros, none when zero.
    ///
    /// Dates outside the years 1 to 9999, which RFC 3339 cannot write, are clamped to that range.
    static func string(from date: Date) -> String {
        let clampedSeconds = Double.minimum(Double.maximum(date.timeIntervalSince1970, earliestSeconds), latestSeconds)
        let milliseconds = Int((clampedSeconds * 1000).rounded())
        let seconds = floorDivision(milliseconds, 1000)
        let days = floorDivision(seconds, 86400)
        let secondOfDay = seconds - days * 86400
        let (year, month, day) = civilDate(daysSince1970: days)
        return zeroPadded(year, toWidth: 4) + "-" + zeroPadded(month, toWidth: 2) + "-" + zeroPadded(day, toWidth: 2)
            + "T" + zeroPadded(secondOfDay / 3600, toWidth: 2) + ":" + zeroPadded(secondOfDay / 60 % 60, toWidth: 2)
            + ":" + zeroPadded(secondOfDay % 60, toWidth: 2)
            + fractionText(milliseconds - seconds * 1000, digitCount: 3) + "Z"
    }

    /// `0001-01-01T00:00:00Z` and `9999-12-31T23:59:59.999Z`.
    private static let earliestSeconds = Double(daysSince1970(year: 1, month: 1, day: 1) * 86400)
    private static let latestSeconds = Double(daysSince1970(year: 10000, month: 1, day: 1) * 86400) - 0.001

    /// Reads `Z` (UTC) or `+hh:mm` / `-hh:mm`, returning how far local time is ahead of UTC.
    private static func offsetSeconds(_ scanner: inout TextScanner) -> Int? {
        if scanner.consume("Z") || scanner.consume("z") { return 0 }
        let sign: Int
        if scanner.consume("+") {
            sign = 1
        } else if scanner.consume("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = scanner.integer(digitCount: 2), scanner.consume(":"),
            let minutes = scanner.integer(digitCount: 2), hours < 24, minutes < 60
        else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}

// Days from and to civil dates in the proleptic Gregorian calendar, after Howard Hinnant's
// "chrono-Compatible Low-Level Date Algorithms". Calendar is avoided because it switches to
// the Julian calendar before 1582, which RFC 3339 does not.

/// The number of days from 1970-01-01 to the given date (negative before it).
private func daysSince1970(year: Int, month: Int, day: Int) -> Int {
    // Count years from March, so that the leap day is the last day of the year.
    let marchBasedYear = month <= 2 ? year - 1 : year
    let era = floorDivision(marchBasedYear, 400)
    let yearOfEra = marchBasedYear - era * 400
    let marchBasedMonth = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * marchBasedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

/// The date `days` days after 1970-01-01.
private func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
    let daysSinceMarch0000 = days + 719_468
    let era = floorDivision(daysSinceMarch0000, 146_097)
    let dayOfEra = daysSinceMarch0000 - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let marchBasedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * marchBasedMonth + 2) / 5 + 1
    let month = marchBasedMonth < 10 ? marchBasedMonth + 3 : marchBasedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
}

/// Division that rounds towards negative infinity, so that times before 1970 split into days correctly.
private func floorDivision(_ dividend: Int, _ divisor: Int) -> Int {
    let quotient = dividend / divisor
    return dividend % divisor < 0 ? quotient - 1 : quotient
}
