import DiscoveryRuntime
import Foundation
import JSONDifferential
import Testing
import Torture

/// The client's direct JSON reader and writer (`JSONCoding`) against `JSONDecoder` and `JSONEncoder`, on the torture
/// fixture's generated types: documents made from full values, then mutated at random (values of other types and at
/// the edges of each type, unknown and repeated members, escapes, numbers in other notations, other member orders),
/// must decode to equal values (or fail both ways), and those values must encode to the same bytes.
@Suite struct TortureJSONDifferentialTests {
    @Test func directAndFoundationAgreeOnMutatedDocuments() throws {
        var allTypes = AllTypes()
        allTypes.text = "t\u{E9}xt"
        allTypes.flag = true
        allTypes.int32Value = -5
        allTypes.uint32Value = 5
        allTypes.int64Value = -9_007_199_254_740_993
        allTypes.uint64Value = .max
        allTypes.floatValue = 1.5
        allTypes.doubleValue = 0.1
        allTypes.timestamp = Timestamp(seconds: 1_700_000_000, nanoseconds: 500_000_000)
        allTypes.duration = .milliseconds(3500)
        allTypes.fieldMask = FieldMask(paths: ["a.b", "c"])
        allTypes.bytes = Foundation.Data([0xFB, 0xFF])
        allTypes.day = CalendarDate(year: 2024, month: 3, day: 8)
        allTypes.anything = .object(["k": .array([.null, .bool(true), .integer(3), .number(0.5)])])
        allTypes.int64List = [1, 2]
        allTypes.timestampMap = ["start": Timestamp(seconds: 0)]
        allTypes.nestedLists = [[3], []]
        allTypes.states = [.on, .init(rawValue: "STATES_DIMMED")]
        allTypes.type = .a
        allTypes.inline = .init(count: 7, deeper: .init(leaf: true))
        allTypes.inlineMap = ["m": .init(size: 2)]
        allTypes.reference = Keywords(class: "c", enum: "e")
        allTypes.alias = ["x", "y"]
        allTypes.enumAlias = .init_
        let folder = Folder(
            name: "child", parent: Folder(name: "root", owner: Person(home: Folder(name: "home"))),
            children: [Folder(name: "a"), Folder(children: [])], owner: Person())
        let conformance = try JSONDecoder().decode(
            ConformanceNames.self,
            from: Foundation.Data(
                (#"{"all":"a","allCases":["hashValue","x"],"jsonWire":"9007199254740993","newValue":{"hashValue":"n"},"#
                    + #""nullFields":["x"],"rawValue":"description","value":{"hashValue":"d"},"wire":"w"}"#).utf8))

        var differential = JSONDifferential(seed: 24)
        differential.check(AllTypes.self, seed: allTypes, mutations: 1500)
        differential.check(Folder.self, seed: folder, mutations: 600)
        differential.check(ConformanceNames.self, seed: conformance, mutations: 400)
        differential.check(
            SearchPage.self, seed: SearchPage(nextPageToken: "n", results: [.init(name: "r")]), mutations: 200)
        differential.check(
            Torture.Date.self, seed: Torture.Date(when: Timestamp(seconds: 1), items: [.init(id: "i")]), mutations: 200)
        differential.check(StructRequest.self, seed: ["a": .integer(1), "b": .string("s")], mutations: 200)
        differential.check([DetectionsElement].self, seed: [DetectionsElement()], mutations: 100)
        differential.check(Empty.self, seed: Empty(), mutations: 100)
        #expect(differential.disagreements.isEmpty, "\(differential.disagreements.prefix(5).joined(separator: "\n"))")
        #expect(differential.decodedBothWays > 900, "too few documents decoded: \(differential.decodedBothWays)")
        #expect(differential.failedBothWays > 900, "too few documents refused: \(differential.failedBothWays)")
    }
}
