/// A `date`: a day without a time or time zone, sent as `2024-03-08`.
public struct CalendarDate: Codable, Sendable, Hashable, HTTPParameterValue, CustomStringConvertible {
    /// The year, e.g. `2024`.
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day of the month, 1 to 31.
    public var day: Int

    /// A date from its parts; they are not checked, so that any value Google sends can be represented.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; `nil` for anything else, including days that do not exist like `2023-02-29`.
    init?(_ text: String) {
        let parsed: CalendarDate? = withUTF8(of: text) { text in
            var scanner = TextScanner(text)
            guard let year = scanner.integer(digitCount: 4), scanner.consume("-"),
                let month = scanner.integer(digitCount: 2), scanner.consume("-"),
                let day = scanner.integer(digitCount: 2), scanner.isAtEnd,
                isValidCalendarDay(year: year, month: month, day: day)
            else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        }
        guard let parsed else { return nil }
        self = parsed
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        zeroPadded(year, toWidth: 4) + "-" + zeroPadded(month, toWidth: 2) + "-" + zeroPadded(day, toWidth: 2)
    }

    /// `YYYY-MM-DD`, as in JSON.
    public var httpParameterValue: String { description }

    /// Reads `YYYY-MM-DD`; throws `DecodingError.dataCorrupted` for anything else.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "Expected a date like \"2024-03-08\", got \"\(text)\"."
            )
        }
        self = date
    }

    /// Writes `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
