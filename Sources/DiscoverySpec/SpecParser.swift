import DiscoveryYAML

/// Turns the YAML node tree of a spec into the typed model, reporting every key or value it cannot use.
///
/// This stage checks the shape of the file (known keys, required keys, value types, path template
/// syntax); `SpecValidator` then checks what the parts say about each other.
struct SpecParser {
    var reader = NodeReader()
    let file: String
    /// Collected before anything else, so that references can be checked where they are written: in order, for
    /// suggestions, and as sets, since a large spec refers to its schemas hundreds of thousands of times.
    private var schemaNames: [String] = []
    private var schemaNameSet: Set<String> = []
    private var scopeURLs: [String] = []
    private var scopeURLSet: Set<String> = []

    static let topLevelKeys = [
        "name", "version", "title", "description", "revision", "discoveryURL", "apiVersion", "rootURL", "mtlsRootURL",
        "endpoints",
        "documentation",
        "module", "scopes", "methods", "resources", "schemas",
    ]
    static let resourceKeys = ["methods", "resources"]
    static let methodKeys = [
        "id", "description", "http", "parameters", "request", "response", "scopes", "deprecated", "apiVersion",
        "paging", "mediaDownload", "mediaUpload",
    ]
    static let pagingKeys = ["items"]
    static let enumValueKeys = ["description", "deprecated"]
    static let mediaDownloadKeys = ["path"]
    static let mediaUploadKeys = ["accept", "maxSize", "simple", "resumable"]
    static let httpKeys = HTTPMethod.allCases.map(\.rawValue) + ["body"]
    static let parameterKeys = [
        "type", "format", "description", "required", "repeated", "enum", "pattern", "default", "location", "deprecated",
    ]
    static let typeKeys = [
        "type", "format", "$ref", "description", "enum", "items", "additionalProperties", "properties", "deprecated",
        "readOnly", "requiredFor",
    ]

    init(file: String) {
        self.file = file
    }

    mutating func parse(_ root: Node) -> APISpec? {
        guard
            let fields = reader.mapping(
                root, of: "the spec", allowedKeys: Self.topLevelKeys,
                requiredKeys: ["name", "version", "title", "rootURL"])
        else { return nil }
        schemaNames = fields["schemas"].flatMap { $0.mappingEntries?.map(\.key) } ?? []
        scopeURLs = fields["scopes"].flatMap { $0.mappingEntries?.map(\.key) } ?? []
        schemaNameSet = Set(schemaNames)
        scopeURLSet = Set(scopeURLs)
        let name = fields["name"].flatMap { reader.string($0, of: "'name'") } ?? ""
        let title = fields["title"].flatMap { reader.string($0, of: "'title'") } ?? ""
        let moduleNode = fields.entry("module")
        let module =
            moduleNode.flatMap { reader.string($0.value, of: "'module'") } ?? Self.moduleName(title: title, name: name)
        let methods = fields["methods"].map { methodList($0, resourcePath: [], apiName: name) } ?? []
        let resources = fields["resources"].map { resourceList($0, parentPath: [], apiName: name) } ?? []
        return APISpec(
            file: file,
            name: name,
            version: fields["version"].flatMap { reader.string($0, of: "'version'") } ?? "",
            title: title,
            description: fields["description"].flatMap { reader.optionalString($0, of: "'description'") },
            revision: fields["revision"].flatMap { reader.string($0, of: "'revision'") },
            discoveryURL: fields["discoveryURL"].flatMap { reader.string($0, of: "'discoveryURL'") },
            apiVersion: fields["apiVersion"].flatMap { reader.string($0, of: "'apiVersion'") },
            rootURL: fields["rootURL"].flatMap { reader.string($0, of: "'rootURL'") } ?? "",
            mtlsRootURL: fields["mtlsRootURL"].flatMap { reader.string($0, of: "'mtlsRootURL'") },
            endpoints: fields["endpoints"].map { endpoints($0) } ?? [],
            documentation: fields["documentation"].flatMap { reader.string($0, of: "'documentation'") },
            module: module,
            moduleLocation: moduleNode?.value.location ?? fields.entry("title")?.value.location ?? root.location,
            scopes: fields["scopes"].map { scopes($0) } ?? [],
            methods: methods,
            resources: resources,
            schemas: fields["schemas"].map { schemas($0) } ?? []
        )
    }

    /// `Data Portability API` becomes `DataPortability`; the name is the fallback.
    static func moduleName(title: String, name: String) -> String {
        var words = title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        if words.last == "API" { words.removeLast() }
        let joined = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if let first = joined.first, first.isLetter, joined.allSatisfy({ $0.isASCII }) { return joined }
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    // MARK: Endpoints

    /// `endpoints:` maps a location to its root URL.
    private mutating func endpoints(_ node: Node) -> [Endpoint] {
        guard let entries = reader.namedEntries(node, of: "'endpoints'") else { return [] }
        return entries.compactMap { entry in
            reader.string(entry.value, of: "the URL of endpoint '\(entry.key)'").map {
                Endpoint(location: entry.key, url: $0, sourceLocation: entry.value.location)
            }
        }
    }

    // MARK: Scopes

    private mutating func scopes(_ node: Node) -> [Scope] {
        guard let entries = reader.namedEntries(node, of: "'scopes'") else { return [] }
        return entries.map { entry in
            let description = reader.optionalString(entry.value, of: "the description of scope '\(entry.key)'")
            return Scope(url: entry.key, description: description ?? "", location: entry.keyLocation)
        }
    }

    // MARK: Resources and methods

    private mutating func resourceList(_ node: Node, parentPath: [String], apiName: String) -> [Resource] {
        guard let entries = reader.namedEntries(node, of: "'resources'") else { return [] }
        return entries.compactMap { entry in
            let context = "resource '\(entry.key)'"
            guard let fields = reader.mapping(entry.value, of: context, allowedKeys: Self.resourceKeys) else {
                return nil
            }
            let path = parentPath + [entry.key]
            return Resource(
                name: entry.key,
                location: entry.keyLocation,
                methods: fields["methods"].map { methodList($0, resourcePath: path, apiName: apiName) } ?? [],
                resources: fields["resources"].map { resourceList($0, parentPath: path, apiName: apiName) } ?? []
            )
        }
    }

    private mutating func methodList(_ node: Node, resourcePath: [String], apiName: String) -> [Method] {
        guard let entries = reader.namedEntries(node, of: "'methods'") else { return [] }
        return entries.compactMap {
            method($0, defaultID: ([apiName] + resourcePath + [$0.key]).joined(separator: "."))
        }
    }

    private mutating func method(_ entry: MappingEntry, defaultID: String) -> Method? {
        let context = "method '\(entry.key)'"
        guard
            let fields = reader.mapping(
                entry.value, of: context, allowedKeys: Self.methodKeys, requiredKeys: ["http"],
                ownerLocation: entry.keyLocation),
            let rule = fields["http"].flatMap({ httpRule($0, of: context) })
        else { return nil }
        let parameters = fields["parameters"].map { parameterList($0, template: rule.path) } ?? []
        return Method(
            name: entry.key,
            id: fields["id"].flatMap { reader.string($0, of: "the id of \(context)") } ?? defaultID,
            description: fields["description"].flatMap {
                reader.optionalString($0, of: "the description of \(context)")
            },
            httpMethod: rule.method,
            path: rule.path,
            pathScalar: rule.pathScalar,
            pathScalarLocation: rule.pathScalarLocation,
            body: rule.body,
            parameters: parameters,
            request: fields["request"].flatMap { schemaReference($0, of: "the request of \(context)") },
            response: fields["response"].flatMap { schemaReference($0, of: "the response of \(context)") },
            scopes: fields["scopes"].flatMap { methodScopes($0, of: context) },
            isDeprecated: fields["deprecated"].flatMap { reader.bool($0, of: "'deprecated'") } ?? false,
            apiVersion: fields["apiVersion"].flatMap { reader.string($0, of: "the apiVersion of \(context)") },
            paging: fields.entry("paging").flatMap { paging($0, of: context) },
            mediaDownload: fields.entry("mediaDownload").flatMap {
                mediaDownload($0, defaultPath: rule.path, of: context)
            },
            mediaUpload: fields.entry("mediaUpload").flatMap { mediaUpload($0, of: context) },
            location: entry.keyLocation
        )
    }

    /// `mediaDownload: {}` downloads from the method's own path, `mediaDownload: {path: /download/…}` from another.
    private mutating func mediaDownload(
        _ entry: MappingEntry, defaultPath: PathTemplate, of context: String
    ) -> MediaDownloadRule? {
        let downloadContext = "the media download of \(context)"
        guard let fields = reader.mapping(entry.value, of: downloadContext, allowedKeys: Self.mediaDownloadKeys)
        else { return nil }
        let path = fields["path"].map { pathTemplate($0, of: "the path of \(downloadContext)") } ?? defaultPath
        return path.map { MediaDownloadRule(path: $0, location: entry.keyLocation) }
    }

    /// `mediaUpload: {accept: [image/*], maxSize: 10485760, simple: /upload/…, resumable: /resumable/upload/…}`.
    private mutating func mediaUpload(_ entry: MappingEntry, of context: String) -> MediaUploadRule? {
        let uploadContext = "the media upload of \(context)"
        guard
            let fields = reader.mapping(
                entry.value, of: uploadContext, allowedKeys: Self.mediaUploadKeys, requiredKeys: ["accept"],
                ownerLocation: entry.keyLocation)
        else { return nil }
        let maxSize = fields["maxSize"].flatMap { node -> Int64? in
            guard let bytes = reader.integer(node, of: "the maxSize of \(uploadContext)") else { return nil }
            guard bytes > 0 else {
                reader.error(at: node.location, "maxSize must be a positive number of bytes, found \(bytes)")
                return nil
            }
            return Int64(bytes)
        }
        let simple = fields["simple"].flatMap { pathTemplate($0, of: "the simple path of \(uploadContext)") }
        let resumable = fields["resumable"].flatMap { pathTemplate($0, of: "the resumable path of \(uploadContext)") }
        if fields["simple"] == nil, fields["resumable"] == nil {
            reader.error(at: entry.keyLocation, "\(uploadContext) needs a 'simple' or a 'resumable' path")
        }
        return MediaUploadRule(
            accept: fields["accept"].flatMap { reader.strings($0, of: "the accept list of \(uploadContext)") }?.map(
                \.text) ?? [],
            maxSize: maxSize,
            simplePath: simple,
            resumablePath: resumable,
            location: entry.keyLocation
        )
    }

    /// A path template, its syntax errors pointing at their character in the file.
    private mutating func pathTemplate(_ node: Node, of context: String) -> PathTemplate? {
        guard case .scalar(let scalar) = node.content, let text = reader.string(node, of: context) else { return nil }
        do {
            return try PathTemplate(parsing: text)
        } catch {
            let location = node.location.advanced(by: scalar.columnOffset(ofTextOffset: error.offset))
            reader.error(at: location, "invalid path template: \(error.message)")
            return nil
        }
    }

    /// `paging: {items: files}`, or `paging: {}` for pages without items.
    private mutating func paging(_ entry: MappingEntry, of context: String) -> Paging? {
        guard let fields = reader.mapping(entry.value, of: "the paging of \(context)", allowedKeys: Self.pagingKeys)
        else { return nil }
        return Paging(
            itemsField: fields["items"].flatMap { reader.string($0, of: "the paging items of \(context)") },
            location: entry.keyLocation,
            itemsLocation: fields["items"]?.location
        )
    }

    /// A schema name, checked against the spec's schemas where it is written.
    private mutating func schemaReference(_ node: Node, of context: String) -> String? {
        guard let name = reader.string(node, of: context) else { return nil }
        if !schemaNameSet.contains(name) {
            var message = "\(context) names schema '\(name)', which is not defined in 'schemas'"
            if let suggestion = closestMatch(to: name, in: schemaNames) { message += "; did you mean '\(suggestion)'?" }
            reader.error(at: node.location, message)
        }
        return name
    }

    private mutating func methodScopes(_ node: Node, of context: String) -> [String]? {
        guard let scopes = reader.strings(node, of: "the scopes of \(context)") else { return nil }
        for scope in scopes where !scopeURLSet.contains(scope.text) {
            var message = "\(context) names scope '\(scope.text)', which is not in the API's 'scopes'"
            if let suggestion = closestMatch(to: scope.text, in: scopeURLs) {
                message += "; did you mean '\(suggestion)'?"
            }
            reader.error(at: scope.location, message)
        }
        return scopes.map(\.text)
    }

    private mutating func httpRule(
        _ node: Node, of context: String
    ) -> (
        method: HTTPMethod, path: PathTemplate, pathScalar: Scalar, pathScalarLocation: SourceLocation,
        body: RequestBody
    )? {
        let ruleContext = "the http rule of \(context)"
        guard let fields = reader.mapping(node, of: ruleContext, allowedKeys: Self.httpKeys) else { return nil }
        let verbs = fields.entries.filter { HTTPMethod(rawValue: $0.key) != nil }
        guard let verb = verbs.first, let method = HTTPMethod(rawValue: verb.key) else {
            let names = HTTPMethod.allCases.map(\.rawValue).joined(separator: ", ")
            reader.error(at: fields.location, "\(ruleContext) needs one of \(names)")
            return nil
        }
        for extra in verbs.dropFirst() {
            reader.error(
                at: extra.keyLocation, "\(ruleContext) has more than one HTTP method ('\(verb.key)' and '\(extra.key)')"
            )
        }
        guard case .scalar(let scalar) = verb.value.content,
            let text = reader.string(verb.value, of: "the path template of \(context)")
        else { return nil }
        let path: PathTemplate
        do {
            path = try PathTemplate(parsing: text)
        } catch {
            let location = verb.value.location.advanced(by: scalar.columnOffset(ofTextOffset: error.offset))
            reader.error(at: location, "invalid path template: \(error.message)")
            return nil
        }
        var body = RequestBody.none
        if let bodyNode = fields["body"], let bodyText = reader.string(bodyNode, of: "the body of \(context)") {
            if bodyText == "*" {
                body = .wholeRequest
            } else if PathTemplate.isIdentifier(bodyText) {
                body = .field(bodyText)
            } else {
                reader.error(at: bodyNode.location, "body must be \"*\" or a field name, found '\(bodyText)'")
            }
        }
        return (method, path, scalar, verb.value.location, body)
    }

    private mutating func parameterList(_ node: Node, template: PathTemplate) -> [Parameter] {
        guard let entries = reader.namedEntries(node, of: "'parameters'") else { return [] }
        let boundNames = Set(template.variables.map(\.fieldName))
        return entries.compactMap { entry in
            let context = "parameter '\(entry.key)'"
            guard
                let fields = reader.mapping(
                    entry.value, of: context, allowedKeys: Self.parameterKeys, requiredKeys: ["type"],
                    ownerLocation: entry.keyLocation)
            else { return nil }
            // A parameter whose type is missing or wrong was reported; it stays a string so that its path binding still holds.
            let type =
                fields["type"] == nil ? .string : fieldType(fields, of: context, at: entry.keyLocation) ?? .string
            let isBound = boundNames.contains(entry.key)
            var placement: ParameterPlacement = isBound ? .path : .query
            if let locationNode = fields["location"],
                let text = reader.string(locationNode, of: "the location of \(context)")
            {
                if let explicit = ParameterPlacement(rawValue: text) {
                    if explicit != placement {
                        let reason = isBound ? "the path template binds it" : "the path template does not bind it"
                        reader.error(at: locationNode.location, "\(context) says location '\(text)', but \(reason)")
                    }
                    placement = explicit
                } else {
                    reader.error(
                        at: locationNode.location,
                        "the location of \(context) must be 'path' or 'query', found '\(text)'")
                }
            }
            if !type.isScalar {
                reader.error(
                    at: fields.location, "\(context) must have a scalar type (string, boolean, integer, number)")
            }
            return Parameter(
                name: entry.key,
                placement: placement,
                type: type,
                // A malformed `required` was reported; reading it as true avoids a second error about path parameters.
                isRequired: fields["required"].map { reader.bool($0, of: "'required'") ?? true } ?? false,
                isRepeated: fields["repeated"].flatMap { reader.bool($0, of: "'repeated'") } ?? false,
                description: fields["description"].flatMap {
                    reader.optionalString($0, of: "the description of \(context)")
                },
                pattern: fields["pattern"].flatMap { reader.string($0, of: "the pattern of \(context)") },
                defaultValue: fields["default"].flatMap { defaultValue($0) },
                isDeprecated: fields["deprecated"].flatMap { reader.bool($0, of: "'deprecated'") } ?? false,
                location: entry.keyLocation
            )
        }
    }

    /// Defaults are documentation only; any scalar is kept as written.
    private mutating func defaultValue(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node.content else {
            reader.error(at: node.location, "expected 'default' to be a scalar, found \(node.kindDescription)")
            return nil
        }
        return scalar.text
    }

    // MARK: Schemas and types

    private mutating func schemas(_ node: Node) -> [Schema] {
        guard let entries = reader.namedEntries(node, of: "'schemas'") else { return [] }
        return entries.map { entry in
            let context = "schema '\(entry.key)'"
            let fields = reader.mapping(entry.value, of: context, allowedKeys: Self.typeKeys)
            // A schema whose type is wrong is kept as an empty object, so that references to it do not report twice.
            let type =
                fields.flatMap { fieldType($0, of: context, at: entry.keyLocation, defaultsToObject: true) }
                ?? .object([])
            return Schema(
                name: entry.key,
                description: fields?["description"].flatMap {
                    reader.optionalString($0, of: "the description of \(context)")
                },
                type: type,
                location: entry.keyLocation
            )
        }
    }

    private mutating func properties(_ node: Node) -> [Property] {
        guard let entries = reader.namedEntries(node, of: "'properties'") else { return [] }
        return entries.compactMap { entry in
            let context = "property '\(entry.key)'"
            guard let fields = reader.mapping(entry.value, of: context, allowedKeys: Self.typeKeys),
                let type = fieldType(fields, of: context, at: entry.keyLocation)
            else { return nil }
            return Property(
                name: entry.key,
                description: fields["description"].flatMap {
                    reader.optionalString($0, of: "the description of \(context)")
                },
                type: type,
                isDeprecated: fields["deprecated"].flatMap { reader.bool($0, of: "'deprecated'") } ?? false,
                isReadOnly: fields["readOnly"].flatMap { reader.bool($0, of: "'readOnly'") } ?? false,
                requiredFor: fields["requiredFor"].flatMap { reader.strings($0, of: "'requiredFor'") }?.map(\.text)
                    ?? [],
                location: entry.keyLocation
            )
        }
    }

    static let formatsByType: [String: [String: FieldType]] = [
        "string": [
            "int64": .int64, "uint64": .uint64, "google-datetime": .timestamp, "date-time": .timestamp,
            "google-duration": .duration, "google-fieldmask": .fieldMask, "byte": .bytes, "date": .date,
        ],
        "integer": ["int32": .int32, "uint32": .uint32],
        "number": ["double": .double, "float": .float],
    ]
    static let typeNames = ["string", "boolean", "integer", "number", "array", "object", "any"]

    /// Resolves `type`, `format`, `$ref`, `enum`, `items`, `properties` and `additionalProperties`.
    /// `ownerLocation` is the name of what the type belongs to, where problems of the whole type are reported.
    private mutating func fieldType(
        _ fields: Fields, of context: String, at ownerLocation: SourceLocation, defaultsToObject: Bool = false
    ) -> FieldType? {
        if let refNode = fields["$ref"] {
            for key in ["type", "format", "enum", "items", "properties", "additionalProperties"] {
                if let entry = fields.entry(key) {
                    reader.error(at: entry.keyLocation, "\(context) has '$ref', so it cannot also have '\(key)'")
                }
            }
            return schemaReference(refNode, of: context).map(FieldType.reference)
        }
        let typeName: String
        if let typeNode = fields["type"] {
            guard let text = reader.string(typeNode, of: "the type of \(context)") else { return nil }
            guard Self.typeNames.contains(text) else {
                var message = "unknown type '\(text)' for \(context)"
                if let suggestion = closestMatch(to: text, in: Self.typeNames) {
                    message += "; did you mean '\(suggestion)'?"
                }
                reader.error(at: typeNode.location, message)
                return nil
            }
            typeName = text
        } else if defaultsToObject {
            typeName = "object"
        } else {
            reader.error(at: ownerLocation, "\(context) needs a 'type' or a '$ref'")
            return nil
        }
        for key in ["items", "properties", "additionalProperties", "enum", "format"] {
            guard let entry = fields.entry(key), !Self.key(key, appliesTo: typeName) else { continue }
            reader.error(at: entry.keyLocation, "'\(key)' does not apply to type '\(typeName)' in \(context)")
        }
        switch typeName {
        case "array":
            guard let items = fields["items"] else {
                reader.error(at: ownerLocation, "\(context) has type 'array' but no 'items'")
                return nil
            }
            return elementType(items, of: "the items of \(context)", at: fields.entry("items")!.keyLocation).map(
                FieldType.array)
        case "object":
            if let additional = fields["additionalProperties"] {
                if let entry = fields.entry("properties") {
                    reader.error(
                        at: entry.keyLocation, "\(context) cannot have both 'properties' and 'additionalProperties'")
                }
                return elementType(
                    additional, of: "the additionalProperties of \(context)",
                    at: fields.entry("additionalProperties")!.keyLocation
                )
                .map(FieldType.map)
            }
            return .object(fields["properties"].map { properties($0) } ?? [])
        case "any":
            return .any
        case "boolean":
            return .boolean
        default:
            if typeName == "string", let enumEntry = fields.entry("enum") {
                return enumValues(enumEntry, of: context).map(FieldType.enumeration)
            }
            return scalarType(typeName, format: fields["format"], of: context)
        }
    }

    private static func key(_ key: String, appliesTo typeName: String) -> Bool {
        switch key {
        case "items": typeName == "array"
        case "properties", "additionalProperties": typeName == "object"
        case "enum": typeName == "string"
        default: formatsByType[typeName] != nil
        }
    }

    private mutating func scalarType(_ typeName: String, format formatNode: Node?, of context: String) -> FieldType? {
        let formats = Self.formatsByType[typeName] ?? [:]
        guard let formatNode else {
            return switch typeName {
            case "integer": .int32
            case "number": .double
            default: .string
            }
        }
        guard let format = reader.string(formatNode, of: "the format of \(context)") else { return nil }
        guard let type = formats[format] else {
            let known = formats.keys.sorted()
            var message =
                "unknown format '\(format)' for type '\(typeName)' in \(context); expected one of \(known.joined(separator: ", "))"
            if let suggestion = closestMatch(to: format, in: known) { message += "; did you mean '\(suggestion)'?" }
            reader.error(at: formatNode.location, message)
            return nil
        }
        return type
    }

    private mutating func elementType(_ node: Node, of context: String, at ownerLocation: SourceLocation) -> FieldType?
    {
        guard let fields = reader.mapping(node, of: context, allowedKeys: Self.typeKeys) else { return nil }
        return fieldType(fields, of: context, at: ownerLocation)
    }

    /// `enum:` is a mapping from value to description, or a plain list of values.
    private mutating func enumValues(_ entry: MappingEntry, of context: String) -> [EnumValue]? {
        let values = enumValueList(entry.value, of: context)
        if values?.isEmpty == true {
            reader.error(at: entry.keyLocation, "the enum of \(context) has no values")
        }
        return values
    }

    private mutating func enumValueList(_ node: Node, of context: String) -> [EnumValue]? {
        switch node.content {
        case .sequence:
            return reader.strings(node, of: "the enum of \(context)")?.map {
                EnumValue(value: $0.text, description: nil, location: $0.location)
            }
        case .mapping(let entries):
            return entries.map { entry in
                let context = "enum value '\(entry.key)'"
                // `VALUE: description`, or `VALUE: {description: …, deprecated: true}`.
                guard case .mapping = entry.value.content else {
                    let description = reader.optionalString(entry.value, of: "the description of \(context)")
                    return EnumValue(value: entry.key, description: description, location: entry.keyLocation)
                }
                let fields = reader.mapping(entry.value, of: context, allowedKeys: Self.enumValueKeys)
                return EnumValue(
                    value: entry.key,
                    description: fields?["description"].flatMap {
                        reader.optionalString($0, of: "the description of \(context)")
                    },
                    isDeprecated: fields?["deprecated"].flatMap { reader.bool($0, of: "'deprecated'") } ?? false,
                    location: entry.keyLocation
                )
            }
        case .scalar:
            reader.error(
                at: node.location,
                "expected the enum of \(context) to be a mapping or a sequence, found \(node.kindDescription)")
            return nil
        }
    }
}
