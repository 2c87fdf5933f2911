import DiscoveryRuntime
import Foundation
import Testing

/// A struct written the way generated code writes fields whose JSON form differs from their Codable form.
private struct WireSample: Codable, Equatable {
    var count: Int64?
    var total: UInt64?
    var created: Date?
    var payload: Data?
    var timeout: Duration?
    var ids: [Int64]?
    var timesByName: [String: Date]?
    var required: Int64 = 0

    enum CodingKeys: String, CodingKey {
        case count, total, created, payload, timeout, ids, timesByName, required
    }

    init(
        count: Int64? = nil,
        total: UInt64? = nil,
        created: Date? = nil,
        payload: Data? = nil,
        timeout: Duration? = nil,
        ids: [Int64]? = nil,
        timesByName: [String: Date]? = nil,
        required: Int64 = 0
    ) {
        self.count = count
        self.total = total
        self.created = created
        self.payload = payload
        self.timeout = timeout
        self.ids = ids
        self.timesByName = timesByName
        self.required = required
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        count = try container.decodeWireIfPresent(Int64.self, forKey: .count)
        total = try container.decodeWireIfPresent(UInt64.self, forKey: .total)
        created = try container.decodeWireIfPresent(Date.self, forKey: .created)
        payload = try container.decodeWireIfPresent(Data.self, forKey: .payload)
        timeout = try container.decodeWireIfPresent(Duration.self, forKey: .timeout)
        ids = try container.decodeWireIfPresent([Int64].self, forKey: .ids)
        timesByName = try container.decodeWireIfPresent([String: Date].self, forKey: .timesByName)
        required = try container.decodeWire(Int64.self, forKey: .required)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeWireIfPresent(count, forKey: .count)
        try container.encodeWireIfPresent(total, forKey: .total)
        try container.encodeWireIfPresent(created, forKey: .created)
        try container.encodeWireIfPresent(payload, forKey: .payload)
        try container.encodeWireIfPresent(timeout, forKey: .timeout)
        try container.encodeWireIfPresent(ids, forKey: .ids)
        try container.encodeWireIfPresent(timesByName, forKey: .timesByName)
        try container.encodeWire(required, forKey: .required)
    }
}

/// 2024-01-02T03:04:05Z
private let sampleSeconds: TimeInterval = 1_704_164_645

@Suite struct IntegerWireTests {
    @Test func int64TravelsAsAString() throws {
        #expect(
            try encodedJSON(WireSample(count: Int64.min, required: 7))
                == #"{"count":"-9223372036854775808","required":"7"}"#)
        #expect(
            try decodedJSON(WireSample.self, from: #"{"count":"-42","required":"1"}"#)
                == WireSample(count: -42, required: 1))
    }

    @Test func int64DecodesFromANumberToo() throws {
        #expect(
            try decodedJSON(WireSample.self, from: #"{"count":-42,"required":9}"#)
                == WireSample(count: -42, required: 9))
    }

    @Test func uint64MaxRoundTrips() throws {
        let json = #"{"required":"0","total":"18446744073709551615"}"#
        #expect(try decodedJSON(WireSample.self, from: json) == WireSample(total: UInt64.max))
        #expect(try encodedJSON(WireSample(total: UInt64.max)) == json)
        #expect(
            try decodedJSON(WireSample.self, from: #"{"required":"0","total":18446744073709551615}"#)
                == WireSample(total: UInt64.max)
        )
    }

    @Test(arguments: [
        #"{"required":"0","count":"12x"}"#,
        #"{"required":"0","count":""}"#,
        #"{"required":"0","count":"9223372036854775808"}"#,
        #"{"required":"0","total":"-1"}"#,
    ])
    func invalidIntegerTextIsDataCorrupted(json: String) throws {
        let context = expectDataCorrupted { _ = try decodedJSON(WireSample.self, from: json) }
        #expect(context?.debugDescription.contains("64-bit integer") == true)
        #expect(context?.codingPath.last.map { ["count", "total"].contains($0.stringValue) } == true)
    }

    @Test func missingRequiredValueIsAnError() {
        #expect(throws: DecodingError.self) { try decodedJSON(WireSample.self, from: "{}") }
    }
}

@Suite struct TimestampWireTests {
    @Test(arguments: [
        ("2024-01-02T03:04:05Z", 0.0),
        ("2024-01-02T03:04:05.5Z", 0.5),
        ("2024-01-02T03:04:05.123Z", 0.123),
        ("2024-01-02T03:04:05.123456Z", 0.123456),
        ("2024-01-02T03:04:05.123456789Z", 0.123456789),
        ("2024-01-02T08:34:05+05:30", 0),
        ("2024-01-01T19:04:05.25-08:00", 0.25),
        ("2024-01-02t03:04:05z", 0),
    ])
    func decodesFractionsAndOffsets(text: String, fraction: Double) throws {
        let date = try Date(jsonWire: text)
        #expect(abs(date.timeIntervalSince1970 - (sampleSeconds + fraction)) < 1e-6)
    }

    @Test(arguments: [
        ("1969-12-31T23:59:59.5Z", -0.5),
        ("1970-01-01T00:00:00Z", 0),
        ("2024-02-29T00:00:00Z", 1_709_164_800),
        ("0001-01-01T00:00:00Z", -62_135_596_800),
        ("9999-12-31T23:59:59Z", 253_402_300_799),
    ])
    func decodesAcrossTheCalendar(text: String, seconds: Double) throws {
        #expect(try Date(jsonWire: text).timeIntervalSince1970 == seconds)
    }

    @Test(arguments: [
        "",
        "garbage",
        "2024-01-02",
        "2024-01-02T03:04:05",
        "2024-01-02 03:04:05Z",
        "2024-1-02T03:04:05Z",
        "2024-13-01T03:04:05Z",
        "2023-02-29T03:04:05Z",
        "2024-01-02T24:00:00Z",
        "2024-01-02T03:60:00Z",
        "2024-01-02T03:04:05.Z",
        "2024-01-02T03:04:05.1234567890Z",
        "2024-01-02T03:04:05+0530",
        "2024-01-02T03:04:05+24:00",
        "2024-01-02T03:04:05Z ",
    ])
    func rejectsMalformedTimestamps(text: String) {
        let context = expectDataCorrupted { _ = try Date(jsonWire: text) }
        #expect(context?.debugDescription.contains("RFC 3339") == true)
    }

    @Test(arguments: [
        (sampleSeconds, "2024-01-02T03:04:05Z"),
        (sampleSeconds + 0.5, "2024-01-02T03:04:05.500Z"),
        (sampleSeconds + 0.12, "2024-01-02T03:04:05.120Z"),
        (sampleSeconds + 0.123, "2024-01-02T03:04:05.123Z"),
        (sampleSeconds + 0.0004, "2024-01-02T03:04:05Z"),
        (-0.5, "1969-12-31T23:59:59.500Z"),
        (1_709_164_800, "2024-02-29T00:00:00Z"),
        (-62_135_596_800, "0001-01-01T00:00:00Z"),
        (1e20, "9999-12-31T23:59:59.999Z"),
        (-1e20, "0001-01-01T00:00:00Z"),
    ])
    func encodesUTCWithMillisecondsWhenNeeded(seconds: TimeInterval, expected: String) {
        #expect(Date(timeIntervalSince1970: seconds).jsonWire == expected)
    }

    @Test func nineDigitsRoundTripToMilliseconds() throws {
        #expect(try Date(jsonWire: "2024-01-02T08:34:05.123456789+05:30").jsonWire == "2024-01-02T03:04:05.123Z")
    }

    @Test func reportsTheKeyOfAMalformedTimestamp() {
        let context = expectDataCorrupted {
            _ = try decodedJSON(WireSample.self, from: #"{"required":"0","created":"yesterday"}"#)
        }
        #expect(context?.codingPath.map(\.stringValue) == ["created"])
        #expect(context?.debugDescription.contains("yesterday") == true)
    }
}

@Suite struct BytesWireTests {
    @Test(arguments: ["+/8=", "-_8=", "-_8", "+/8"])
    func acceptsBothAlphabetsWithOrWithoutPadding(text: String) throws {
        #expect(try Data(jsonWire: text) == Data([0xFB, 0xFF]))
    }

    @Test func encodesStandardBase64WithPadding() {
        #expect(Data([0xFB, 0xFF]).jsonWire == "+/8=")
        #expect(Data("hello".utf8).jsonWire == "aGVsbG8=")
        #expect(Data().jsonWire == "")
    }

    @Test(arguments: ["@@@@", "A", "aGVsbG8=x", "aGV sbG8="])
    func rejectsMalformedBase64(text: String) {
        let context = expectDataCorrupted { _ = try Data(jsonWire: text) }
        #expect(context?.debugDescription.contains("base64") == true)
    }
}

@Suite struct DurationWireTests {
    @Test(arguments: [
        ("3.5s", Duration.milliseconds(3500)),
        ("-0.000000001s", Duration.nanoseconds(-1)),
        ("0s", Duration.zero),
        ("-1.5s", Duration.milliseconds(-1500)),
        ("1.000000001s", Duration.seconds(1) + .nanoseconds(1)),
        ("315576000000s", Duration.seconds(315_576_000_000)),
        ("0.100s", Duration.milliseconds(100)),
    ])
    func parses(text: String, expected: Duration) throws {
        #expect(try Duration(jsonWire: text) == expected)
    }

    @Test(arguments: [
        (Duration.milliseconds(3500), "3.500s"),
        (Duration.nanoseconds(-1), "-0.000000001s"),
        (Duration.zero, "0s"),
        (Duration.seconds(-2), "-2s"),
        (Duration.milliseconds(-1500), "-1.500s"),
        (Duration.microseconds(1), "0.000001s"),
        (Duration.seconds(315_576_000_000), "315576000000s"),
    ])
    func formats(duration: Duration, expected: String) {
        #expect(duration.jsonWire == expected)
    }

    @Test(arguments: [
        "", "3.5", "s", "3.s", ".5s", "1.0000000001s", "--1s", "+1s", "1m", "1.5sec", "99999999999999999999s",
    ])
    func rejectsMalformedDurations(text: String) {
        let context = expectDataCorrupted { _ = try Duration(jsonWire: text) }
        #expect(context?.debugDescription.contains("duration") == true)
    }
}

@Suite struct WireContainerTests {
    @Test func nilIsOmittedNotNull() throws {
        #expect(try encodedJSON(WireSample()) == #"{"required":"0"}"#)
    }

    @Test func nullDecodesAsNil() throws {
        #expect(
            try decodedJSON(WireSample.self, from: #"{"count":null,"created":null,"required":"0"}"#) == WireSample())
    }

    @Test func arraysAndDictionariesOfWireValues() throws {
        let sample = WireSample(
            payload: Data("hi".utf8),
            timeout: .seconds(30),
            ids: [1, -2],
            timesByName: ["start": Date(timeIntervalSince1970: sampleSeconds)]
        )
        let json =
            #"{"ids":["1","-2"],"payload":"aGk=","required":"0","timeout":"30s","timesByName":{"start":"2024-01-02T03:04:05Z"}}"#
        #expect(try encodedJSON(sample) == json)
        #expect(try decodedJSON(WireSample.self, from: json) == sample)
        #expect(try decodedJSON(WireSample.self, from: #"{"ids":["1",-2],"required":"0"}"#).ids == [1, -2])
    }

    @Test func malformedElementIsDataCorrupted() {
        let context = expectDataCorrupted {
            _ = try decodedJSON(WireSample.self, from: #"{"ids":["1","x"],"required":"0"}"#)
        }
        #expect(context?.codingPath.map(\.stringValue) == ["ids"])
    }
}

/// Values Google sends that a `Double` or a `Date` alone would change: special floats, nanoseconds.
@Suite struct ExactValueTests {
    private struct Measures: Codable, Equatable {
        var values: [Double]
        var ratio: Float
    }

    @Test func specialFloatingPointValuesRoundTripByteExact() throws {
        let json = #"["NaN","Infinity","-Infinity",0.5,-2,1e+300]"#
        let wire = try JSONDecoder().decode([JSONFloatingPoint<Double>].self, from: Data(json.utf8))
        let values = wire.map { Double(jsonWire: $0) }
        #expect(values[0].isNaN && values[1] == .infinity && values[2] == -.infinity && values[3] == 0.5)
        let encoder = JSONEncoder()
        #expect(String(decoding: try encoder.encode(values.map(\.jsonWire)), as: UTF8.self) == json)
        let float = try JSONDecoder().decode(JSONFloatingPoint<Float>.self, from: Data(#""-Infinity""#.utf8))
        #expect(float.value == -.infinity)
        #expect(try JSONDecoder().decode(JSONFloatingPoint<Double>.self, from: Data(#""2.5""#.utf8)).value == 2.5)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(JSONFloatingPoint<Double>.self, from: Data(#""infinity""#.utf8))
        }
    }

    @Test(arguments: [
        "2024-05-01T12:00:00.123456789Z", "2024-05-01T12:00:00.123456Z", "2024-05-01T12:00:00.120Z",
        "2024-05-01T12:00:00Z", "1969-12-31T23:59:59.999999999Z", "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
    ])
    func timestampsRoundTripByteExact(text: String) throws {
        let timestamp = try Timestamp(jsonWire: text)
        #expect(timestamp.jsonWire == text)
        let json = try JSONEncoder().encode([timestamp])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(text)\"]")
        #expect(try JSONDecoder().decode([Timestamp].self, from: json) == [timestamp])
    }

    @Test func timestampsAreWrittenWithThreeSixOrNineDigitsInUTC() throws {
        #expect(try Timestamp(jsonWire: "2024-05-01T12:00:00.1Z").jsonWire == "2024-05-01T12:00:00.100Z")
        #expect(try Timestamp(jsonWire: "2024-05-01T12:00:00.1234Z").jsonWire == "2024-05-01T12:00:00.123400Z")
        #expect(try Timestamp(jsonWire: "2024-05-01T14:00:00.5+02:00").jsonWire == "2024-05-01T12:00:00.500Z")
        let timestamp = Timestamp(seconds: -1, nanoseconds: 1)
        #expect(timestamp.jsonWire == "1969-12-31T23:59:59.000000001Z")
        #expect(abs(timestamp.date.timeIntervalSince1970 - (-1 + 1e-9)) < 1e-6, "a Date holds what it can")
        #expect(Timestamp(Date(timeIntervalSince1970: 1.5)) == Timestamp(seconds: 1, nanoseconds: 500_000_000))
        #expect(Timestamp(seconds: 5, nanoseconds: -1) == Timestamp(seconds: 4, nanoseconds: 999_999_999))
        #expect(
            Timestamp(seconds: 1) + .nanoseconds(1_999_999_999) - Timestamp(seconds: 1) == .nanoseconds(1_999_999_999))
        #expect(Timestamp(seconds: 1) < Timestamp(seconds: 1, nanoseconds: 1))
    }

    @Test(arguments: ["0.100s", "-0.000000001s", "1.000001s", "3s", "315576000000.999999999s"])
    func durationsRoundTripByteExact(text: String) throws {
        #expect(try Duration(jsonWire: text).jsonWire == text)
    }
}
