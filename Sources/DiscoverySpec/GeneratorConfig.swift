import DiscoveryYAML

/// Who the generated code is for.
public enum AccessModifier: String, Hashable, Sendable, CaseIterable {
    case `public`, `package`, `internal`
}

/// `discovery-generator-config.yaml`: choices that depend on the package using the generated code,
/// not on the API. The CLI and both plugins read it.
public struct GeneratorConfig: Hashable, Sendable {
    public var access: AccessModifier?
    /// Replaces the spec's module name (which also names the scope type).
    public var module: String?
    /// Replaces `<Module>Client`.
    public var client: String?
    /// When set, only these resources (dotted paths such as `projects.locations`) and methods
    /// (`archiveJobs.retry`) are generated, with the schemas they use; scopes stay complete.
    public var filter: Filter?

    public struct Filter: Hashable, Sendable {
        public var resources: [Name]
        public var methods: [Name]
    }

    /// A name in the config and where it was written.
    public struct Name: Hashable, Sendable {
        public var text: String
        public var location: SourceLocation
    }

    public init(access: AccessModifier? = nil, module: String? = nil, client: String? = nil, filter: Filter? = nil) {
        self.access = access
        self.module = module
        self.client = client
        self.filter = filter
    }

    public static let fileName = "discovery-generator-config.yaml"

    /// The value of `module` or `client`, which names a Swift module or type and a folder: it must be a plain
    /// identifier, so that it can neither inject code nor lead a path out of the output folder.
    private static func typeName(_ node: Node, of key: String, reader: inout NodeReader) -> String? {
        guard let text = reader.string(node, of: "'\(key)'") else { return nil }
        let reserved: Set<String> = ["Any", "Protocol", "Self", "Type"]
        guard PathTemplate.isIdentifier(text), text.first?.isUppercase == true, !reserved.contains(text) else {
            reader.error(
                at: node.location,
                "'\(key)' must be a Swift identifier starting with an upper-case letter, found \(text.debugDescription)"
            )
            return nil
        }
        return text
    }

    public static func load(contentsOfFile path: String, displayPath: String? = nil) throws(DiagnosticsError)
        -> GeneratorConfig
    {
        let root = try YAMLLoader.load(contentsOfFile: path, displayPath: displayPath ?? path)
        var reader = NodeReader()
        var config = GeneratorConfig()
        if let fields = reader.mapping(root, of: "the config", allowedKeys: ["access", "module", "client", "filter"]) {
            if let node = fields["access"], let text = reader.string(node, of: "'access'") {
                config.access = AccessModifier(rawValue: text)
                if config.access == nil {
                    reader.error(at: node.location, "'access' must be public, package or internal, found '\(text)'")
                }
            }
            config.module = fields["module"].flatMap { typeName($0, of: "module", reader: &reader) }
            config.client = fields["client"].flatMap { typeName($0, of: "client", reader: &reader) }
            if let node = fields["filter"],
                let filter = reader.mapping(node, of: "'filter'", allowedKeys: ["resources", "methods"])
            {
                func names(_ key: String) -> [Name] {
                    filter[key].flatMap { reader.strings($0, of: "'\(key)'") }?.map {
                        Name(text: $0.text, location: $0.location)
                    } ?? []
                }
                config.filter = Filter(resources: names("resources"), methods: names("methods"))
            }
        }
        guard reader.diagnostics.isEmpty else {
            throw DiagnosticsError(reader.diagnostics.sorted { $0.location < $1.location })
        }
        return config
    }
}

extension APISpec {
    /// The spec with only the resources and methods `filter` names, and the schemas they reach.
    ///
    /// Scopes stay complete: an app still needs the scope constants to ask for access.
    public func filtered(by filter: GeneratorConfig.Filter) throws(DiagnosticsError) -> APISpec {
        let wantedResources = Set(filter.resources.map(\.text))
        let wantedMethods = Set(filter.methods.map(\.text))
        var foundResources: Set<String> = []
        var foundMethods: Set<String> = []

        func keep(_ methods: [Method], path: [String], wholeResource: Bool) -> [Method] {
            methods.filter { method in
                let name = (path + [method.name]).joined(separator: ".")
                if wantedMethods.contains(name) { foundMethods.insert(name) }
                return wholeResource || wantedMethods.contains(name)
            }
        }
        func keep(_ resources: [Resource], path: [String], wholeResource: Bool) -> [Resource] {
            resources.compactMap { resource in
                let resourcePath = path + [resource.name]
                let name = resourcePath.joined(separator: ".")
                if wantedResources.contains(name) { foundResources.insert(name) }
                let whole = wholeResource || wantedResources.contains(name)
                var kept = resource
                kept.methods = keep(resource.methods, path: resourcePath, wholeResource: whole)
                kept.resources = keep(resource.resources, path: resourcePath, wholeResource: whole)
                return kept.methods.isEmpty && kept.resources.isEmpty ? nil : kept
            }
        }

        var result = self
        result.methods = keep(methods, path: [], wholeResource: false)
        result.resources = keep(resources, path: [], wholeResource: false)
        let unknown =
            filter.resources.filter { !foundResources.contains($0.text) }.map { ($0, "resource") }
            + filter.methods.filter { !foundMethods.contains($0.text) }.map { ($0, "method") }
        guard unknown.isEmpty else {
            throw DiagnosticsError(
                unknown.map { name, kind in
                    .error(at: name.location, "the filter names \(kind) '\(name.text)', which \(file) does not define")
                })
        }
        let reachable = reachableSchemas(
            from: result.allMethods.flatMap { [$0.request, $0.response].compactMap { $0 } })
        result.schemas = schemas.filter { reachable.contains($0.name) }
        return result
    }

    private func reachableSchemas(from roots: [String]) -> Set<String> {
        let schemasByName = SchemasByName(schemas)
        var reached: Set<String> = []
        var pending = roots
        while let name = pending.popLast() {
            guard reached.insert(name).inserted, let schema = schemasByName[name] else { continue }
            pending += schema.type.allReferences
        }
        return reached
    }
}

extension FieldType {
    /// Every schema this type refers to, at any depth.
    var allReferences: [String] {
        switch self {
        case .reference(let name): [name]
        case .array(let element), .map(let element): element.allReferences
        case .object(let properties): properties.flatMap(\.type.allReferences)
        default: []
        }
    }
}
