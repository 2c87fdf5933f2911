import DiscoveryRuntime
import Foundation
import Synchronization
import Testing

// The client's own JSON reader and writer (JSONCoding) against JSONDecoder and JSONEncoder: the same values and the
// same bytes for every kind of field, and located errors where the input is not JSON.

/// An enum shaped as the generator emits them.
public struct DirectColor: OpenEnum {
    public static var red: Self { Self(rawValue: "RED") }
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A type that is only `Codable`, which the direct path leaves to `JSONDecoder` and `JSONEncoder`.
public struct DirectCustom: Codable, Hashable, Sendable {
    public var x: Int
    public var tags: [String]
}

/// A struct shaped as the generator emits them, with a field of every type the generator writes.
public struct DirectSample: JSONObject {
    public var text: String?
    public var flag: Bool?
    public var int32Value: Int32?
    public var uint32Value: UInt32?
    public var int64Value: Int64?
    public var uint64Value: UInt64?
    public var floatValue: Float?
    public var doubleValue: Double?
    public var timestamp: Timestamp?
    public var duration: Duration?
    public var bytes: Data?
    public var date: Date?
    public var day: CalendarDate?
    public var fieldMask: FieldMask?
    public var anything: JSONValue?
    public var color: DirectColor?
    public var colors: [DirectColor]?
    public var strings: [String]?
    public var int64List: [Int64]?
    public var nestedLists: [[Int64]]?
    public var timestampMap: [String: Timestamp]?
    public var child: DirectChild?
    public var children: [DirectChild]?
    public var childMap: [String: DirectChild]?
    public var custom: DirectCustom?
    public var codableInt64: Int64?
    public var codableDouble: Double?
    public var next: DirectSample? {
        get { _next?.value }
        set { _next = newValue.map(Indirect.init) }
    }
    private var _next: Indirect<DirectSample>?
    public var nullFields: Set<String> = []

    public init() {}

    public static let jsonFields: [JSONField<Self>] = [
        .field("text", \.text),
        .field("flag", \.flag),
        .field("int32Value", \.int32Value),
        .field("uint32Value", \.uint32Value),
        .wire("int64Value", \.int64Value),
        .wire("uint64Value", \.uint64Value),
        .wire("floatValue", \.floatValue),
        .wire("doubleValue", \.doubleValue),
        .wire("timestamp", \.timestamp),
        .wire("duration", \.duration),
        .wire("bytes", \.bytes),
        .wire("date", \.date),
        .field("day", \.day),
        .field("fieldMask", \.fieldMask),
        .field("anything", \.anything),
        .field("color", \.color),
        .field("colors", \.colors),
        .field("strings", \.strings),
        .wire("int64List", \.int64List),
        .wire("nestedLists", \.nestedLists),
        .wire("timestampMap", \.timestampMap),
        .field("child", \.child),
        .field("children", \.children),
        .field("childMap", \.childMap),
        .field("custom", \.custom),
        .field("codableInt64", \.codableInt64),
        .field("codableDouble", \.codableDouble),
        .boxed("next", \._next),
    ]
}

public struct DirectChild: JSONObject {
    public var name: String?
    public var size: Int64?
    public var nullFields: Set<String> = []

    public init() {}
    public init(name: String? = nil, size: Int64? = nil) {
        self.name = name
        self.size = size
    }

    public static let jsonFields: [JSONField<Self>] = [
        .field("name", \.name),
        .wire("size", \.size),
    ]
}

/// A table whose fields are not in the byte order of their names, and whose names need escapes or are not ASCII.
public struct DirectOddNames: JSONObject {
    public var zebra: String?
    public var quote: String?
    public var accented: String?
    public var empty: String?
    public var upper: String?
    public var nullFields: Set<String> = []

    public init() {}

    public static let jsonFields: [JSONField<Self>] = [
        .field("zebra", \.zebra),
        .field("say \"hi\"\n", \.quote),
        .field("\u{E9}t\u{E9}", \.accented),
        .field("", \.empty),
        .field("Zebra", \.upper),
    ]
}

/// A table with more than 64 fields, which tracks repeated members past the first word of its bit set.
public struct DirectWide: JSONObject {
    public var values: [Int32?] = Array(repeating: nil, count: 70)
    public var nullFields: Set<String> = []

    public init() {}

    public static let jsonFields: [JSONField<Self>] = (0..<70).map { index in
        .field("f\(index)", \.values[index])
    }
}

// MARK: Helpers

private func direct<Value: Decodable>(_ type: Value.Type, _ json: String) throws -> Value {
    try JSONCoding.decode(type, from: Data(json.utf8))
}

private func directBytes<Value: Decodable>(_ type: Value.Type, _ bytes: [UInt8]) throws -> Value {
    try JSONCoding.decode(type, from: Data(bytes))
}

private func directJSON(_ value: some Encodable) throws -> String {
    String(decoding: try JSONCoding.encode(value), as: UTF8.self)
}

/// Decodes `json` both ways and expects the same value (or both to fail), then encodes that value both ways and
/// expects the same bytes.
private func expectSameAsFoundation<Value: Codable & Equatable>(
    _ type: Value.Type, _ json: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let data = Data(json.utf8)
    let ours = Result { try JSONCoding.decode(type, from: data) }
    let theirs = Result { try JSONDecoder().decode(type, from: data) }
    switch (ours, theirs) {
    case (.success(let ours), .success(let theirs)):
        #expect(ours == theirs, "decoding \(json)", sourceLocation: sourceLocation)
        let oursText = Result { try directJSON(ours) }
        let theirsText = Result { try encodedJSON(theirs) }
        switch (oursText, theirsText) {
        case (.success(let oursText), .success(let theirsText)):
            #expect(oursText == theirsText, "encoding \(json)", sourceLocation: sourceLocation)
        case (.failure, .failure):
            break
        default:
            Issue.record("encoding \(json): \(oursText) but JSONEncoder \(theirsText)", sourceLocation: sourceLocation)
        }
    case (.failure, .failure):
        break
    default:
        Issue.record("decoding \(json): \(ours) but JSONDecoder \(theirs)", sourceLocation: sourceLocation)
    }
}

/// Expects decoding to fail with a `DecodingError` whose description names `location` (`line 1, column 3 (byte
/// offset 2)`) and contains `message`.
private func expectLocatedError<Value: Decodable>(
    _ type: Value.Type, _ bytes: [UInt8], _ message: String, at location: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        let value = try directBytes(type, bytes)
        Issue.record("decoded \(value)", sourceLocation: sourceLocation)
    } catch let error as DecodingError {
        let description = String(describing: error)
        #expect(description.contains(message), "\(description)", sourceLocation: sourceLocation)
        #expect(description.contains("at " + location + "."), "\(description)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("not a DecodingError: \(error)", sourceLocation: sourceLocation)
    }
}

private func expectLocatedError<Value: Decodable>(
    _ type: Value.Type, _ json: String, _ message: String, at location: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectLocatedError(type, Array(json.utf8), message, at: location, sourceLocation: sourceLocation)
}

/// A sample with every field set.
private func fullSample() -> DirectSample {
    var sample = DirectSample()
    sample.text = "h\u{E9}llo \"w\u{F6}rld\"\n\u{1F600}"
    sample.flag = false
    sample.int32Value = .min
    sample.uint32Value = .max
    sample.int64Value = .min
    sample.uint64Value = .max
    sample.floatValue = 0.1
    sample.doubleValue = -1.5e-300
    sample.timestamp = Timestamp(seconds: 1_700_000_000, nanoseconds: 123_456_789)
    sample.duration = .milliseconds(-3500)
    sample.bytes = Data([0xFB, 0xFF, 0x00])
    sample.date = Date(timeIntervalSince1970: 1_700_000_000.5)
    sample.day = CalendarDate(year: 2024, month: 2, day: 29)
    sample.fieldMask = ["a.b", "c"]
    sample.anything = .object(["k": .array([.null, .bool(true), .integer(-7), .number(2.5), .string("s")])])
    sample.color = .red
    sample.colors = [.red, DirectColor(rawValue: "NEW")]
    sample.strings = ["", "a/b", "\u{0}\u{1F}"]
    sample.int64List = [1, -2]
    sample.nestedLists = [[3], []]
    sample.timestampMap = ["b": Timestamp(seconds: 0), "a": Timestamp(seconds: -1)]
    sample.child = DirectChild(name: "c", size: 9)
    sample.children = [DirectChild(), DirectChild(name: "d")]
    sample.childMap = ["z": DirectChild(size: 1), "\u{E9}": DirectChild(name: "e")]
    sample.custom = DirectCustom(x: 1, tags: ["t"])
    sample.codableInt64 = 42
    sample.codableDouble = 0.25
    var next = DirectSample()
    next.text = "next"
    sample.next = next
    return sample
}

// MARK: Tests

@Suite struct DirectJSONValueTests {
    @Test func everyFieldTypeMatchesFoundation() throws {
        let sample = fullSample()
        let json = try directJSON(sample)
        #expect(json == (try encodedJSON(sample)))
        #expect(try JSONCoding.decode(DirectSample.self, from: Data(json.utf8)) == sample)
        #expect(try decodedJSON(DirectSample.self, from: json) == sample)
        expectSameAsFoundation(DirectSample.self, json)
        #expect(JSONCoding.isDirect(DirectSample.self))
        #expect(!JSONCoding.isDirect(DirectCustom.self))
    }

    @Test func emptyAndNilFields() throws {
        #expect(try directJSON(DirectSample()) == "{}")
        #expect(try direct(DirectSample.self, "{}") == DirectSample())
        #expect(
            try direct(DirectSample.self, #" { "text" : null , "child" : { } } "#)
                == {
                    var sample = DirectSample()
                    sample.child = DirectChild()
                    return sample
                }())
        expectSameAsFoundation(DirectSample.self, #"{"strings":[],"childMap":{},"children":[{}]}"#)
    }

    @Test func topLevelValuesOfEveryKind() throws {
        expectSameAsFoundation([DirectChild].self, #"[{"name":"a"},{"size":"3"}]"#)
        expectSameAsFoundation([String: DirectChild].self, #"{"b":{"name":"a"},"a":{}}"#)
        expectSameAsFoundation([String: JSONValue].self, #"{"b":[1,2.5,"x",null,true,{"c":{}}],"a":{}}"#)
        expectSameAsFoundation(JSONValue.self, #"[1, -0, 1.0, 1e2, 1.5, 9223372036854775808, -9223372036854775809]"#)
        expectSameAsFoundation(String.self, #""just a string""#)
        expectSameAsFoundation(Int32.self, "  -12  ")
        expectSameAsFoundation(DirectColor.self, #""RED""#)
        expectSameAsFoundation(Timestamp.self, #""2024-01-02T03:04:05Z""#)
        expectSameAsFoundation([CalendarDate].self, #"["2024-03-08"]"#)
        expectSameAsFoundation([FieldMask].self, #"["", "a,b", ",,"]"#)
    }

    @Test func aByteOrderMarkAndWhitespaceAreSkipped() throws {
        #expect(try directBytes(String.self, [0xEF, 0xBB, 0xBF] + Array(#" "a" "#.utf8)) == "a")
        #expect(try direct([Bool].self, " \t\r\n[ true ,\nfalse ]\n") == [true, false])
    }

    @Test func fallbackTypesGoThroughFoundation() throws {
        let custom = DirectCustom(x: 5, tags: ["b", "a"])
        #expect(try directJSON(custom) == (try encodedJSON(custom)))
        #expect(try direct(DirectCustom.self, #"{"tags":[],"x":1}"#) == DirectCustom(x: 1, tags: []))
        expectSameAsFoundation(DirectSample.self, #"{"custom":{"x":1,"tags":["q"]},"text":"t"}"#)
        expectSameAsFoundation(DirectSample.self, #"{"custom":{"x":"one","tags":[]}}"#)
    }

    @Test func enumsKeepUnknownValues() throws {
        expectSameAsFoundation(DirectSample.self, #"{"color":"SOMETHING_NEW","colors":["RED",""]}"#)
        expectSameAsFoundation(DirectSample.self, #"{"color":1}"#)
    }
}

@Suite struct DirectJSONStringTests {
    @Test func escapesDecodeToTheirCharacters() throws {
        let json = #"["\"\\\/\b\f\n\r\t", "\u0041\u00e9\u20AC\uD83D\uDE00", "\u0000", "plain é 😀"]"#
        #expect(
            try direct([String].self, json) == [
                "\"\\/\u{8}\u{C}\n\r\t", "A\u{E9}\u{20AC}\u{1F600}", "\u{0}", "plain é 😀",
            ])
        expectSameAsFoundation([String].self, json)
    }

    @Test func everyCharacterIsWrittenAsJSONEncoderWritesIt() throws {
        let scalars =
            (0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) }
            + ["\u{7F}", "\u{80}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFF}", "\u{1F600}", "e\u{301}"]
        for character in scalars {
            let text = "a\(character)b"
            #expect(try directJSON([text]) == (try encodedJSON([text])), "\(text.unicodeScalars.map(\.value))")
            #expect(try direct([String].self, try directJSON([text])) == [text])
        }
    }

    @Test func namesAreMatchedAndWrittenExactly() throws {
        var odd = DirectOddNames()
        odd.zebra = "z"
        odd.quote = "q"
        odd.accented = "a"
        odd.empty = "e"
        odd.upper = "Z"
        let json = try directJSON(odd)
        #expect(json == (try encodedJSON(odd)))
        #expect(json == #"{"":"e","Zebra":"Z","say \"hi\"\n":"q","zebra":"z","été":"a"}"#)
        #expect(try direct(DirectOddNames.self, json) == odd)
        // JSONDecoder compares names as Strings: a canonically equivalent name matches too.
        expectSameAsFoundation(DirectOddNames.self, "{\"e\u{301}te\u{301}\":\"decomposed\"}")
        #expect(try direct(DirectOddNames.self, "{\"e\u{301}te\u{301}\":\"d\"}").accented == "d")
        expectSameAsFoundation(DirectOddNames.self, #"{"say \"hi\"\u000a":"escaped name","zebr\u0061":"z"}"#)
    }

    @Test func invalidUTF8IsRejectedWhereItIs() {
        let cases: [(bytes: [UInt8], offset: Int)] = [
            ([0x80], 0),  // a continuation byte alone
            ([0xC0, 0x80], 0),  // overlong NUL
            ([0xC1, 0xBF], 0),  // overlong
            ([0xE0, 0x80, 0x80], 0),  // overlong three bytes
            ([0xED, 0xA0, 0x80], 0),  // a UTF-16 surrogate
            ([0xF0, 0x80, 0x80, 0x80], 0),  // overlong four bytes
            ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
            ([0xF5, 0x80, 0x80, 0x80], 0),
            ([0xFF], 0),
            ([0x61, 0xC3], 1),  // cut short
            ([0x61, 0xE2, 0x82], 1),
            ([0xE2, 0x82, 0x41], 0),
        ]
        for (bytes, offset) in cases {
            let json = Array("{\"text\":\"".utf8) + bytes + Array("\"}".utf8)
            expectLocatedError(
                DirectSample.self, json, "Invalid UTF-8",
                at: "line 1, column \(9 + offset + 1) (byte offset \(9 + offset))")
            // In a member that is skipped, and in a member name, too.
            let skipped = Array("{\"unknown\":[\"".utf8) + bytes + Array("\"]}".utf8)
            expectLocatedError(
                DirectSample.self, skipped, "Invalid UTF-8",
                at: "line 1, column \(13 + offset + 1) (byte offset \(13 + offset))")
            let name = Array("{\"".utf8) + bytes + Array("\":1}".utf8)
            expectLocatedError(
                DirectSample.self, name, "Invalid UTF-8",
                at: "line 1, column \(2 + offset + 1) (byte offset \(2 + offset))")
            #expect(throws: DecodingError.self) { try directBytes(JSONValue.self, Array("\"".utf8) + bytes + [0x22]) }
        }
        // Outside strings, a byte above 0x7F is no JSON at all.
        expectLocatedError(
            JSONValue.self, [0x5B, 0xC3, 0xA9, 0x5D], "Expected a value", at: "line 1, column 2 (byte offset 1)")
    }
}

@Suite struct DirectJSONSyntaxTests {
    /// Each malformed document, what the error says, and where: the line and column count from 1 (in bytes).
    static let malformed: [(json: String, message: String, location: String)] = [
        ("", "Expected an object, found the end of the data", "line 1, column 1 (byte offset 0)"),
        ("   ", "Expected an object, found the end of the data", "line 1, column 4 (byte offset 3)"),
        (#"{"text":"a",}"#, "Expected a member name, found '}'", "line 1, column 13 (byte offset 12)"),
        (#"{"text" "a"}"#, "Expected ':', found a string", "line 1, column 9 (byte offset 8)"),
        (#"{"text":"a" "flag":true}"#, "Expected ',' or '}', found a string", "line 1, column 13 (byte offset 12)"),
        (
            "{\"text\":\"a\"}\n  x", "Expected the end of the data after the value, found 'x'",
            "line 2, column 3 (byte offset 15)"
        ),
        (#"{"text":"abc"#, "Unterminated string", "line 1, column 9 (byte offset 8)"),
        (
            "{\n\"text\":\"a\u{1}\"}", "Unescaped control character 0x1 in a string",
            "line 2, column 10 (byte offset 11)"
        ),
        (#"{"text":"\x"}"#, "Invalid escape in a string", "line 1, column 10 (byte offset 9)"),
        (#"{"text":"\u12G4"}"#, "Expected four hexadecimal digits after \\u", "line 1, column 14 (byte offset 13)"),
        (#"{"text":"\uD800"}"#, "Unpaired UTF-16 surrogate", "line 1, column 10 (byte offset 9)"),
        (#"{"text":"\uDC00\uD800"}"#, "Unpaired UTF-16 surrogate", "line 1, column 10 (byte offset 9)"),
        (#"{"text":"\uD800\u0041"}"#, "Unpaired UTF-16 surrogate", "line 1, column 10 (byte offset 9)"),
        (#"{"int32Value":01}"#, "Expected ',' or '}', found a number", "line 1, column 16 (byte offset 15)"),
        (
            #"{"int32Value":1.}"#, "Expected a digit after the decimal point, found '}'",
            "line 1, column 17 (byte offset 16)"
        ),
        (#"{"int32Value":-}"#, "Expected a digit, found '}'", "line 1, column 16 (byte offset 15)"),
        (#"{"int32Value":1e}"#, "Expected a digit in the exponent, found '}'", "line 1, column 17 (byte offset 16)"),
        (#"{"flag":tru}"#, "Expected a boolean, found 't'", "line 1, column 9 (byte offset 8)"),
        (#"{"unknown":nul}"#, "Expected a value, found 'n'", "line 1, column 12 (byte offset 11)"),
        (#"{"unknown":[1,]}"#, "Expected a value, found ']'", "line 1, column 15 (byte offset 14)"),
        (#"{"strings":["a",]}"#, "Expected a string, found ']'", "line 1, column 17 (byte offset 16)"),
        (#"{"unknown":{"a" 1}}"#, "Expected ':', found a number", "line 1, column 17 (byte offset 16)"),
        (#"{"unknown":+1}"#, "Expected a value, found '+'", "line 1, column 12 (byte offset 11)"),
        (#"[]"#, "Expected an object, found an array", "line 1, column 1 (byte offset 0)"),
    ]

    @Test(arguments: malformed.indices)
    func malformedJSONIsALocatedError(_ index: Int) {
        let (json, message, location) = Self.malformed[index]
        expectLocatedError(DirectSample.self, json, message, at: location)
    }

    @Test func syntaxErrorsAreDataCorruptedLikeJSONDecoders() throws {
        let error = #expect(throws: DecodingError.self) { try direct(DirectSample.self, #"{"text":}"#) }
        guard case .dataCorrupted(let context)? = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription.hasPrefix("The given data was not valid JSON: Expected a string, found '}'"))
        #expect(context.codingPath.map(\.stringValue) == ["text"])
    }

    @Test func typeErrorsNameTheirPath() throws {
        let json = #"{"children":[{},{"size":true}]}"#
        let error = #expect(throws: DecodingError.self) { try direct(DirectSample.self, json) }
        guard case .typeMismatch(_, let context)? = error else {
            Issue.record("expected typeMismatch, got \(String(describing: error))")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["children", "Index 1", "size"])
        #expect(context.codingPath.map(\.intValue) == [nil, 1, nil])
        #expect(
            context.debugDescription
                == "Expected a string or a number, found a boolean at line 1, column 25 (byte offset 24).")
        let null = #expect(throws: DecodingError.self) { try direct([String].self, #"["a",null]"#) }
        guard case .valueNotFound? = null else {
            Issue.record("expected valueNotFound, got \(String(describing: null))")
            return
        }
    }

    @Test func malformedWireTextIsDataCorrupted() throws {
        let context = expectDataCorrupted { _ = try direct(DirectSample.self, #"{"child":{"size":"ten"}}"#) }
        #expect(context?.codingPath.map(\.stringValue) == ["child", "size"])
        #expect(context?.debugDescription.contains("line 1, column 18 (byte offset 17)") == true)
        for json in [
            #"{"timestamp":"2024-13-01T00:00:00Z"}"#, #"{"duration":"3"}"#, #"{"bytes":"!"}"#, #"{"day":"2023-02-29"}"#,
            #"{"doubleValue":"nan"}"#, #"{"int64Value":"1.0"}"#, #"{"uint64Value":"-1"}"#,
        ] {
            expectDataCorrupted { _ = try direct(DirectSample.self, json) }
            expectSameAsFoundation(DirectSample.self, json)
        }
    }
}

@Suite struct DirectJSONStructureTests {
    @Test func nestingDeeperThan512IsAnErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try direct(JSONValue.self, deep) }
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        expectLocatedError(
            JSONValue.self, tooDeep, "nested more than 512 deep", at: "line 1, column 513 (byte offset 512)")
        // In a member that no field wants, too, and far deeper.
        let skipped = #"{"unknown":"# + String(repeating: "[{\"a\":", count: 100_000)
        expectLocatedError(
            DirectSample.self, skipped, "nested more than 512 deep", at: "line 1, column 1543 (byte offset 1542)")
        // Through a struct that contains itself.
        let chain = String(repeating: #"{"next":"#, count: 600) + "{}" + String(repeating: "}", count: 600)
        #expect(throws: DecodingError.self) { try direct(DirectSample.self, chain) }
        let allowed = String(repeating: #"{"next":"#, count: 511) + "{}" + String(repeating: "}", count: 511)
        #expect(throws: Never.self) { try direct(DirectSample.self, allowed) }
    }

    /// Apple's platforms give secondary threads (and so the tasks on them) 512 KiB of stack, in which 512 levels of
    /// a struct inside itself do not fit (JSONDecoder does not fit 512 levels of `JSONValue` in it either): the
    /// reader stops with an error before the stack runs out, never with a crash.
    @Test func deepDocumentsOnASmallStackAreAnErrorNotACrash() {
        let deepValue = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        let deepChain = String(repeating: #"{"next":"#, count: 511) + "{}" + String(repeating: "}", count: 511)
        let results = Mutex<[String]>([])
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var outcomes: [String] = []
            for (type, json) in [(JSONValue.self, deepValue), (DirectSample.self, deepChain)]
                as [(any Decodable.Type, String)]
            {
                do {
                    _ = try JSONCoding.decode(type, from: Data(json.utf8))
                    outcomes.append("decoded")
                } catch {
                    let description = String(describing: error)
                    outcomes.append(description.contains("for the stack of this thread") ? "stopped" : description)
                }
            }
            results.withLock { $0 = outcomes }
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        for outcome in results.withLock({ $0 }) {
            #expect(outcome == "decoded" || outcome == "stopped")
        }
    }

    @Test func unknownMembersAreSkippedHoweverDeep() throws {
        let nested =
            String(repeating: #"{"x":["#, count: 200) + #"1,"s\"}",true,null,-1.5e3"#
            + String(repeating: "]}", count: 200)
        let json =
            #"{"before":"#
            + nested + #","text":"kept","after":{"text":"not this one"},"int32Value":7,"z":[[],{}]}"#
        let sample = try direct(DirectSample.self, json)
        #expect(sample.text == "kept")
        #expect(sample.int32Value == 7)
        expectSameAsFoundation(DirectSample.self, json)
    }

    /// As with JSONDecoder, the first of two members with the same name wins (`null` too), in structs, dictionaries
    /// and `JSONValue` objects; the later one is still checked as JSON.
    @Test func theFirstOfRepeatedMembersWins() throws {
        let json =
            #"{"text":"first","text":"second","flag":null,"flag":true,"timestampMap":{"a":"1970-01-01T00:00:00Z","a":"bad"}}"#
        let sample = try direct(DirectSample.self, json)
        #expect(sample.text == "first")
        #expect(sample.flag == nil)
        #expect(sample.timestampMap == ["a": Timestamp(seconds: 0)])
        expectSameAsFoundation(DirectSample.self, json)
        expectSameAsFoundation(JSONValue.self, #"{"a":1,"a":"two","b":{"c":null,"c":[]}}"#)
        expectSameAsFoundation(DirectSample.self, #"{"text":"a","text":1}"#)
        #expect(throws: DecodingError.self) { try direct(DirectSample.self, #"{"text":"a","text":[}"#) }
        var wide = DirectWide()
        wide.values[3] = 3
        wide.values[69] = 69
        let wideJSON = #"{"f69":69,"f3":3,"f69":1,"f3":1,"f68":null,"f68":68}"#
        #expect(try direct(DirectWide.self, wideJSON) == wide)
        expectSameAsFoundation(DirectWide.self, wideJSON)
    }

    @Test func nullFieldsAreSentAsNull() throws {
        var sample = DirectSample()
        sample.text = "kept"
        sample.sendNull(for: \.int64Value)
        sample.sendNull(for: \.child)
        sample.nullFields.insert("next")
        sample.nullFields.insert("notAField")
        let json = try directJSON(sample)
        #expect(json == #"{"child":null,"int64Value":null,"next":null,"text":"kept"}"#)
        #expect(json == (try encodedJSON(sample)))
        sample.int64Value = 4
        #expect(try directJSON(sample) == #"{"child":null,"int64Value":"4","next":null,"text":"kept"}"#)
        #expect(try direct(DirectSample.self, json).nullFields.isEmpty)
    }

    @Test func wideTablesAndFieldsOutOfOrder() throws {
        var wide = DirectWide()
        for index in stride(from: 0, to: 70, by: 3) { wide.values[index] = Int32(index) }
        let json = try directJSON(wide)
        #expect(json == (try encodedJSON(wide)))
        #expect(try direct(DirectWide.self, json) == wide)
    }
}

@Suite struct DirectJSONNumberTests {
    @Test func integersAtTheEdgesOfTheirTypes() throws {
        expectSameAsFoundation(DirectSample.self, #"{"int32Value":-2147483648,"uint32Value":4294967295}"#)
        for json in [
            #"{"int32Value":2147483647}"#, #"{"int32Value":2147483648}"#, #"{"int32Value":-2147483649}"#,
            #"{"uint32Value":0}"#, #"{"uint32Value":-0}"#, #"{"uint32Value":-1}"#, #"{"uint32Value":4294967296}"#,
            #"{"int32Value":1.0}"#, #"{"int32Value":1e2}"#, #"{"int32Value":1.5e1}"#, #"{"int32Value":1.5}"#,
            #"{"int32Value":15e-1}"#, #"{"int32Value":-0.0}"#, #"{"int32Value":1e400}"#, #"{"int32Value":"1"}"#,
            #"{"int64Value":"9223372036854775807"}"#, #"{"int64Value":"-9223372036854775808"}"#,
            #"{"int64Value":"9223372036854775808"}"#, #"{"int64Value":"+7"}"#, #"{"int64Value":"007"}"#,
            #"{"int64Value":""}"#, #"{"int64Value":"-"}"#, #"{"int64Value":" 1"}"#, #"{"int64Value":"\u0031"}"#,
            #"{"int64Value":9223372036854775807}"#, #"{"int64Value":-9223372036854775808}"#,
            #"{"int64Value":9223372036854775808}"#, #"{"int64Value":1e2}"#, #"{"int64Value":1.5}"#,
            #"{"uint64Value":"18446744073709551615"}"#, #"{"uint64Value":"18446744073709551616"}"#,
            #"{"uint64Value":18446744073709551615}"#, #"{"uint64Value":-1}"#, #"{"uint64Value":"-0"}"#,
            #"{"codableInt64":9223372036854775807}"#, #"{"codableInt64":"1"}"#,
            #"{"codableInt64":-9223372036854775809}"#,
            #"{"int64List":["1",2,"-3"]}"#, #"{"nestedLists":[["1"],[2,"3"],[]]}"#,
        ] {
            expectSameAsFoundation(DirectSample.self, json)
        }
        #expect(try direct(DirectSample.self, #"{"int64Value":"-9223372036854775808"}"#).int64Value == .min)
        #expect(try direct(DirectSample.self, #"{"uint64Value":18446744073709551615}"#).uint64Value == .max)
        #expect(try direct([Int32].self, "[-2147483648, 2147483647]") == [.min, .max])
        #expect(throws: DecodingError.self) { try direct([Int32].self, "[2147483648]") }
    }

    @Test func doublesAreWrittenInTheShortestFormAndReadBackExactly() throws {
        var generator = SplitMix64(seed: 24)
        var values: [Double] = [
            0, -0.0, 0.1, 0.2, 1.0 / 3, 1e-7, 1.5e-7, 1e15, 1e16, 1e21, 1e22, 1e23, 123_456_789.123, 2.5e-5,
            .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, .pi, -.ulpOfOne,
            Double(Int64(9_007_199_254_740_993)), Double(bitPattern: 1), Double(bitPattern: 0x000F_FFFF_FFFF_FFFF),
        ]
        for _ in 0..<3000 {
            values.append(Double(bitPattern: generator.next()))
            values.append(Double(generator.next() % 1_000_000) / 1000)
        }
        values = values.filter(\.isFinite)
        let ours = try directJSON(values)
        #expect(ours == (try encodedJSON(values)))
        let decoded = try direct([Double].self, ours)
        #expect(decoded.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(
            try JSONDecoder().decode([Double].self, from: Data(ours.utf8)).map(\.bitPattern)
                == decoded.map(\.bitPattern))
        // Written with more digits than they need, in every notation.
        let texts =
            values.prefix(2000).map { String(format: "%.17g", $0) } + ["1E5", "1e+5", "0.000001e6", "-0", "100e-2"]
        let json = "[" + texts.joined(separator: ",") + "]"
        #expect(
            try direct([Double].self, json).map(\.bitPattern)
                == (try decodedJSON([Double].self, from: json)).map(\.bitPattern))
        let floats = values.prefix(500).map { Float($0) }.filter(\.isFinite)
        #expect(try directJSON(floats) == (try encodedJSON(floats)))
        #expect(try direct([Float].self, try directJSON(floats)).map(\.bitPattern) == floats.map(\.bitPattern))
    }

    @Test func numbersTooLargeOrTooSmallAreRefusedAsJSONDecoderRefusesThem() {
        for json in [
            "[1e308]", "[1.8e308]", "[-1e400]", "[1e-320]", "[2.5e-324]", "[2.4e-324]", "[1e-400]", "[0e-400]",
            "[0.000e999]", "[123456789012345678901234567890]",
        ] {
            expectSameAsFoundation([Double].self, json)
        }
        for json in ["[3.4028235e38]", "[3.4028236e38]", "[1e-45]", "[7e-46]", "[1e-46]", "[16777217]", "[0.1]"] {
            expectSameAsFoundation([Float].self, json)
        }
    }

    @Test func specialFloatingPointValuesTravelAsStrings() throws {
        var sample = DirectSample()
        sample.doubleValue = .nan
        sample.floatValue = -.infinity
        #expect(try directJSON(sample) == #"{"doubleValue":"NaN","floatValue":"-Infinity"}"#)
        #expect(try directJSON(sample) == (try encodedJSON(sample)))
        let decoded = try direct(DirectSample.self, #"{"doubleValue":"Infinity","floatValue":"NaN"}"#)
        #expect(decoded.doubleValue == .infinity)
        #expect(decoded.floatValue?.isNaN == true)
        for json in [
            #"{"doubleValue":"-Infinity"}"#, #"{"doubleValue":"1.5"}"#, #"{"doubleValue":"1e400"}"#,
            #"{"doubleValue":"inf"}"#, #"{"doubleValue":"0x1p3"}"#, #"{"floatValue":"3.5"}"#, #"{"doubleValue":true}"#,
        ] {
            expectSameAsFoundation(DirectSample.self, json)
        }
        // A JSONValue number has no such form: like JSONEncoder, the writer refuses it.
        #expect(throws: EncodingError.self) { try JSONCoding.encode(JSONValue.number(.nan)) }
        #expect(throws: EncodingError.self) { try JSONCoding.encode(["x": JSONValue.number(.infinity)]) }
        var codable = DirectSample()
        codable.codableDouble = .infinity
        #expect(throws: EncodingError.self) { try JSONCoding.encode(codable) }
    }

    /// Found by fuzzing: a whole number too large for an `Int64` with its fraction is a `number`, written without
    /// the fraction and so read back as an `integer`, with JSONDecoder and JSONEncoder as with the direct path.
    @Test func jsonValueWholeNumbersComeBackAsIntegers() throws {
        let json = "18473709046788320.229"
        #expect(try direct(JSONValue.self, json) == .number(18_473_709_046_788_320))
        #expect(try directJSON(JSONValue.number(18_473_709_046_788_320)) == "1.847370904678832e+16")
        #expect(try direct(JSONValue.self, "1.847370904678832e+16") == .integer(18_473_709_046_788_320))
        expectSameAsFoundation(JSONValue.self, json)
        expectSameAsFoundation(JSONValue.self, "1.847370904678832e+16")
    }

    @Test func jsonValueKeepsIntegersExactly() throws {
        let json =
            #"[9007199254740993, -9223372036854775808, 9223372036854775807, 18446744073709551615, 0.5, 1.0, 2e0]"#
        #expect(
            try direct(JSONValue.self, json)
                == [
                    .integer(9_007_199_254_740_993), .integer(.min), .integer(.max),
                    .number(18_446_744_073_709_551_615.0),
                    .number(0.5), .integer(1), .integer(2),
                ])
        expectSameAsFoundation(JSONValue.self, json)
    }
}

@Suite struct DirectJSONTimestampTests {
    @Test func timestampsWithEveryPrecision() throws {
        let cases: [(String, Timestamp)] = [
            ("2024-01-02T03:04:05Z", Timestamp(seconds: 1_704_164_645)),
            ("2024-01-02T03:04:05.100Z", Timestamp(seconds: 1_704_164_645, nanoseconds: 100_000_000)),
            ("2024-01-02T03:04:05.000001Z", Timestamp(seconds: 1_704_164_645, nanoseconds: 1000)),
            ("2024-01-02T03:04:05.000000001Z", Timestamp(seconds: 1_704_164_645, nanoseconds: 1)),
            ("1969-12-31T23:59:59.999999999Z", Timestamp(seconds: -1, nanoseconds: 999_999_999)),
            ("0001-01-01T00:00:00Z", Timestamp(seconds: -62_135_596_800)),
            ("9999-12-31T23:59:59.999999999Z", Timestamp(seconds: 253_402_300_799, nanoseconds: 999_999_999)),
        ]
        for (text, timestamp) in cases {
            var sample = DirectSample()
            sample.timestamp = timestamp
            let json = #"{"timestamp":"\#(text)"}"#
            #expect(try directJSON(sample) == json)
            #expect(try direct(DirectSample.self, json) == sample)
            expectSameAsFoundation(DirectSample.self, json)
        }
    }

    @Test func timestampsInOtherFormsReadAsRFC3339Allows() throws {
        for text in [
            "2024-01-02T03:04:05.5Z", "2024-01-02t03:04:05z", "2024-01-02T03:04:05+05:30",
            "2024-01-02T03:04:05.12-08:00",
            "2024-01-02T03:04:05.1234567891Z", "2024-01-02 03:04:05Z", "2024-1-02T03:04:05Z", "2024-01-02T24:00:00Z",
            "2024-01-02T03:04:05", "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05+0530", "",
            "\u{661}024-01-02T03:04:05Z",
            "2024-01-02T03:04:05\u{5A}",
        ] {
            expectSameAsFoundation(DirectSample.self, #"{"timestamp":"\#(text)","date":"\#(text)"}"#)
            expectSameAsFoundation([Timestamp].self, #"["\#(text)"]"#)
        }
        #expect(
            try direct(DirectSample.self, #"{"timestamp":"2024-01-02T03:04:05\u005a"}"#).timestamp
                == Timestamp(seconds: 1_704_164_645))
    }

    @Test func timesOutsideTheYears1To9999AreClamped() throws {
        var sample = DirectSample()
        sample.timestamp = Timestamp(seconds: .max / 2)
        #expect(try directJSON(sample) == #"{"timestamp":"9999-12-31T23:59:59.999999999Z"}"#)
        sample.timestamp = Timestamp(seconds: .min / 2)
        #expect(try directJSON(sample) == #"{"timestamp":"0001-01-01T00:00:00Z"}"#)
        #expect(try directJSON(sample) == (try encodedJSON(sample)))
    }
}

/// A small deterministic generator, so that the random cases are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
