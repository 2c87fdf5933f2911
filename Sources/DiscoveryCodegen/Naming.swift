import DiscoverySpec
import DiscoveryYAML

/// The Swift names of everything a spec declares, decided in one place so that the generators and
/// the collision checks agree. Names from the spec that are already good Swift identifiers are kept.
struct Naming {
    let spec: APISpec
    let clientTypeName: String
    let scopeTypeName: String
    /// Standard types that a schema of the spec shadows; generated code qualifies these (`Swift.String`).
    let shadowedStandardTypes: Set<String>
    /// The constant of each scope, in the order of `spec.scopes`.
    let scopeConstantNames: [String]
    /// The constant of each scope URL, for the scope lists of methods.
    let scopeConstantNameByURL: [String: String]
    private let schemaTypeNames: [String: String]
    /// The values of `schemaTypeNames`, which every nested type is checked against.
    private let takenSchemaTypeNames: Set<String>
    private let resourceTypeNames: [String: String]
    private let schemasByName: SchemasByName

    init(spec: APISpec, clientTypeName: String? = nil) {
        self.spec = spec
        self.clientTypeName = clientTypeName ?? spec.module + "Client"
        self.scopeTypeName = spec.module + "Scope"
        var names: [String: String] = [:]
        for schema in spec.schemas {
            let name = Self.typeName(schema.name)
            names[schema.name] = Self.namesGeneratedCodeQualifiesWith.contains(name) ? name + "_" : name
        }
        schemaTypeNames = names
        schemasByName = SchemasByName(spec.schemas)
        takenSchemaTypeNames = Set(names.values)
        // The client and scope types shadow too: module `API` has a client type `APIClient`, the runtime's name.
        shadowedStandardTypes = takenSchemaTypeNames.union([self.clientTypeName, self.scopeTypeName])
            .intersection(Self.standardTypeModules.keys)
        var resourceTypes: [String: String] = [:]
        for resource in Self.allResources(spec.resources) where resourceTypes[resource.name] == nil {
            resourceTypes[resource.name] = Self.resourceTypeName(resource.name, avoiding: takenSchemaTypeNames)
        }
        resourceTypeNames = resourceTypes
        let short = spec.scopes.map { Self.scopeName($0.url, droppingAPIName: spec.name) }
        scopeConstantNames =
            Set(short).count == short.count ? short : spec.scopes.map { Self.scopeName($0.url, droppingAPIName: nil) }
        scopeConstantNameByURL = Dictionary(
            zip(spec.scopes.map(\.url), scopeConstantNames), uniquingKeysWith: { first, _ in first })
    }

    /// Module names that generated code writes before a standard type (`Swift.String`): a schema type of that
    /// name would change what they mean, so it gets a `_`.
    static let namesGeneratedCodeQualifiesWith: Set<String> = [
        "Swift", "Foundation", "DiscoveryRuntime", "OpenAPIRuntime",
    ]

    /// Names a generated type already has as members, by the kind of member a spec's name becomes; such a name
    /// gets a trailing `_`, as `init` does (`hashValue` → `hashValue_`), and keeps its JSON name.
    ///
    /// Only a member of the same full name and kind (instance or static) clashes. So a struct, a `JSONObject`
    /// (`Codable`, `Hashable`, `Sendable`), may have properties named `hash`, `encode` and `jsonFields`, since
    /// `hash(into:)` and `encode(to:)` take arguments and `jsonFields` is static. An open enum's constants are
    /// static, and `OpenEnum` gives it no static member but `==`; client methods always take `options:`, and the
    /// one instance property of a client or resource type, `apiClient`, is an error for a resource instead.
    enum ReservedMemberNames {
        /// `Hashable`'s `hashValue`, which the compiler synthesizes for every struct, and `JSONObject`'s
        /// `nullFields`, which every generated struct stores.
        static let structProperties: Set<String> = ["hashValue", "nullFields"]
        /// `all`, the scope type's list of its scopes, and `rawValue`: the compiler infers `RawRepresentable`'s
        /// `RawValue` from members of that name, and a constant whose type is inferred makes that circular.
        static let scopeConstants: Set<String> = ["all", "rawValue"]
    }

    /// Where the standard types that generated code uses come from, for qualifying them when shadowed.
    static let standardTypeModules: [String: String] = [
        "String": "Swift", "Bool": "Swift", "Int32": "Swift", "UInt32": "Swift", "Int64": "Swift", "UInt64": "Swift",
        "Float": "Swift", "Double": "Swift", "Duration": "Swift", "Set": "Swift", "Codable": "Swift",
        "Hashable": "Swift", "AnyKeyPath": "Swift",
        "Sendable": "Swift", "Decoder": "Swift", "Encoder": "Swift", "CodingKey": "Swift", "Error": "Swift",
        "Date": "Foundation", "Data": "Foundation", "URL": "Foundation",
        "JSONValue": "DiscoveryRuntime", "FieldMask": "DiscoveryRuntime", "CalendarDate": "DiscoveryRuntime",
        "Timestamp": "DiscoveryRuntime",
        "OpenEnum": "DiscoveryRuntime", "Indirect": "DiscoveryRuntime", "APIClient": "DiscoveryRuntime",
        "APIRequest": "DiscoveryRuntime", "PathBuilder": "DiscoveryRuntime", "QueryItems": "DiscoveryRuntime",
        "ServiceInfo": "DiscoveryRuntime", "ClientTransport": "OpenAPIRuntime", "ClientMiddleware": "OpenAPIRuntime",
        "RawRepresentable": "Swift", "CustomStringConvertible": "Swift", "RetryPolicy": "DiscoveryRuntime",
        "CallOptions": "DiscoveryRuntime", "PageSequence": "DiscoveryRuntime", "PageItemSequence": "DiscoveryRuntime",
        "MediaDownload": "DiscoveryRuntime", "MediaUpload": "DiscoveryRuntime",
        "MediaUploadEndpoints": "DiscoveryRuntime",
        "JSONObject": "DiscoveryRuntime", "JSONField": "DiscoveryRuntime", "ScopeNames": "DiscoveryRuntime",
    ]

    /// A standard type as generated code must spell it.
    func standard(_ name: String) -> String {
        guard shadowedStandardTypes.contains(name), let module = Self.standardTypeModules[name] else { return name }
        return module + "." + name
    }

    func schemaTypeName(_ schemaName: String) -> String {
        schemaTypeNames[schemaName] ?? Self.typeName(schemaName)
    }

    // MARK: Rules

    /// A type name: kept when it is already an upper-case identifier, else upper camel case.
    static func typeName(_ text: String) -> String {
        isIdentifier(text) && ASCII.isUpper(text.utf8.first!) ? text : SwiftIdentifier.upperCamel(text) ?? ""
    }

    /// A property, parameter, method or resource name: kept when already a lower-case identifier.
    static func memberName(_ text: String) -> String {
        isIdentifier(text) && ASCII.isLower(text.utf8.first!) ? text : SwiftIdentifier.lowerCamel(text) ?? ""
    }

    /// A property of a generated struct: a member name that the struct does not already have.
    static func propertyName(_ jsonName: String) -> String {
        let name = memberName(jsonName)
        return ReservedMemberNames.structProperties.contains(name) ? name + "_" : name
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, ASCII.isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return text.utf8.allSatisfy { ASCII.isLetter($0) || ASCII.isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// The Swift type of a resource's methods.
    func resourceTypeName(_ resource: String) -> String {
        resourceTypeNames[resource] ?? Self.resourceTypeName(resource, avoiding: [])
    }

    /// `<Name>Resource`, or `<Name>Methods` when a schema already has that name: the resource types are nested
    /// in the client, where they would hide the schema, and Google's names cannot be changed by the user.
    private static func resourceTypeName(_ resource: String, avoiding schemaTypes: Set<String>) -> String {
        let base = SwiftIdentifier.upperCamel(resource) ?? ""
        var name = base + "Resource"
        var attempt = 1
        while schemaTypes.contains(name) {
            attempt += 1
            name = base + (attempt == 2 ? "Methods" : "Resource\(attempt)")
        }
        return name
    }

    /// The schema of that name, as `spec.schema(named:)` finds it, without searching.
    func schema(named name: String) -> Schema? {
        schemasByName[name]
    }

    /// Names that a nested type must not take: they would hide a type the generated code refers to.
    func isReservedForNestedType(_ name: String) -> Bool {
        Self.standardTypeModules[name] != nil || takenSchemaTypeNames.contains(name)
            || SwiftIdentifier.unusableAsMember.contains(name) || name == clientTypeName
            || name == scopeTypeName
    }

    /// The nested type for a property's enum or inline object: `state` → `State`, `type` → `TypeValue`.
    func nestedTypeName(for property: String, avoiding taken: Set<String>) -> String {
        var name = SwiftIdentifier.upperCamel(property) ?? "Value"
        while isReservedForNestedType(name) || taken.contains(name) { name += "Value" }
        return name
    }

    /// Enum cases without the prefix every value repeats: `ACCESS_TYPE_ONE_TIME` of `accessType` → `oneTime`.
    static func enumCaseNames(_ values: [EnumValue], typeName: String) -> [String] {
        let prefix = SwiftIdentifier.words(of: typeName).map { $0.uppercased() }.joined(separator: "_") + "_"
        let stripped = values.map { value -> String in
            // The prefix is ASCII, so it ends where as many bytes of the value do.
            guard value.value.utf8.starts(with: prefix.utf8) else { return caseName(value.value) }
            let rest = Substring(value.value.utf8.dropFirst(prefix.utf8.count))
            let startsWithLetter = rest.utf8.first.map { $0 < 0x80 ? ASCII.isLetter($0) : rest.first!.isLetter }
            return caseName(startsWithLetter == true ? String(rest) : value.value)
        }
        if Set(stripped).count == stripped.count { return stripped }
        return distinct(values.map { caseName($0.value) })
    }

    /// Values that differ only in case or punctuation (`ACTIVATED` and `activated`, which some APIs list both)
    /// keep distinct cases: a later one gets a `_` for each earlier one of its name.
    private static func distinct(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.map { name in
            guard !name.isEmpty else { return name }
            var unique = name
            while !seen.insert(unique).inserted { unique += "_" }
            return unique
        }
    }

    /// The type of the inline items of a schema that is an array or map: `<Schema>Element`.
    static func aliasElementTypeName(_ schemaTypeName: String) -> String {
        schemaTypeName + "Element"
    }

    /// The empty value, which some APIs list for "not set", is `empty`.
    private static func caseName(_ value: String) -> String {
        value.isEmpty ? "empty" : SwiftIdentifier.lowerCamel(value) ?? ""
    }

    /// A scope's constant: its URL without `https://www.googleapis.com/auth/` (and the API's name, when the
    /// constants stay distinct without it), in lower camel case, and not a name the scope type already has.
    private static func scopeName(_ url: String, droppingAPIName apiName: String?) -> String {
        var text = Substring(url)
        for prefix in ["https://www.googleapis.com/auth/", "https://"] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
            break
        }
        if let apiName, text.hasPrefix(apiName + "."), text.count > apiName.count + 1 {
            text = text.dropFirst(apiName.count + 1)
        }
        let name = SwiftIdentifier.lowerCamel(String(text)) ?? ""
        return ReservedMemberNames.scopeConstants.contains(name) ? name + "_" : name
    }
}

// MARK: Checks

extension Naming {
    /// Every name that cannot become a Swift identifier, and every pair that collides once mapped.
    func diagnostics() -> [Diagnostic] {
        var checker = CollisionChecker()
        if ModuleGenerator.importedModules.contains(spec.module) {
            checker.report(
                at: spec.moduleLocation,
                "the module name '\(spec.module)' is a module that generated code imports; choose another, such as '\(spec.module)API'"
            )
        }
        let topLevel: [NamedThing] =
            [(clientTypeName, spec.moduleLocation, .clientType), (scopeTypeName, spec.moduleLocation, .scopeType)]
            + spec.schemas.map { (schemaTypeName($0.name), $0.location, .schema($0.name)) }
            + spec.schemas.filter { !$0.type.isObjectOrEnumeration && $0.type.needsNestedType }.map {
                (Self.aliasElementTypeName(schemaTypeName($0.name)), $0.location, .aliasElement($0.name))
            }
        checker.checkUnique(topLevel, in: "the module")
        checker.checkUnique(
            zip(spec.scopes, scopeConstantNames).map { scope, name in (name, scope.location, .scope(scope.url)) },
            in: "the scope type")
        checkMembers(
            methods: spec.methods, resources: spec.resources, in: "the client", at: spec.moduleLocation,
            checker: &checker)
        for schema in spec.schemas {
            check(schema.type, typeName: schemaTypeName(schema.name), at: schema.location, checker: &checker)
        }
        return checker.diagnostics.sorted { $0.location < $1.location }
    }

    private static func allResources(_ resources: [Resource]) -> [Resource] {
        resources.flatMap { [$0] + allResources($0.resources) }
    }

    private func checkMembers(
        methods: [Method], resources: [Resource], in owner: @autoclosure () -> String,
        at ownerLocation: SourceLocation, checker: inout CollisionChecker
    ) {
        let members: [NamedThing] =
            methods.flatMap { method -> [NamedThing] in
                let name = Self.memberName(method.name)
                // A method with arguments has another full name than a resource's property (`responses(endpoint:)`
                // and `responses`), so the two may share a base name.
                let fullName = method.parameters.isEmpty && method.request == nil ? name : name + "(…)"
                var members: [NamedThing] = [
                    (fullName, method.location, .method(method.name)),
                    (name + "Scopes", method.location, .methodScopes(method.name)),
                ]
                if method.mediaUpload != nil {
                    members.append((name + "Upload(…)", method.location, .mediaUpload(method.name)))
                }
                if method.mediaDownload != nil {
                    members.append((name + "Media(…)", method.location, .mediaDownload(method.name)))
                }
                if let paging = method.paging {
                    members.append((name + "Pages(…)", paging.location, .pages(method.name)))
                    if paging.itemsField != nil {
                        members.append((name + "Items(…)", paging.location, .items(method.name)))
                    }
                }
                return members
            } + resources.map { (Self.memberName($0.name), $0.location, .resource($0.name)) }
        // Every client and resource type stores the client that sends its requests.
        checker.checkUnique([("apiClient", ownerLocation, .storedClient)] + members, in: owner())
        checker.checkUnique(
            resources.map { (resourceTypeName($0.name), $0.location, .resource($0.name)) }, in: owner())
        for method in methods {
            var arguments: [NamedThing] = method.parameters.map {
                (Self.memberName($0.name), $0.location, .parameter($0.name))
            }
            if case .field(let field) = method.body {
                arguments.append((Self.memberName(field), method.location, .body(field)))
            }
            if let upload = method.mediaUpload {
                arguments.append(("media", upload.location, .uploadedMedia))
            }
            checker.checkUnique(arguments, in: "method '\(method.name)'")
            for parameter in method.parameters {
                check(parameter.type, typeName: "", at: parameter.location, checker: &checker)
            }
        }
        for resource in resources {
            checkMembers(
                methods: resource.methods, resources: resource.resources, in: "resource '\(resource.name)'",
                at: resource.location, checker: &checker)
        }
    }

    private func check(
        _ type: FieldType, typeName: String, at location: SourceLocation, checker: inout CollisionChecker
    ) {
        switch type {
        case .object(let properties):
            checker.checkUnique(
                properties.map { (Self.propertyName($0.name), $0.location, .property($0.name)) },
                in: "type '\(typeName)'")
            for property in properties {
                check(
                    property.type, typeName: SwiftIdentifier.upperCamel(property.name) ?? "", at: property.location,
                    checker: &checker)
            }
        case .enumeration(let values):
            let names = Self.enumCaseNames(values, typeName: typeName)
            checker.checkUnique(
                zip(names, values).map { ($0, $1.location, .enumValue($1.value)) }, in: "enum '\(typeName)'")
        case .array(let element), .map(let element):
            check(element, typeName: typeName, at: location, checker: &checker)
        default:
            break
        }
    }
}

/// A Swift name, where the spec declares what takes it, and what that is.
private typealias NamedThing = (name: String, location: SourceLocation, thing: NameOwner)

/// What takes a name, described only in a message: checking a large spec makes hundreds of thousands of names,
/// and nearly all of them are fine.
private enum NameOwner {
    case clientType, scopeType, storedClient, uploadedMedia
    case schema(String), aliasElement(String), scope(String), resource(String), property(String)
    case method(String), methodScopes(String), mediaUpload(String), mediaDownload(String), pages(String)
    case items(String), parameter(String), body(String), enumValue(String)

    var description: String {
        switch self {
        case .clientType: "the client type"
        case .scopeType: "the scope type"
        case .storedClient: "the stored client"
        case .uploadedMedia: "the uploaded media"
        case .schema(let name): "schema '\(name)'"
        case .aliasElement(let name): "the element type of schema '\(name)'"
        case .scope(let url): "scope '\(url)'"
        case .resource(let name): "resource '\(name)'"
        case .property(let name): "property '\(name)'"
        case .method(let name): "method '\(name)'"
        case .methodScopes(let name): "the scopes of method '\(name)'"
        case .mediaUpload(let name): "the media upload of method '\(name)'"
        case .mediaDownload(let name): "the media download of method '\(name)'"
        case .pages(let name): "the pages of method '\(name)'"
        case .items(let name): "the items of method '\(name)'"
        case .parameter(let name): "parameter '\(name)'"
        case .body(let name): "the body '\(name)'"
        case .enumValue(let value): "enum value '\(value)'"
        }
    }
}

/// Collects naming problems with the place each name was written.
private struct CollisionChecker {
    var diagnostics: [Diagnostic] = []

    mutating func report(at location: SourceLocation, _ message: String) {
        diagnostics.append(.error(at: location, message))
    }

    mutating func checkUnique(_ names: [NamedThing], in owner: @autoclosure () -> String) {
        var first: [String: (location: SourceLocation, thing: NameOwner)] = [:]
        first.reserveCapacity(names.count)
        for entry in names {
            if entry.name.isEmpty {
                report(
                    at: entry.location,
                    "\(entry.thing.description) cannot become a Swift identifier: it has no ASCII letter or digit")
            } else if let earlier = first[entry.name] {
                report(
                    at: entry.location,
                    "\(entry.thing.description) and \(earlier.thing.description) (line \(earlier.location.line)) both become '\(entry.name)' in \(owner())"
                )
            } else {
                first[entry.name] = (entry.location, entry.thing)
            }
        }
    }
}
