import DiscoveryRuntime
import Foundation
import Testing

/// Exactly the shape of enum the generator emits.
public enum State: OpenEnum {
    case unspecified
    case inProgress
    case unrecognized(String)

    public init(rawValue: String) {
        switch rawValue {
        case "STATE_UNSPECIFIED": self = .unspecified
        case "IN_PROGRESS": self = .inProgress
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .unspecified: "STATE_UNSPECIFIED"
        case .inProgress: "IN_PROGRESS"
        case .unrecognized(let value): value
        }
    }
}

@Suite struct OpenEnumTests {
    @Test func knownValuesDecodeToTheirCases() throws {
        #expect(
            try decodedJSON([State].self, from: #"["IN_PROGRESS","STATE_UNSPECIFIED"]"#) == [.inProgress, .unspecified])
    }

    @Test func unknownValueRoundTripsUnchanged() throws {
        let state = try decodedJSON([State].self, from: #"["NEW_STATE"]"#)
        #expect(state == [.unrecognized("NEW_STATE")])
        #expect(try encodedJSON(state) == #"["NEW_STATE"]"#)
    }

    @Test func encodesAsTheRawString() throws {
        #expect(try encodedJSON(["state": State.inProgress]) == #"{"state":"IN_PROGRESS"}"#)
        #expect(State.inProgress.httpParameterValue == "IN_PROGRESS")
        #expect(State(rawValue: "IN_PROGRESS") == .inProgress)
    }

    @Test func nonStringIsAnError() {
        #expect(throws: DecodingError.self) { try decodedJSON([State].self, from: "[1]") }
    }
}

@Suite struct FieldMaskTests {
    @Test func travelsAsACommaSeparatedString() throws {
        let mask: FieldMask = ["displayName", "settings.theme"]
        #expect(mask.paths == ["displayName", "settings.theme"])
        #expect(try encodedJSON([mask]) == #"["displayName,settings.theme"]"#)
        #expect(try decodedJSON([FieldMask].self, from: #"["a.b,c"]"#) == [FieldMask(paths: ["a.b", "c"])])
        #expect(mask.httpParameterValue == "displayName,settings.theme")
    }

    @Test func emptyStringIsNoPaths() throws {
        #expect(try decodedJSON([FieldMask].self, from: #"[""]"#) == [FieldMask(paths: [])])
        #expect(try encodedJSON([FieldMask(paths: [])]) == #"[""]"#)
    }
}

@Suite struct CalendarDateTests {
    @Test func travelsAsYearMonthDay() throws {
        let date = CalendarDate(year: 2024, month: 3, day: 8)
        #expect(date.description == "2024-03-08")
        #expect(date.httpParameterValue == "2024-03-08")
        #expect(try encodedJSON([date]) == #"["2024-03-08"]"#)
        #expect(
            try decodedJSON([CalendarDate].self, from: #"["2024-02-29"]"#) == [
                CalendarDate(year: 2024, month: 2, day: 29)
            ])
        #expect(CalendarDate(year: 5, month: 1, day: 1).description == "0005-01-01")
    }

    @Test(arguments: [
        "", "2024-3-8", "2024-03-8", "20240308", "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10",
        "2024-03-08T00:00:00Z", " 2024-03-08",
    ])
    func rejectsMalformedDates(text: String) throws {
        let context = expectDataCorrupted { _ = try decodedJSON([CalendarDate].self, from: try encodedJSON([text])) }
        #expect(context?.debugDescription.contains("\"\(text)\"") == true)
    }
}

@Suite struct JSONValueTests {
    @Test func roundTripsNestedJSON() throws {
        let json = #"{"a":[1,true,null,"x",{"b":2.5}],"c":false,"d":{}}"#
        let value = try decodedJSON(JSONValue.self, from: json)
        #expect(value == ["a": [1, true, nil, "x", ["b": 2.5]], "c": false, "d": [:]])
        #expect(try encodedJSON(value) == json)
    }

    @Test func keepsBooleansApartFromNumbers() throws {
        #expect(
            try decodedJSON([JSONValue].self, from: "[true, 1, 0, false]") == [
                .bool(true), .integer(1), .integer(0), .bool(false),
            ])
    }

    /// Regression: numbers were Doubles, so integers above 2^53 lost their last digits.
    @Test func keepsLargeIntegersExact() throws {
        let json = "[9007199254740993,-9223372036854775808,2.5,1e300]"
        let value = try decodedJSON(JSONValue.self, from: json)
        #expect(value == [.integer(9_007_199_254_740_993), .integer(.min), .number(2.5), .number(1e300)])
        #expect(try encodedJSON(value) == "[9007199254740993,-9223372036854775808,2.5,1e+300]")
    }

    @Test func keepsStringsAsStrings() throws {
        #expect(try decodedJSON(JSONValue.self, from: #""12""#) == .string("12"))
    }
}

@Suite struct ErrorDescriptionTests {
    @Test func googleErrorWithoutStatusOmitsIt() {
        let error = GoogleAPIError(httpStatus: 503, message: "Unavailable", operationID: "api.things.get")
        #expect(error.description == "api.things.get failed: 503: Unavailable")
    }
}
