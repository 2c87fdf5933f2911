import Foundation
import Testing

@testable import DiscoveryCodegen
@testable import DiscoverySpec

@Suite struct NamingTests {
    @Test(arguments: [
        ("max_results", "maxResults"), ("IN_PROGRESS", "inProgress"), ("@type", "type"), ("archiveJobs", "archiveJobs"),
        ("URLPath", "urlPath"), ("123abc", "_123abc"),
        ("options.requestedPolicyVersion", "optionsRequestedPolicyVersion"),
        ("foo-bar", "fooBar"), ("ETag", "eTag"),
    ])
    func lowerCamelCase(_ input: String, _ expected: String) {
        #expect(SwiftIdentifier.lowerCamel(input) == expected)
    }

    /// Regression: module `API` gets a client type `APIClient`, which hid the runtime's `APIClient` from the code
    /// generated inside it, so the module did not compile.
    @Test func aClientTypeNamedLikeARuntimeTypeQualifiesIt() throws {
        let spec = try SpecLoader.load(
            "name: api\nversion: v1\ntitle: API\nmodule: API\nrootURL: https://api.googleapis.com/\nscopes: {}\n",
            file: "api.yaml"
        ).spec
        let naming = Naming(spec: spec)
        #expect(naming.clientTypeName == "APIClient")
        #expect(naming.standard("APIClient") == "DiscoveryRuntime.APIClient")
        #expect(naming.standard("APIRequest") == "APIRequest")
        let client = try #require(try ModuleGenerator.generate(spec).first { $0.name == "Client.swift" })
        #expect(client.contents.contains("    let apiClient: DiscoveryRuntime.APIClient\n"))
    }

    /// A large module's types spread over several files, each schema in exactly one, chosen by its name only: a
    /// schema added later moves no other schema to another file.
    @Test func largeModulesSpreadTheirTypesOverFilesByName() throws {
        func spec(schemas count: Int) throws -> APISpec {
            var text =
                "name: big\nversion: v1\ntitle: Big\nrootURL: https://big.googleapis.com/\nscopes: {}\nschemas:\n"
            for index in 0..<count { text += "  Item\(index):\n    properties:\n      name: { type: string }\n" }
            return try SpecLoader.load(text, file: "big.yaml").spec
        }
        func typeFiles(_ spec: APISpec) throws -> [String: String] {
            Dictionary(
                uniqueKeysWithValues: try ModuleGenerator.generate(spec).filter { $0.name.hasPrefix("Types") }.map {
                    ($0.name, $0.contents)
                })
        }
        #expect(try typeFiles(spec(schemas: 60)).keys.sorted() == ["Types.swift"])
        let files = try typeFiles(spec(schemas: 150))
        #expect(files.keys.sorted() == ["Types1.swift", "Types2.swift", "Types3.swift"])
        for index in 0..<150 {
            let holders = files.filter { $0.value.contains("public struct Item\(index): JSONObject {") }
            #expect(holders.count == 1, "Item\(index) is in \(holders.count) files")
        }
        // One schema more changes one file.
        let grown = try typeFiles(spec(schemas: 151))
        #expect(grown.keys.sorted() == files.keys.sorted())
        #expect(files.filter { grown[$0.key] != $0.value }.count == 1)
    }

    @Test func namesWithoutLettersOrDigitsCannotBecomeIdentifiers() {
        #expect(SwiftIdentifier.lowerCamel("---") == nil)
        #expect(SwiftIdentifier.upperCamel("") == nil)
    }

    @Test func keywordsAreEscapedAndUnusableMembersRenamed() {
        #expect(SwiftIdentifier.escaped("class") == "`class`")
        #expect(SwiftIdentifier.escaped("init") == "init_")
        #expect(SwiftIdentifier.escaped("Type") == "Type_")
        #expect(SwiftIdentifier.escaped("name") == "name")
    }

    /// Names that generated types already have as members get a `_`, and two names that then meet are an error.
    @Test func memberNamesOfConformancesAreReserved() throws {
        #expect(Naming.propertyName("hashValue") == "hashValue_")
        for name in ["hash", "encode", "jsonFields", "rawValue", "description", "allCases"] {
            #expect(Naming.propertyName(name) == name)
        }
        let spec = try SpecLoader.load(
            """
            name: api
            version: v1
            title: API
            rootURL: https://api.googleapis.com/
            scopes:
              https://www.googleapis.com/auth/api.all: All
              https://www.googleapis.com/auth/api.rawValue: Raw value
              https://www.googleapis.com/auth/api.description: Description
            schemas:
              Thing:
                properties:
                  hashValue: { type: string }
                  hashValue_: { type: string }
            """,
            file: "api.yaml"
        ).spec
        #expect(Naming(spec: spec).scopeConstantNames == ["all_", "rawValue_", "description"])
        #expect(
            ModuleGenerator.check(spec).map(\.description) == [
                "api.yaml:13:7: error: property 'hashValue_' and property 'hashValue' (line 12) both become 'hashValue_' in type 'Thing'"
            ])
    }

    /// The torture fixture, whose output the `Torture` target compiles, must use every reserved name.
    @Test func tortureFixtureCoversEveryReservedName() throws {
        let path = packageRoot.appendingPathComponent("Tests/Fixtures/torture/spec.yaml").path
        let naming = Naming(spec: try SpecLoader.load(contentsOfFile: path).spec)
        guard case .object(let properties) = naming.schema(named: "ConformanceNames")?.type else {
            Issue.record("the torture fixture lost its ConformanceNames schema")
            return
        }
        let reserved = Naming.ReservedMemberNames.self
        #expect(reserved.structProperties.subtracting(properties.map(\.name)).isEmpty)
        #expect(Set(reserved.scopeConstants.map { $0 + "_" }).subtracting(naming.scopeConstantNames).isEmpty)
    }

    /// The torture fixture, whose output the `Torture` target compiles, must use every keyword as a property and an enum value.
    @Test func tortureFixtureCoversEveryKeyword() throws {
        let path = packageRoot.appendingPathComponent("Tests/Fixtures/torture/spec.yaml").path
        let spec = try SpecLoader.load(contentsOfFile: path).spec
        guard case .object(let properties) = spec.schema(named: "Keywords")?.type,
            case .enumeration(let values) = spec.schema(named: "KeywordEnum")?.type
        else {
            Issue.record("the torture fixture lost its Keywords schemas")
            return
        }
        let covered = Set(properties.map(\.name)).union(spec.schemas.map(\.name))
        let missing = SwiftIdentifier.keywords.subtracting(covered).subtracting(["_"])
        #expect(missing.isEmpty, "keywords not used as a property or schema name: \(missing.sorted())")
        let missingValues = SwiftIdentifier.keywords.subtracting(values.map(\.value)).subtracting([
            "_", "Self", "Protocol",
        ])
        #expect(missingValues.isEmpty, "keywords not used as an enum value: \(missingValues.sorted())")
    }

    @Test func stringLiteralsCannotBeEscaped() {
        #expect(SwiftText.literal(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(SwiftText.literal("\\(x)") == #""\\(x)""#)
        #expect(SwiftText.literal("line\nbreak\u{2028}") == #""line\nbreak\u{2028}""#)
        #expect(SwiftText.literal("\u{202E}é") == #""\u{202E}é""#)
    }

    @Test func documentationCannotStartNewCode() {
        #expect(
            SwiftText.documentationLines("one\ntwo\r\nthree\u{2028}four */ \u{202E}") == [
                "one", "two", "", "three", "four */",
            ])
        #expect(SwiftText.documentationLines("\n\n") == [])
        // ASCII has paths of its own: one line as it is but for trailing spaces, and lines copied in runs.
        #expect(SwiftText.documentationLines("  one line  ") == ["  one line"])
        #expect(SwiftText.documentationLines("   ") == [])
        #expect(SwiftText.documentationLines("a\tb\u{7F}c\u{1B}\n\n  d  \n") == ["a bc", "", "  d"])
        // Characters of two, three and four bytes are copied with the runs around them; invisible ones are dropped.
        #expect(SwiftText.documentationLines("café 映倫\u{200B} 😀\u{85}ok") == ["café 映倫 😀", "ok"])
    }

    @Test func enumPrefixesAreStrippedOnlyWhenNamesStayDistinct() {
        func values(_ names: [String]) -> [EnumValue] {
            names.map { EnumValue(value: $0, description: nil, location: .init(file: "x", line: 1, column: 1)) }
        }
        #expect(
            Naming.enumCaseNames(values(["ACCESS_TYPE_UNSPECIFIED", "ACCESS_TYPE_ONE_TIME"]), typeName: "accessType")
                == ["unspecified", "oneTime"])
        #expect(Naming.enumCaseNames(values(["STATE_A", "IN_PROGRESS"]), typeName: "state") == ["a", "inProgress"])
        #expect(Naming.enumCaseNames(values(["STATE_1", "STATE_TWO"]), typeName: "state") == ["state1", "two"])
    }
}
