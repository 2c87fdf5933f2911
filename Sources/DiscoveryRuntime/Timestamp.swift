import Foundation

/// A point in time with nanosecond precision: Google's `google-datetime`, protobuf's `Timestamp`.
///
/// `Date` holds a `Double` of seconds, which today keeps only about a tenth of a microsecond: the nanoseconds of
/// Cloud Logging and the microseconds of Firestore would change when a value is read and written back. A
/// `Timestamp` keeps every digit it is given; ``date`` and ``init(_:)`` convert from and to `Date`.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z, negative before.
    public private(set) var seconds: Int64
    /// The fraction of the second, in nanoseconds: 0 to 999,999,999.
    public private(set) var nanoseconds: Int32

    /// The time `seconds` and `nanoseconds` after 1970-01-01T00:00:00Z; nanoseconds out of 0..<10⁹ carry into
    /// the seconds.
    public init(seconds: Int64, nanoseconds: Int64 = 0) {
        let carry = nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds + 1) / 1_000_000_000 - 1
        self.seconds = seconds + carry
        self.nanoseconds = Int32(nanoseconds - carry * 1_000_000_000)
    }

    /// The same time as `date`, to the nanosecond nearest to what the `Double` holds. Dates beyond a million
    /// years either side of 1970 (and a NaN date, as 1970) are clamped there.
    public init(_ date: Date) {
        let interval = date.timeIntervalSince1970.isNaN ? 0 : date.timeIntervalSince1970
        let limit = 3.2e13
        let clamped = Double.minimum(Double.maximum(interval, -limit), limit)
        let wholeSeconds = clamped.rounded(.down)
        let nanoseconds = ((clamped - wholeSeconds) * 1e9).rounded()
        self.init(seconds: Int64(wholeSeconds), nanoseconds: Int64(nanoseconds))
    }

    /// The current time.
    public static var now: Timestamp { Timestamp(Date()) }

    /// The time as a `Date`, which rounds it to what a `Double` of seconds holds.
    public var date: Date {
        Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
    }

    /// RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits, as protobuf's JSON mapping writes it:
    /// `2024-05-01T12:00:00.120Z`. Times outside the years 1 to 9999, which RFC 3339 cannot write, are clamped to
    /// that range.
    public var description: String { RFC3339.string(self) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    /// The time `duration` later, to the nanosecond.
    public static func + (timestamp: Timestamp, duration: Duration) -> Timestamp {
        let (seconds, attoseconds) = duration.components
        return Timestamp(
            seconds: timestamp.seconds + seconds,
            nanoseconds: Int64(timestamp.nanoseconds) + attoseconds / 1_000_000_000)
    }

    /// The time `duration` earlier, to the nanosecond.
    public static func - (timestamp: Timestamp, duration: Duration) -> Timestamp {
        timestamp + (.zero - duration)
    }

    /// The time from `rhs` to `lhs`.
    public static func - (lhs: Timestamp, rhs: Timestamp) -> Duration {
        .seconds(lhs.seconds - rhs.seconds) + .nanoseconds(Int64(lhs.nanoseconds) - Int64(rhs.nanoseconds))
    }
}

extension Timestamp: JSONWireConvertible, Codable {
    /// Reads RFC 3339 with 0 to 9 fractional digits and `Z` or an offset.
    public init(jsonWire: String) throws {
        guard let timestamp = RFC3339.timestamp(from: jsonWire) else {
            throw wireFormatError(
                "Expected an RFC 3339 timestamp like \"2024-01-02T03:04:05.678Z\", got \"\(jsonWire)\".")
        }
        self = timestamp
    }

    /// The ``description``.
    public var jsonWire: String { description }

    /// Reads the JSON string.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(jsonWire: text)
        } catch DecodingError.dataCorrupted(let context) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: context.debugDescription))
        }
    }

    /// Writes the JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(jsonWire)
    }
}

/// RFC 3339 timestamps (`google-datetime`), converted by hand so that every platform reads 0 to 9 fractional
/// digits and any offset the same way.
enum RFC3339 {
    /// Parses `2024-01-02T03:04:05.123456789+05:30`: 0 to 9 fractional digits, `Z` or an offset.
    static func timestamp(from text: String) -> Timestamp? {
        withUTF8(of: text) { timestamp(utf8: $0) }
    }

    /// Parses the UTF-8 of a timestamp, as ``timestamp(from:)``; the JSON reader passes a string's bytes.
    static func timestamp(utf8 text: UnsafeBufferPointer<UInt8>) -> Timestamp? {
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
        return Timestamp(seconds: Int64(secondsSince1970), nanoseconds: Int64(nanoseconds))
    }

    /// Writes `2024-01-02T03:04:05.500Z`: UTC, with 0, 3, 6 or 9 fractional digits; clamped to the years 1 to 9999.
    static func string(_ timestamp: Timestamp) -> String {
        withText(of: timestamp) { String(decoding: $0, as: UTF8.self) }
    }

    /// Passes the UTF-8 of ``string(_:)`` to `body`, without building a `String`.
    static func withText<Result>(of timestamp: Timestamp, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let clamped = min(max(timestamp, earliest), latest)
        let seconds = Int(clamped.seconds)
        let days = floorDivision(seconds, 86400)
        let secondOfDay = seconds - days * 86400
        let (year, month, day) = civilDate(daysSince1970: days)
        // `2024-01-02T03:04:05.123456789Z` is 30 bytes.
        var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &storage) { raw in
            let text = raw.bindMemory(to: UInt8.self)
            var length = 0
            func put(_ value: Int, digits: Int) {
                var value = value
                for position in stride(from: length + digits - 1, through: length, by: -1) {
                    text[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                length += digits
            }
            func put(_ character: Unicode.Scalar) {
                text[length] = UInt8(ascii: character)
                length += 1
            }
            put(year, digits: 4)
            put("-")
            put(month, digits: 2)
            put("-")
            put(day, digits: 2)
            put("T")
            put(secondOfDay / 3600, digits: 2)
            put(":")
            put(secondOfDay / 60 % 60, digits: 2)
            put(":")
            put(secondOfDay % 60, digits: 2)
            let nanoseconds = Int(clamped.nanoseconds)
            if nanoseconds != 0 {
                put(".")
                if nanoseconds % 1_000_000 == 0 {
                    put(nanoseconds / 1_000_000, digits: 3)
                } else if nanoseconds % 1000 == 0 {
                    put(nanoseconds / 1000, digits: 6)
                } else {
                    put(nanoseconds, digits: 9)
                }
            }
            put("Z")
            return body(UnsafeBufferPointer(start: text.baseAddress, count: length))
        }
    }

    /// `0001-01-01T00:00:00Z` and `9999-12-31T23:59:59.999999999Z`.
    private static let earliest = Timestamp(seconds: Int64(daysSince1970(year: 1, month: 1, day: 1) * 86400))
    static let latest = Timestamp(
        seconds: Int64(daysSince1970(year: 10000, month: 1, day: 1) * 86400) - 1, nanoseconds: 999_999_999)

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
