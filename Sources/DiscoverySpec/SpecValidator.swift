import DiscoveryYAML

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Checks what the parts of a parsed spec say about each other: path bindings, bodies, method ids,
/// URLs. The shape of the file, and references to schemas and scopes, were checked by `SpecParser`
/// where they are written.
struct SpecValidator {
    let spec: APISpec
    private let schemasByName: SchemasByName
    private(set) var diagnostics: [Diagnostic] = []

    init(spec: APISpec) {
        self.spec = spec
        schemasByName = SchemasByName(spec.schemas)
    }

    private mutating func error(at location: SourceLocation, _ message: String) {
        diagnostics.append(.error(at: location, message))
    }

    private mutating func warning(at location: SourceLocation, _ message: String) {
        diagnostics.append(.warning(at: location, message))
    }

    mutating func validate(root: Node) {
        let top = Dictionary(
            (root.mappingEntries ?? []).map { ($0.key, $0.value.location) }, uniquingKeysWith: { first, _ in first })
        let start = root.location
        if !spec.name.isEmpty,
            !spec.name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) })
                || spec.name.first?.isLetter != true
        {
            error(
                at: top["name"] ?? start,
                "'name' must be lower-case ASCII letters and digits, starting with a letter, found '\(spec.name)'")
        }
        if !spec.rootURL.isEmpty { validateRootURL(spec.rootURL, named: "'rootURL'", at: top["rootURL"] ?? start) }
        if let mtls = spec.mtlsRootURL {
            validateRootURL(mtls, named: "'mtlsRootURL'", at: top["mtlsRootURL"] ?? start)
        }
        for endpoint in spec.endpoints {
            validateRootURL(endpoint.url, named: "endpoint '\(endpoint.location)'", at: endpoint.sourceLocation)
            if endpoint.location.isEmpty
                || !endpoint.location.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
            {
                error(
                    at: endpoint.sourceLocation,
                    "endpoint location '\(endpoint.location)' must be ASCII letters, digits, '-', '_' and '.'")
            }
        }
        if !PathTemplate.isIdentifier(spec.module) || spec.module.first?.isUppercase != true {
            error(
                at: spec.moduleLocation,
                "the module name '\(spec.module)' must be an identifier starting with an upper-case letter")
        }
        // Scopes are opaque to OAuth (RFC 6749 3.3): Google's are URLs, and also `openid`, `email` and `profile`.
        for scope in spec.scopes where !Self.isScopeToken(scope.url) {
            error(
                at: scope.location,
                "scope \(scope.url.debugDescription) must be an OAuth scope: printable ASCII without spaces, quotes or backslashes"
            )
        }
        for schema in spec.schemas {
            validate(schema.type, of: "schema '\(schema.name)'")
        }
        validateAliasCycles()
        // Two methods may share an id, as in Discovery: it only labels requests (the operation id), and each
        // method has its own Swift name.
        for method in spec.allMethods {
            validate(method)
        }
    }

    /// A paging method takes an optional string `pageToken` in the query, and its response (an object) has a
    /// string `nextPageToken` and, when `items` names one, that array field.
    private mutating func validate(_ paging: Paging, of method: Method) {
        let context = "method '\(method.name)'"
        let token = method.parameters.first { $0.name == Paging.pageTokenParameter }
        let takesPageToken = token.map {
            $0.placement == .query && $0.type == .string && !$0.isRequired && !$0.isRepeated
        }
        if takesPageToken != true {
            error(
                at: paging.location,
                "\(context) pages, so it needs an optional string query parameter '\(Paging.pageTokenParameter)'")
        }
        guard let response = method.response, case .object(let properties)? = schemasByName[response]?.type,
            let nextPageToken = properties.first(where: { $0.name == Paging.nextPageTokenField }),
            nextPageToken.type == .string
        else {
            error(
                at: paging.location,
                "\(context) pages, so its response must be an object with a string '\(Paging.nextPageTokenField)'")
            return
        }
        // The paging code reads these fields: a deprecated one would make the generated client warn.
        if nextPageToken.isDeprecated {
            error(
                at: paging.location,
                "\(context) pages by '\(Paging.nextPageTokenField)' of '\(response)', which is deprecated; remove 'paging'"
            )
        }
        guard let items = paging.itemsField else { return }
        let arrays = properties.filter { if case .array = $0.type { true } else { false } }
        if !arrays.contains(where: { $0.name == items }) {
            var message = "the paging items '\(items)' of \(context) must name an array field of '\(response)'"
            if let suggestion = closestMatch(to: items, in: arrays.map(\.name)) {
                message += "; did you mean '\(suggestion)'?"
            }
            error(at: paging.itemsLocation ?? paging.location, message)
        } else if arrays.contains(where: { $0.name == items && $0.isDeprecated }) {
            error(
                at: paging.itemsLocation ?? paging.location,
                "the paging items '\(items)' of \(context) are a deprecated field of '\(response)'; name another one")
        }
    }

    private mutating func validate(_ upload: MediaUploadRule, of method: Method) {
        for path in [upload.simplePath, upload.resumablePath].compactMap({ $0 }) {
            validateMediaPath(path, at: upload.location, of: method, "its media upload path")
        }
        for pattern in upload.accept where !Self.isMediaTypePattern(pattern) {
            error(
                at: upload.location,
                "'\(pattern)' in the accept list of method '\(method.name)' is not a MIME type pattern such as image/* or */*"
            )
        }
    }

    /// `type/subtype`, either part `*`, without parameters.
    static func isMediaTypePattern(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let token = { (part: Substring) in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$&^_.+-*".contains($0)) }
        }
        return parts.count == 2 && token(parts[0]) && token(parts[1])
    }

    /// A media path fills in the same variables as the method's path, so that the same arguments build it.
    private mutating func validateMediaPath(
        _ path: PathTemplate, at location: SourceLocation, of method: Method, _ what: String
    ) {
        let variables = { (template: PathTemplate) in
            template.variables.map { "{\($0.fieldName)=\($0.segmentTemplate)}" }
        }
        if variables(path) != variables(method.path) {
            error(
                at: location,
                "\(what) '\(path)' must have the variables of the method's path '\(method.path)' in the same order")
        }
        if let offset = path.anonymousWildcardOffset {
            error(at: location, "\(what) '\(path)' has a wildcard outside a variable (offset \(offset))")
        }
    }

    /// A root URL: https, ending with `/`, without query or fragment; generated code turns it into a `URL` with `!`.
    private mutating func validateRootURL(_ url: String, named name: String, at location: SourceLocation) {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            error(at: location, "\(name) is not a valid URL: '\(url)'")
            return
        }
        if components.scheme != "https" {
            error(at: location, "\(name) must use https, found '\(components.scheme ?? "")'")
        }
        if components.query != nil || components.fragment != nil {
            error(at: location, "\(name) must not have a query or a fragment")
        }
        if !url.hasSuffix("/") {
            error(at: location, "\(name) must end with '/'")
        }
    }

    // MARK: Methods

    /// A schema that is not an object becomes a type alias, and Swift has no alias that contains itself
    /// (`typealias A = [A]`): such cycles must pass through an object schema. Walked without recursion, since
    /// every alias names at most one schema.
    private mutating func validateAliasCycles() {
        func aliasTarget(_ type: FieldType) -> String? {
            var type = type
            while true {
                switch type {
                case .array(let element), .map(let element): type = element
                case .reference(let name): return name
                default: return nil
                }
            }
        }
        var targets: [String: String] = [:]
        var locations: [String: SourceLocation] = [:]
        for schema in spec.schemas where targets[schema.name] == nil {
            targets[schema.name] = aliasTarget(schema.type)
            locations[schema.name] = schema.location
        }
        var finished = Set<String>()
        for schema in spec.schemas {
            var path: [String] = []
            var onPath = Set<String>()
            var current = schema.name
            while !finished.contains(current), let next = targets[current] {
                if onPath.contains(current) {
                    let cycle = path.drop { $0 != current } + [current]
                    error(
                        at: locations[current] ?? schema.location,
                        "schema '\(current)' contains itself only through arrays, maps or references"
                            + " (\(cycle.joined(separator: " → "))), which Swift cannot express; one of them must be an object"
                    )
                    break
                }
                path.append(current)
                onPath.insert(current)
                current = next
            }
            finished.formUnion(path)
        }
    }

    private mutating func validate(_ method: Method) {
        let context = "method '\(method.name)'"
        if let paging = method.paging { validate(paging, of: method) }
        if let download = method.mediaDownload {
            validateMediaPath(download.path, at: download.location, of: method, "its media download path")
        }
        if let upload = method.mediaUpload { validate(upload, of: method) }
        let parameterNames = method.parameters.map(\.name)
        for variable in method.path.variables {
            let location = method.pathLocation(atOffset: variable.offset + 1)
            guard let parameter = method.parameters.first(where: { $0.name == variable.fieldName }) else {
                var message = "path variable '\(variable.fieldName)' does not name a parameter of \(context)"
                if let suggestion = closestMatch(to: variable.fieldName, in: parameterNames) {
                    message += "; did you mean '\(suggestion)'?"
                }
                error(at: location, message)
                continue
            }
            if parameter.isRepeated {
                error(at: parameter.location, "path parameter '\(parameter.name)' cannot be repeated")
            }
            if !parameter.isRequired {
                error(
                    at: parameter.location,
                    "path parameter '\(parameter.name)' must be required: the URL cannot be built without it")
            }
        }
        if let offset = method.path.anonymousWildcardOffset {
            error(
                at: method.pathLocation(atOffset: offset),
                "a wildcard outside a variable cannot be filled in by a client; bind it to a parameter, as in {name=*}")
        }
        switch method.body {
        case .none:
            if method.request != nil {
                error(at: method.location, "\(context) has a request schema but its http rule has no 'body'")
            }
        case .wholeRequest, .field:
            if method.request == nil {
                error(at: method.location, "\(context) has a 'body' in its http rule but no request schema")
            }
            if method.httpMethod == .get || method.httpMethod == .delete {
                warning(
                    at: method.location,
                    "\(context) sends a body with \(method.httpMethod.rawValue.uppercased()), which many HTTP stacks drop"
                )
            }
        }
        if method.body == .wholeRequest {
            for parameter in method.queryParameters {
                error(
                    at: parameter.location,
                    "query parameter '\(parameter.name)' is not possible with body \"*\", which sends every field not in the path in the body; use body: <field> instead"
                )
            }
        }
        if case .field(let field) = method.body, let clash = method.parameters.first(where: { $0.name == field }) {
            error(at: clash.location, "parameter '\(clash.name)' has the same name as the body field of \(context)")
        }
        if let request = method.request, schemasByName[request] != nil, !isJSONObject(schemaNamed: request) {
            error(
                at: method.location,
                "the request of \(context) must be a JSON object (an object or map schema, or a $ref to one), but '\(request)' is not"
            )
        }
        for parameter in method.parameters {
            validate(parameter.type, of: "parameter '\(parameter.name)'")
        }
    }

    /// Whether the schema is sent as a JSON object: an object, a map (`google.protobuf.Struct`), or an alias of
    /// one. Alias chains are followed at most once per schema, so a cycle (reported on its own) ends.
    private func isJSONObject(schemaNamed name: String) -> Bool {
        var type = FieldType.reference(name)
        for _ in 0...spec.schemas.count {
            switch type {
            case .object, .map: return true
            case .reference(let next):
                guard let schema = schemasByName[next] else { return false }
                type = schema.type
            default: return false
            }
        }
        return false
    }

    // MARK: Types

    /// Duplicate enum values written as a list (a mapping's duplicate keys are caught when loading).
    private mutating func validate(_ type: FieldType, of context: String) {
        switch type {
        case .array(let element), .map(let element):
            validate(element, of: context)
        case .object(let properties):
            for property in properties {
                validate(property.type, of: "property '\(property.name)'")
            }
        case .enumeration(let values):
            var seen = Set<String>()
            for value in values where !seen.insert(value.value).inserted {
                error(at: value.location, "enum value '\(value.value)' appears twice in \(context)")
            }
        default:
            break
        }
    }
}

extension SpecValidator {
    /// RFC 6749's `scope-token`: `1*( %x21 / %x23-5B / %x5D-7E )`.
    static func isScopeToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x21...0x7E).contains($0) && $0 != 0x22 && $0 != 0x5C }
    }
}

extension PathTemplate {
    /// `[A-Za-z_][A-Za-z0-9_]*`, the grammar's IDENT.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCIILetterOrUnderscore else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCIILetterOrUnderscore || ("0"..."9").contains($0) }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetterOrUnderscore: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || self == "_"
    }
}

extension Node {
    var mappingEntries: [MappingEntry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }
}
