import DiscoverySpec
import DiscoveryYAML
import Foundation
import Testing

@testable import DiscoveryImport

@Suite struct ImportTests {
    @Test func kitchenSinkBecomesTheExpectedSpec() throws {
        let result = try importJSON(KitchenSink.document)
        #expect(result.yaml == KitchenSink.expectedSpec)
        #expect(
            messages(result.warnings) == [
                "15:3: warning: batch requests ('batchPath') are not supported by the generated client and are left out",
                "48:55: warning: format 'uint64' on type 'integer' is imported as type 'string' with format 'uint64'",
                "72:26: warning: path parameter 'shelf' of method 'shelves.clear' is not marked required; it is imported as required, since the URL needs it",
                "112:23: warning: method 'shelves.books.download': '{+path}' has no pattern that shows its segments; it becomes {path=**}, which accepts any value with slashes",
                "135:45: warning: format 'uri' on type 'string' is not in the spec format; it is imported as plain 'string'",
                "160:29: warning: property 'publisher' of schema 'Book' refers to schema 'Publisher', which the document does not define; it is imported as 'any'",
                "161:7: warning: property 'notes' of schema 'Book' is an array without 'items'; its items are imported as 'any'",
                "162:92: warning: format 'int64' on type 'integer' is imported as type 'string' with format 'int64'",
            ])
    }

    @Test func theKeyOrderOfTheDocumentDoesNotMatter() throws {
        let reversed = try jsonWithReversedKeys(YAMLLoader.load(KitchenSink.document, file: "doc.json"))
        #expect(try importJSON(reversed).yaml == importJSON(KitchenSink.document).yaml)

        let real = try String(contentsOf: realDocument("history/dataportability-v1.20240319.json"), encoding: .utf8)
        let realReversed = try jsonWithReversedKeys(YAMLLoader.load(real, file: "doc.json"))
        #expect(try importJSON(realReversed).yaml == importJSON(real).yaml)
    }

    /// Drive's title changed from "Drive API" to "Google Drive API"; `--module` keeps the module's name.
    @Test func aModuleNameCanBeKeptAcrossRevisions() throws {
        let result = try DiscoveryImporter.importDocument(KitchenSink.document, file: "doc.json", module: "Library")
        #expect(try SpecLoader.load(result.yaml, file: "spec.yaml").spec.module == "Library")
    }

    @Test func theSpecIsValidAndKeepsWhatTheDocumentSays() throws {
        let spec = try SpecLoader.load(importJSON(KitchenSink.document).yaml, file: "spec.yaml").spec
        #expect(spec.module == "LibraryBooks")
        #expect(
            spec.scopes.map(\.url) == [
                "https://www.googleapis.com/auth/library", "https://www.googleapis.com/auth/library.readonly",
            ])
        let create = try #require(spec.allMethods.first { $0.name == "create" })
        #expect(create.id == "library.shelves.create")
        #expect(create.body == .field("body"))
        #expect(create.isDeprecated)
        #expect(create.scopes == ["https://www.googleapis.com/auth/library"])
        let list = try #require(spec.allMethods.first { $0.name == "list" })
        #expect(list.id == "library.shelves.listAll")
        #expect(list.scopes == nil, "a method that allows every scope of the API lists none")
        #expect(
            list.parameters.map(\.name) == ["filter", "pageSize", "pageToken"], "parameterOrder first, then by name")
        let move = try #require(spec.allMethods.first { $0.name == "move" })
        #expect(move.path.description == "/library/v2/{name=shelves/*/books/*}:move")
        let mine = try #require(spec.allMethods.first { $0.name == "mine" })
        #expect(mine.id == list.id, "two methods may share an id")
        #expect(mine.path.description == "/library/v2/users/@me/shelves")
        #expect(mine.apiVersion == "2026-10-01-preview")
        #expect(spec.apiVersion == "2025-01-01")
        let children = try #require(spec.allMethods.first { $0.name == "children" })
        #expect(children.path.description == "/library/v2/{parent=shelves/*/books/*/**}/{collectionId}")
    }

    @Test func requestParameterNameIsTheBodyFieldUnlessItCollides() throws {
        func body(parameterName: String?, queryParameters: [String]) throws -> String? {
            let name = parameterName.map { #", "parameterName": "\#($0)""# } ?? ""
            let parameters = queryParameters.map { #""\#($0)": {"type": "string", "location": "query"}"# }.joined(
                separator: ", ")
            let json = minimalDocument(
                methods: #"""
                    "put": {"httpMethod": "PUT", "path": "things", "parameters": {\#(parameters)},
                            "request": {"$ref": "Thing"\#(name)}}
                    """#)
            let spec = try SpecLoader.load(importJSON(json).yaml, file: "spec.yaml").spec
            switch try #require(spec.allMethods.first).body {
            case .field(let field): return field
            case .wholeRequest: return "*"
            case .none: return nil
            }
        }
        #expect(try body(parameterName: nil, queryParameters: []) == "*")
        #expect(try body(parameterName: "thing", queryParameters: ["force"]) == "thing")
        #expect(try body(parameterName: nil, queryParameters: ["force"]) == "body")
        #expect(try body(parameterName: "force", queryParameters: ["force"]) == "body")
        #expect(try body(parameterName: nil, queryParameters: ["body", "request_body"]) == "body2")
    }

    @Test func methodsThatCannotBeExpressedAreErrorsNamingThem() throws {
        let json = minimalDocument(
            methods: #"""
                "mixed": {"httpMethod": "GET", "path": "things/a{id}b", "parameters": {"id": {"type": "string", "location": "path", "required": true}}},
                "middle": {"httpMethod": "GET", "path": "{+parent}/things", "parameters": {"parent": {"type": "string", "location": "path", "required": true}}},
                "head": {"httpMethod": "HEAD", "path": "things"},
                "fine": {"httpMethod": "GET", "path": "things"}
                """#)
        #expect(
            importErrors(json).filter { $0.contains(": error: ") } == [
                "3:40: error: method 'mixed' cannot be imported: path 'things/a{id}b' is not made of whole segments of literals and {variables}",
                "5:1: error: method 'head' cannot be imported: its httpMethod is not one of GET, PUT, POST, DELETE, PATCH",
            ])
    }

    @Test func aMultiSegmentVariableWithoutPatternMaySpanAnySegmentsAnywhere() throws {
        let json = minimalDocument(
            methods: #"""
                "middle": {"httpMethod": "GET", "path": "{+parent}/things", "parameters": {"parent": {"type": "string", "location": "path", "required": true}}}
                """#)
        let result = try importJSON(json)
        let spec = try SpecLoader.load(result.yaml, file: "spec.yaml").spec
        #expect(try #require(spec.allMethods.first).path.description == "/{parent=**}/things")
        #expect(
            messages(result.warnings).contains(
                "3:41: warning: method 'middle': '{+parent}' has no pattern that shows its segments; it becomes {parent=**}, which accepts any value with slashes"
            ))
    }

    @Test func whatTheSpecCannotSayBecomesAWarning() throws {
        let json = minimalDocument(
            schemas: #"""
                "Odd": {"type": "object", "properties": {
                  "level": {"type": "integer", "enum": ["1", "2"]},
                  "state": {"type": "string", "enum": ["A", "B", "A"]},
                  "nothing": {"type": "string", "enum": []},
                  "mixed": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "string"}},
                  "shape": {"type": "polygon"},
                  "untyped": {"description": "No type."},
                  "when": {"type": "string", "format": "time"},
                  "then": {"type": "string", "format": "time"}
                }}
                """#)
        let result = try importJSON(json)
        #expect(
            messages(result.warnings).filter { !$0.contains("batch") } == [
                "7:40: warning: property 'level' of schema 'Odd' has an enum on type 'integer', which the spec format does not allow; the enum is left out",
                "8:50: warning: enum value 'A' of property 'state' of schema 'Odd' appears twice; the second one is left out",
                "9:41: warning: property 'nothing' of schema 'Odd' has an empty enum; it is imported as a plain string",
                "10:96: warning: property 'mixed' of schema 'Odd' has both 'properties' and 'additionalProperties'; it is imported as a map and its properties are left out",
                "11:21: warning: property 'shape' of schema 'Odd' has the unknown type 'polygon'; it is imported as 'any'",
                "12:3: warning: property 'untyped' of schema 'Odd' has no 'type' or '$ref'; it is imported as 'any'",
                // Reported once, where the importer first met it ('then' comes before 'when').
                "14:40: warning: format 'time' on type 'string' is not in the spec format; it is imported as plain 'string' (2 places)",
            ])
        let spec = try SpecLoader.load(result.yaml, file: "spec.yaml").spec
        guard case .object(let properties) = try #require(spec.schema(named: "Odd")).type else {
            Issue.record("Odd is not an object")
            return
        }
        let types = Dictionary(uniqueKeysWithValues: properties.map { ($0.name, $0.type) })
        #expect(types["level"] == .int32)
        #expect(types["nothing"] == .string)
        #expect(types["mixed"] == .map(.string))
        #expect(types["shape"] == .any)
        #expect(types["when"] == .string)
    }

    /// businessprofileperformance v1 marks its page tokens `format: byte`; they are opaque, and the method pages.
    @Test func pageTokensMarkedAsBytesAreStringsAndTheMethodPages() throws {
        let json = minimalDocument(
            methods: #"""
                "list": {"httpMethod": "GET", "path": "things", "response": {"$ref": "Page"},
                         "parameters": {"pageToken": {"type": "string", "format": "byte", "location": "query"}}}
                """#,
            schemas: #"""
                "Page": {"type": "object", "properties": {
                  "nextPageToken": {"type": "string", "format": "byte"},
                  "things": {"type": "array", "items": {"$ref": "Thing"}}
                }}
                """#)
        let result = try importJSON(json)
        #expect(
            messages(result.warnings).filter { !$0.contains("batch") } == [
                "4:67: warning: format 'byte' on parameter 'pageToken' of method 'list' is left out: a page token is passed back as it came, as a string",
                "8:49: warning: format 'byte' on property 'nextPageToken' of schema 'Page' is left out: a page token is passed back as it came, as a string",
            ])
        let spec = try SpecLoader.load(result.yaml, file: "spec.yaml").spec
        let list = try #require(spec.allMethods.first)
        #expect(list.paging?.itemsField == "things")
        #expect(list.parameters.first { $0.name == "pageToken" }?.type == .string)
    }

    /// bigtableadmin v2 deprecates the `nextPageToken` of lists that do not page ("unused and ignored"): those
    /// methods do not page, and a deprecated array is not a list's items.
    @Test func deprecatedPageTokensAndItemsDoNotPage() throws {
        let json = minimalDocument(
            methods: #"""
                "list": {"httpMethod": "GET", "path": "things", "response": {"$ref": "Page"},
                         "parameters": {"pageToken": {"type": "string", "location": "query"}}},
                "listOld": {"httpMethod": "GET", "path": "old", "response": {"$ref": "OldPage"},
                            "parameters": {"pageToken": {"type": "string", "location": "query"}}}
                """#,
            schemas: #"""
                "Page": {"type": "object", "properties": {
                  "nextPageToken": {"type": "string"},
                  "legacy": {"type": "array", "items": {"$ref": "Thing"}, "deprecated": true},
                  "things": {"type": "array", "items": {"$ref": "Thing"}}
                }},
                "OldPage": {"type": "object", "properties": {
                  "nextPageToken": {"type": "string", "deprecated": true},
                  "things": {"type": "array", "items": {"$ref": "Thing"}}
                }}
                """#)
        let spec = try SpecLoader.load(importJSON(json).yaml, file: "spec.yaml").spec
        let paging = Dictionary(uniqueKeysWithValues: spec.allMethods.map { ($0.name, $0.paging) })
        #expect(paging["list"]??.itemsField == "things")
        #expect(paging["listOld"] == .some(nil))
    }

    @Test func methodScopesTheAPIDoesNotDeclareAreLeftOut() throws {
        let json = minimalDocument(
            methods: #"""
                "get": {"httpMethod": "GET", "path": "things", "scopes": ["https://www.googleapis.com/auth/other"]}
                """#)
        let result = try importJSON(json)
        #expect(
            messages(result.warnings).contains(
                "3:58: warning: method 'get' lists scopes that the API does not declare, which are left out: https://www.googleapis.com/auth/other"
            ))
        #expect(result.yaml.contains("scopes: []"))
    }

    @Test func documentsThatAreNotDiscoveryDocumentsAreErrors() {
        #expect(
            importErrors("[1, 2]") == ["1:1: error: expected a Discovery document (a JSON object), found a sequence"])
        #expect(
            importErrors(
                #"{"kind": "discovery#directoryList", "name": "x", "version": "v1", "rootUrl": "https://x.googleapis.com/"}"#
            )
                == [#"1:10: error: expected a Discovery REST description, found kind 'discovery#directoryList'"#])
        #expect(
            importErrors(#"{"name": "x", "version": "v1"}"#) == [
                "1:1: error: the Discovery document has no 'rootUrl', 'baseUrl' or 'basePath'"
            ])
        #expect(
            importErrors(#"{"name": "x", "version": "v1", "baseUrl": "http://x.example.com/v1/"}"#) == [
                "1:43: error: 'baseUrl' is not an https URL with a path: 'http://x.example.com/v1/'"
            ])
        #expect(
            importErrors("{\"name\": \"x\",\n  \"version\" \"v1\"}") == [
                "2:13: error: invalid JSON: expected ':' after the key"
            ])
    }

    /// Without `rootUrl`, the root comes from `baseUrl`, else from `basePath` on www.googleapis.com, as Google's Go
    /// generator resolves them; relative method paths keep what the base adds to the root.
    @Test(arguments: [
        (#""baseUrl": "https://edge.googleapis.com/edge/v1/""#, "https://edge.googleapis.com/", "/edge/v1/things"),
        (#""basePath": "/edge/v1/""#, "https://www.googleapis.com/", "/edge/v1/things"),
        (
            #""rootUrl": "https://edge.googleapis.com/", "servicePath": "edge/v1/""#, "https://edge.googleapis.com/",
            "/edge/v1/things"
        ),
    ])
    func theRootURLComesFromTheBaseWhenTheDocumentHasNone(keys: String, rootURL: String, path: String) throws {
        let json = #"""
            {"name": "edge", "version": "v1", \#(keys),
             "methods": {"list": {"httpMethod": "GET", "path": "things"}}}
            """#
        let spec = try SpecLoader.load(importJSON(json).yaml, file: "spec.yaml").spec
        #expect(spec.rootURL == rootURL)
        #expect(spec.allMethods.first?.path.description == path)
    }

    /// Discovery's `apiVersion`, for the document and for a method that names another, is kept for
    /// `x-goog-api-version`; a method that repeats the document's says nothing.
    @Test func apiVersionsAreKept() throws {
        let json = #"""
            {"name": "edge", "version": "v1", "rootUrl": "https://edge.googleapis.com/", "apiVersion": "2025-01-01",
             "methods": {
               "same": {"httpMethod": "GET", "path": "a", "apiVersion": "2025-01-01"},
               "other": {"httpMethod": "GET", "path": "b", "apiVersion": "2026-10-01-preview"}}}
            """#
        let result = try importJSON(json)
        #expect(result.yaml.components(separatedBy: "apiVersion:").count == 3)
        let spec = try SpecLoader.load(result.yaml, file: "spec.yaml").spec
        #expect(spec.apiVersion == "2025-01-01")
        #expect(spec.allMethods.map(\.apiVersion) == ["2026-10-01-preview", nil])
    }

    /// What Google's generators accept: a map or a `$ref`-only schema as a request, an empty enum value, two methods
    /// with one id.
    @Test func requestMapsAliasesEmptyEnumValuesAndSharedIDsImport() throws {
        let json = minimalDocument(
            methods: #"""
                "putStruct": {"id": "things.put", "httpMethod": "POST", "path": "struct", "request": {"$ref": "Struct"}},
                "putAlias": {"id": "things.put", "httpMethod": "POST", "path": "alias", "request": {"$ref": "Alias"}}
                """#,
            schemas: #"""
                "Struct": {"type": "object", "additionalProperties": {"type": "any"}},
                "Alias": {"$ref": "Thing"},
                "Mode": {"type": "string", "enum": ["", "ON"]}
                """#)
        let spec = try SpecLoader.load(importJSON(json).yaml, file: "spec.yaml").spec
        #expect(spec.allMethods.map(\.id) == ["things.put", "things.put"])
        #expect(spec.allMethods.map(\.request) == ["Alias", "Struct"])
        guard case .enumeration(let values) = spec.schema(named: "Mode")?.type else {
            Issue.record("Mode is not an enum")
            return
        }
        #expect(values.map(\.value) == ["", "ON"])
    }

    /// Regression: logging.v2's canonical name `Logging` made a module that clashes with swift-log's.
    @Test func aModuleNameThatGeneratedCodeImportsGetsAPI() throws {
        let document = #"""
            {"kind": "discovery#restDescription", "name": "logging", "version": "v2", "title": "Cloud Logging API",
             "canonicalName": "Logging", "rootUrl": "https://logging.googleapis.com/"}
            """#
        let spec = try SpecLoader.load(try importJSON(document).yaml, file: "spec.yaml").spec
        #expect(spec.module == "LoggingAPI")
    }

    /// Regression: JSON was read as YAML, which refused surrogate pairs (chat.v1) and accepted what JSON does not.
    @Test func documentsAreReadAsStrictJSON() throws {
        let emoji = minimalDocument(schemas: #""Smile": {"type": "object", "description": "A \ud83d\ude00 face"}"#)
        // libyaml writes a character outside the BMP as an escape, which reads back as the character.
        let yaml = try importJSON(emoji).yaml
        #expect(yaml.contains(#"description: "A \U0001F600 face""#))
        #expect(
            try SpecLoader.load(yaml, file: "spec.yaml").spec.schemas.first { $0.name == "Smile" }?.description
                == "A \u{1F600} face")
        #expect(importErrors(#"{"name": "x",}"#) == ["1:14: error: invalid JSON: expected a string as the key"])
        #expect(importErrors("{'name': 'x'}") == ["1:2: error: invalid JSON: expected a string as the key"])
        #expect(importErrors(#"{"a": NaN}"#) == ["1:7: error: invalid JSON: unexpected character 'N'"])
        #expect(
            importErrors(#"{"a": "\ud83d"}"#) == [#"1:8: error: invalid JSON: '\uD83D' is half of a surrogate pair"#])
    }

    /// Regression: errors pointed into the YAML that import writes (`o.yaml:5:10`), and a property named `-`
    /// was accepted although `generate` then rejected the spec.
    @Test func errorsPointIntoTheDiscoveryDocument() {
        let document = minimalDocument(
            schemas: #""Odd": {"type": "object", "properties": {"-": {"type": "string"}}}"#)
        let line =
            document.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains(#""Odd""#) }! + 1
        #expect(
            importErrors(document).filter { $0.contains(": error: ") } == [
                "\(line):42: error: property '-' cannot become a Swift identifier: it has no ASCII letter or digit"
            ])
    }
}

/// A valid document around the given method and schema JSON; `Thing` is always defined.
func minimalDocument(methods: String = "", schemas: String = "") -> String {
    """
    {"name": "things", "version": "v1", "title": "Things API", "rootUrl": "https://things.googleapis.com/", "batchPath": "batch",
    "methods": {
    \(methods)
    },
    "schemas": {"Thing": {"type": "object", "properties": {"name": {"type": "string"}}}\(schemas.isEmpty ? "" : ",")
    \(schemas)
    }}
    """
}

/// The same JSON with the keys of every object in reverse order.
func jsonWithReversedKeys(_ node: Node) -> String {
    switch node.content {
    case .scalar(let scalar):
        guard scalar.isPlain else { return jsonString(scalar.text) }
        return scalar.text
    case .sequence(let items):
        return "[" + items.map(jsonWithReversedKeys).joined(separator: ",") + "]"
    case .mapping(let entries):
        return "{"
            + entries.reversed().map { jsonString($0.key) + ":" + jsonWithReversedKeys($0.value) }.joined(
                separator: ",") + "}"
    }
}

private func jsonString(_ text: String) -> String {
    let data = (try? JSONEncoder().encode(text)) ?? Data()
    return String(decoding: data, as: UTF8.self)
}
