import DiscoveryRuntime
import Foundation
import Testing

/// Exactly the shape of enum the generator emits.
public struct State: OpenEnum {
    public static var unspecified: Self { Self(rawValue: "STATE_UNSPECIFIED") }
    public static var inProgress: Self { Self(rawValue: "IN_PROGRESS") }

    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

@Suite struct OpenEnumTests {
    @Test func knownValuesDecodeToTheirConstants() throws {
        #expect(
            try decodedJSON([State].self, from: #"["IN_PROGRESS","STATE_UNSPECIFIED"]"#) == [.inProgress, .unspecified])
    }

    @Test func unknownValueRoundTripsUnchanged() throws {
        let state = try decodedJSON([State].self, from: #"["NEW_STATE"]"#)
        #expect(state == [State(rawValue: "NEW_STATE")])
        #expect(state != [.inProgress] && state != [.unspecified])
        #expect(try encodedJSON(state) == #"["NEW_STATE"]"#)
    }

    @Test func encodesAsTheRawString() throws {
        #expect(try encodedJSON(["state": State.inProgress]) == #"{"state":"IN_PROGRESS"}"#)
        #expect(State.inProgress.httpParameterValue == "IN_PROGRESS")
        #expect(State(rawValue: "IN_PROGRESS") == .inProgress)
    }

    @Test func switchesMatchTheConstants() {
        let description =
            switch State(rawValue: "IN_PROGRESS") {
            case .unspecified: "unspecified"
            case .inProgress: "in progress"
            default: "other"
            }
        #expect(description == "in progress")
    }

    @Test func nonStringIsAnError() {
        #expect(throws: DecodingError.self) { try decodedJSON([State].self, from: "[1]") }
    }
}

/// Exactly the shape of struct the generator emits, with each kind of field: plain, wire format, boxed (a struct that
/// contains itself), and a deprecated one stored aside.
public struct Folder: JSONObject {
    public var name: String?
    public var size: Int64?
    public var state: State?
    public var parent: Folder? {
        get { _parent?.value }
        set { _parent = newValue.map(Indirect.init) }
    }
    private var _parent: Indirect<Folder>?
    public var nullFields: Set<String> = []

    public init() {}
    public init(name: String? = nil, size: Int64? = nil, state: State? = nil, parent: Folder? = nil) {
        self.name = name
        self.size = size
        self.state = state
        self._parent = parent.map(Indirect.init)
    }

    public static let jsonFields: [JSONField<Self>] = [
        .field("name", \.name),
        .wire("size", \.size),
        .field("state", \.state),
        .boxed("parent", \._parent),
    ]
    public static var fieldsStoredAside: [AnyKeyPath: String] {
        [
            \Self.parent: "parent"
        ]
    }
}

@Suite struct JSONObjectTests {
    @Test func codesEveryFieldOfTheTableInItsJSONForm() throws {
        let folder = Folder(name: "b", size: 1 << 60, state: .inProgress, parent: Folder(name: "a"))
        let json = try encodedJSON(folder)
        #expect(json == #"{"name":"b","parent":{"name":"a"},"size":"1152921504606846976","state":"IN_PROGRESS"}"#)
        #expect(try decodedJSON(Folder.self, from: json) == folder)
    }

    @Test func absentNullAndUnknownMembersAreNil() throws {
        let folder = try decodedJSON(Folder.self, from: #"{"name":null,"color":"red","parent":{}}"#)
        #expect(folder == Folder(parent: Folder()))
        #expect(try encodedJSON(Folder()) == "{}")
    }

    @Test func malformedWireTextNamesItsField() throws {
        #expect {
            try decodedJSON(Folder.self, from: #"{"parent":{"size":"ten"}}"#)
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["parent", "size"]
        }
    }

    /// To clear a field with PATCH, Google takes `"field": null`; `nil` alone stays absent.
    @Test func fieldsSentAsNullAreWrittenAsNull() throws {
        var folder = Folder(name: "kept", size: 3)
        folder.sendNull(for: \.size)
        folder.sendNull(for: \.state)
        #expect(folder.size == nil)
        #expect(try encodedJSON(folder) == #"{"name":"kept","size":null,"state":null}"#)
        folder.parent = Folder()
        folder.sendNull(for: \.parent)
        #expect(folder.parent == nil, "a field stored out of line is found by its public key path")
        #expect(try encodedJSON(folder) == #"{"name":"kept","parent":null,"size":null,"state":null}"#)
        folder.size = 4
        #expect(try encodedJSON(folder) == #"{"name":"kept","parent":null,"size":"4","state":null}"#, "a value wins")
        #expect(folder != Folder(name: "kept", size: 4), "what is sent as null is part of the value")
        #expect(try decodedJSON(Folder.self, from: #"{"name":null}"#).nullFields.isEmpty, "decoding leaves it empty")
    }

    @Test func equalityAndHashingCoverEveryField() {
        let base = Folder(name: "a", size: 1, state: .unspecified, parent: Folder(name: "p"))
        var changed = [base, base, base, base]
        changed[0].name = "b"
        changed[1].size = 2
        changed[2].state = .inProgress
        changed[3].parent?.name = "q"
        #expect(base == Folder(name: "a", size: 1, state: .unspecified, parent: Folder(name: "p")))
        #expect(Set(changed + [base]).count == 5)
        for other in changed { #expect(other != base) }
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
