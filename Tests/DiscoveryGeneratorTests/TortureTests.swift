import DiscoveryRuntime
import Foundation
import HTTPTypes
import TestTransport
import Testing
import Torture

/// `String`, `Date` and `Data` here are the fixture's schemas, so the standard ones are qualified.
///
/// The torture fixture's generated code compiles as the `Torture` target; these tests check that it also behaves.
@Suite struct TortureTests {
    private func roundTrip<Value: Codable>(_ value: Value) throws -> (json: Swift.String, decoded: Value) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return (Swift.String(decoding: data, as: UTF8.self), try JSONDecoder().decode(Value.self, from: data))
    }

    @Test func everyFieldTypeUsesGooglesJSONForm() throws {
        var value = AllTypes()
        value.int64Value = -9_007_199_254_740_993
        value.uint64Value = .max
        value.timestamp = Timestamp(seconds: 1_700_000_000, nanoseconds: 500_000_000)
        value.duration = .milliseconds(3500)
        value.bytes = Foundation.Data([0xFB, 0xFF])
        value.day = CalendarDate(year: 2024, month: 3, day: 8)
        value.fieldMask = FieldMask(paths: ["a.b", "c"])
        value.int64List = [1, 2]
        value.nestedLists = [[3]]
        value.timestampMap = ["start": Timestamp(seconds: 0)]
        value.anything = .object(["k": .array([.null, .bool(true)])])
        value.type = .a
        value.states = [.on, .init(rawValue: "STATES_DIMMED")]
        value.inline = .init(count: 7, deeper: .init(leaf: true))
        let (json, decoded) = try roundTrip(value)
        #expect(
            json
                == #"{"anything":{"k":[null,true]},"bytes":"+/8=","day":"2024-03-08","duration":"3.500s","fieldMask":"a.b,c","inline":{"count":"7","deeper":{"leaf":true}},"int64List":["1","2"],"int64Value":"-9007199254740993","nestedLists":[["3"]],"states":["STATES_ON","STATES_DIMMED"],"timestamp":"2023-11-14T22:13:20.500Z","timestampMap":{"start":"1970-01-01T00:00:00Z"},"type":"A","uint64Value":"18446744073709551615"}"#
        )
        #expect(decoded == value)
    }

    @Test func nilFieldsAreOmittedNotNull() throws {
        #expect(try roundTrip(AllTypes()).json == "{}")
        #expect(try roundTrip(Keywords(class: "c")).json == #"{"class":"c"}"#)
    }

    @Test func keywordNamesKeepTheirJSONNames() throws {
        let json = #"{"init":"i","self":"s","Type":"t","default":"d","Any":"a"}"#
        let keywords = try JSONDecoder().decode(Keywords.self, from: Foundation.Data(json.utf8))
        #expect(keywords.init_ == "i")
        #expect(keywords.self_ == "s")
        #expect(keywords.type == "t")
        #expect(keywords.default == "d")
        #expect(keywords.any == "a")
        #expect(KeywordEnum(rawValue: "init") == .init_)
        #expect(KeywordEnum(rawValue: "unrecognized") == .unrecognized)
        #expect(KeywordEnum(rawValue: "something new").rawValue == "something new")
    }

    @Test func injectedTextStaysText() throws {
        let json = #"{"quote\"d":"q","@type":"t","$ref":"r","foo-bar":"f","123abc":"n","kind":"\\(interpolated)"}"#
        let value = try JSONDecoder().decode(Injection.self, from: Foundation.Data(json.utf8))
        #expect(
            value.quoteD == "q" && value.type == "t" && value.ref == "r" && value.fooBar == "f" && value._123abc == "n")
        #expect(value.kind == .interpolated)
        #expect(Injection.Kind.quoted.rawValue == "\"quoted\"")
        #expect(Injection.Kind.backSlash.rawValue == "back\\slash")
        #expect(Injection.Kind.lineBreak.rawValue == "line\nbreak")
        #expect(Injection.Kind.nicode.rawValue == "ÜNICODE_✓")
        #expect(TortureScope.torture.rawValue == "https://www.googleapis.com/auth/torture")
    }

    @Test func recursiveSchemasNest() throws {
        let folder = Folder(name: "child", parent: Folder(name: "root", owner: Person(home: Folder(name: "home"))))
        let (json, decoded) = try roundTrip(folder)
        #expect(json == #"{"name":"child","parent":{"name":"root","owner":{"home":{"name":"home"}}}}"#)
        #expect(decoded == folder)
        #expect(decoded.parent?.owner?.home?.name == "home")
    }

    /// Boxed and deprecated fields are stored aside behind computed properties; `sendNull(for:)` finds them by the
    /// property's key path.
    @Test func fieldsStoredAsideAreSentAsNullByTheirKeyPaths() throws {
        var folder = Folder(name: "child", parent: Folder(name: "root"))
        folder.sendNull(for: \.parent)
        folder.sendNull(for: \.owner)
        #expect(folder.parent == nil)
        #expect(try roundTrip(folder).json == #"{"name":"child","owner":null,"parent":null}"#)

        // `old` is deprecated: its key path comes from the type, read through the protocol, which does not warn.
        func storedAside<Object: JSONObject>(_: Object.Type) -> [AnyKeyPath: Swift.String] {
            Object.fieldsStoredAside
        }
        #expect(Set(storedAside(AllTypes.self).values) == ["old"])
        #expect(Set(storedAside(Folder.self).values) == ["parent", "owner"])
        #expect(storedAside(Keywords.self).isEmpty)
        let old = try #require(
            storedAside(AllTypes.self).first?.key as? WritableKeyPath<AllTypes, Swift.String?>)
        var value = AllTypes(text: "t")
        value[keyPath: old] = "set through the property"
        #expect(try roundTrip(value).json == #"{"old":"set through the property","text":"t"}"#)
        value.sendNull(for: old)
        #expect(try roundTrip(value).json == #"{"old":null,"text":"t"}"#)
    }

    @Test func shadowingSchemasAreDistinctFromStandardTypes() throws {
        let value = Torture.Date(
            when: Timestamp(seconds: 0), items: [Torture.Data(bytes: Foundation.Data([1]))])
        #expect(try roundTrip(value).json == #"{"items":[{"bytes":"AQ=="}],"when":"1970-01-01T00:00:00Z"}"#)
    }

    @Test func methodScopesAreListed() {
        #expect(TortureClient.FilesMethods.deleteScopes == [.torture, .class])
        #expect(TortureClient.FilesMethods.listScopes == TortureScope.all)
        #expect(TortureScope.all.count == 7)
        #expect(TortureScope.openid.rawValue == "openid")
    }

    /// Regression: a property named `hashValue` redeclared `Hashable`'s, so the module did not compile. Every
    /// member name that generated types get from their conformances or the runtime keeps its JSON name.
    @Test func memberNamesOfConformancesRoundTripUnderTheirJSONNames() throws {
        let json =
            #"{"all":"a","allCases":["hashValue","rawValue","something new"],"apiClient":"c","boxed":"b","#
            + #""debugDescription":"d","defaultServerURL":"u","description":"s","encode":"e","field":"f","hash":"h","#
            + #""hashValue":"v","httpParameterValue":"p","jsonFields":"j","jsonWire":"9007199254740993","#
            + #""locationalServerURLs":"l","mtlsServerURL":"m","newValue":{"hashValue":"nested"},"nullFields":["x"],"#
            + #""rawValue":"description","shortName":"n","value":{"hashValue":"deprecated"},"wire":"w"}"#
        let value = try JSONDecoder().decode(ConformanceNames.self, from: Foundation.Data(json.utf8))
        let (encoded, decoded) = try roundTrip(value)
        #expect(encoded == json)
        #expect(decoded == value)
        let members = try #require(
            try JSONSerialization.jsonObject(with: Foundation.Data(json.utf8)) as? [Swift.String: Any])
        #expect(Set(members.keys) == Set(ConformanceNames.jsonFields.map(\.name)), "the JSON must have every field")
        #expect(value.hashValue_ == "v" && value.newValue?.hashValue_ == "nested")
        #expect(value.nullFields_ == ["x"] && value.nullFields.isEmpty)
        #expect(value.description == "s" && value.jsonFields == "j" && value.jsonWire == 9_007_199_254_740_993)
        #expect(value.rawValue == .description)
        #expect(value.allCases == [.hashValue, .rawValue, ConformanceValues(rawValue: "something new")])
        #expect(Set([value, decoded]).count == 1)
        #expect(ConformanceValues.rawValue.rawValue == "rawValue")
        #expect(TortureScope.all_.rawValue == "https://www.googleapis.com/auth/torture.all")
        #expect(TortureScope.rawValue_.rawValue == "https://www.googleapis.com/auth/torture.rawValue")
        #expect(TortureScope.description.rawValue == "https://www.googleapis.com/auth/torture.description")
    }

    /// Regression: a resource type named like a schema, and schemas named like the modules and types that generated
    /// code names, stopped generation or produced code that did not compile.
    @Test func schemasNamedLikeWhatGeneratedCodeUsesGetDistinctTypes() throws {
        let status: FilesResource = try JSONDecoder().decode(FilesResource.self, from: Data(#"{"name":"a"}"#.utf8))
        #expect(status.name == "a")
        let value = UsesCodingKeys(keys: CodingKeys(key: "k"), date: Timestamp(seconds: 0))
        #expect(try roundTrip(value).json == #"{"date":"1970-01-01T00:00:00Z","keys":{"key":"k"}}"#)
        #expect(Swift.String(describing: Swift_.self) == "Swift_")
        #expect(Swift.String(describing: Foundation_.self) == "Foundation_")
    }

    /// Regression: walletobjects.v1 lists `ACTIVATED` and `activated`; translate.v2 has an array schema of inline
    /// objects, which needs an element type beside its alias.
    @Test func aliasElementsAndCaseOnlyDifferentValuesCompileAndDecode() throws {
        let items = try JSONDecoder().decode(
            Detections.self, from: Data(#"[{"state":"ACTIVATED"},{"state":"activated","language":"en"}]"#.utf8))
        #expect(items.map(\.state) == [.activated, .activated_])
        #expect(items.last?.language == "en")
    }
}

/// The generated paging of the torture fixture's `files.search`, whose items are a nested type.
@Suite struct TorturePagingTests {
    @Test func itemsFollowPageTokensThroughTheOnePageMethod() async throws {
        let transport = ScriptedTransport([
            .response(status: 200, body: #"{"results": [{"name": "a"}, {"name": "b"}], "nextPageToken": "t2"}"#),
            .response(status: 200, body: #"{"results": [], "nextPageToken": "t3"}"#),
            .response(status: 200, body: #"{"results": [{"name": "c"}]}"#),
        ])
        let client = TortureClient(transport: transport)
        var names: [Swift.String] = []
        for try await result in client.files.searchItems(query: "q", pageSize: 2) {
            names.append(result.name ?? "")
        }
        #expect(names == ["a", "b", "c"])
        let queries = await transport.calls.map { $0.request.path ?? "" }
        #expect(queries.count == 3)
        #expect(
            queries[0].contains("query=q") && queries[0].contains("pageSize=2") && !queries[0].contains("pageToken"))
        #expect(queries[1].contains("pageToken=t2") && queries[1].contains("pageSize=2"))
        #expect(queries[2].contains("pageToken=t3"))
    }

    /// The items method reads a field that has another Swift name, and calls the pages method although a parameter
    /// has its name.
    @Test func itemsOfAFieldNamedHashValue() async throws {
        let transport = ScriptedTransport([.response(status: 200, body: #"{"hashValue": ["a", "b"]}"#)])
        let client = TortureClient(transport: transport)
        var items: [Swift.String] = []
        for try await item in client.conformances.hashValueItems(hashValuePages: "p") {
            items.append(item)
        }
        #expect(items == ["a", "b"])
        let path = try #require(await transport.calls.first?.request.path)
        #expect(path.hasPrefix("/v1/conformances:hashValue?") && path.contains("hashValuePages=p"))
    }
}

/// The generated media download of the torture fixture's `files.export`.
@Suite struct TortureMediaTests {
    @Test func exportMediaAsksForAltMediaFromTheDownloadService() async throws {
        let transport = ScriptedTransport([.response(status: 200, headers: ["Content-Type": "text/csv"], body: "a,b\n")]
        )
        let client = TortureClient(transport: transport)
        let download = try await client.files.exportMedia(name: "files/f 1", mimeType: "text/csv")
        #expect(download.contentType == "text/csv")
        #expect(try await download.data(upTo: 100) == Foundation.Data("a,b\n".utf8))
        let request = try #require(await transport.calls.first?.request)
        #expect(request.path?.hasPrefix("/download/v1/files/f%201:export?") == true)
        #expect(request.path?.contains("alt=media") == true)
        #expect(request.headerFields[.accept] == "*/*")
    }
}

/// A deprecated enum value still decodes and encodes, and the module does not warn about its constant.
@Suite struct TortureDeprecationTests {
    @Test func deprecatedValuesStillRoundTrip() throws {
        let order = TortureClient.FilesMethods.ListOrder(rawValue: "OLDEST")
        let json = try JSONEncoder().encode([order])
        #expect(Swift.String(decoding: json, as: UTF8.self) == #"["OLDEST"]"#)
        #expect(try JSONDecoder().decode([TortureClient.FilesMethods.ListOrder].self, from: json) == [order])
        #expect(order != .newest)
    }
}

/// What Google's documents do beyond the gRPC grammar, through the generated torture client.
@Suite struct TortureGoogleDocumentTests {
    private func sent(_ call: (TortureClient) async throws -> Void) async throws -> RecordingTransport.Call {
        let transport = RecordingTransport()
        try await call(TortureClient(transport: transport))
        return try await transport.onlyCall()
    }

    @Test func literalsKeepTheCharactersGoogleWrites() async throws {
        let mine = try await sent { _ = try await $0.paths.mine(tasklist: "a/b") }
        #expect(mine.request.path?.hasPrefix("/tasks/v1/users/@me/lists/a%2Fb?") == true)
        let copy = try await sent { try await $0.paths.copy(name: "a/x/y/b", AliasRequest()) }
        #expect(copy.request.path?.hasPrefix("/v1/!$&'()*+,;=@/a/x/y/b:copy?") == true)
    }

    @Test func aDoubleWildcardVariableCanBeFollowedByAnother() async throws {
        let call = try await sent {
            _ = try await $0.paths.children(parent: "projects/p/databases/(default)/documents/a/b", collectionId: "c")
        }
        #expect(call.request.path?.hasPrefix("/v1/projects/p/databases/(default)/documents/a/b/c?") == true)
        let transport = RecordingTransport()
        await #expect(throws: DiscoveryClientError.self) {
            _ = try await TortureClient(transport: transport).paths.children(parent: "projects/p", collectionId: "c")
        }
        #expect(await transport.calls.isEmpty)
    }

    @Test func theAPIVersionIsSentAndAMethodsOwnWins() async throws {
        let mine = try await sent { _ = try await $0.paths.mine(tasklist: "t") }
        #expect(mine.request.headerFields[HTTPField.Name("x-goog-api-version")!] == "2025-01-01")
        #expect(mine.operationID == "torture.paths.shared")
        let export = try await sent { try await $0.paths.export(name: "projects/p/fhirStores/s", ["k": .number(1)]) }
        #expect(export.request.headerFields[HTTPField.Name("x-goog-api-version")!] == "2026-10-01-preview")
        #expect(export.operationID == "torture.paths.shared", "two methods may share one id")
        #expect(export.request.path?.hasPrefix("/v1/projects/p/fhirStores/s/fhir/$export?") == true)
        #expect(export.body.map { Swift.String(decoding: $0, as: UTF8.self) } == #"{"k":1}"#)
    }

    @Test func theEmptyEnumValueRoundTrips() throws {
        #expect(Presence.empty.rawValue == "")
        let data = try JSONEncoder().encode([Presence.empty, .present])
        #expect(Swift.String(decoding: data, as: UTF8.self) == #"["","PRESENT"]"#)
        #expect(try JSONDecoder().decode([Presence].self, from: data) == [.empty, .present])
    }
}
