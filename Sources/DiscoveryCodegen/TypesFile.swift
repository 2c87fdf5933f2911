import DiscoverySpec

/// Renders the schemas as Swift value types: structs for objects, open enums (structs of a string) for string
/// enums, type aliases for the rest.
struct TypesFile {
    let naming: Naming
    let access: String
    /// Schemas that reach themselves through direct references; fields of these types are boxed.
    let recursiveSchemas: Set<String>

    init(naming: Naming, access: String) {
        self.naming = naming
        self.access = access
        self.recursiveSchemas = Self.schemasOnReferenceCycles(naming.spec)
    }

    func render(_ schemas: [Schema], into writer: inout SwiftWriter) {
        for schema in schemas {
            writer.line()
            let typeName = naming.schemaTypeName(schema.name)
            switch schema.type {
            case .object(let properties):
                renderStruct(typeName, description: schema.description, properties: properties, into: &writer)
            case .enumeration(let values):
                renderEnum(
                    typeName, description: schema.description, values: values, prefixSource: schema.name, into: &writer)
            default:
                // An alias cannot hold a nested type: an inline element becomes `<Schema>Element` beside it.
                let elementName = schema.type.needsNestedType ? Naming.aliasElementTypeName(typeName) : nil
                if let elementName {
                    switch schema.type.innermostElement {
                    case .enumeration(let values):
                        renderEnum(
                            elementName, description: nil, values: values, prefixSource: schema.name, into: &writer)
                    case .object(let properties):
                        renderStruct(elementName, description: nil, properties: properties, into: &writer)
                    default:
                        break
                    }
                    writer.line()
                }
                writer.documentation(schema.description)
                writer.line(
                    "\(access) typealias \(SwiftIdentifier.escaped(typeName)) = \(swiftType(schema.type, nestedName: elementName))"
                )
            }
        }
    }

    // MARK: Structs

    private struct Field {
        let property: Property
        let name: String
        let type: String
        let nestedTypeName: String?
        let usesWireFormat: Bool
        let isBoxed: Bool

        var escapedName: String { SwiftIdentifier.escaped(name) }
        /// Kept in `_name` behind a computed property: boxed fields, and deprecated ones, so that the type's own
        /// initializer and coding use the storage and the module does not warn about its own deprecations.
        var isStoredAside: Bool { isBoxed || property.isDeprecated }
    }

    private func fields(of properties: [Property]) -> [Field] {
        var takenNestedNames: Set<String> = []
        return properties.map { property in
            var nestedName: String?
            if property.type.needsNestedType {
                let name = naming.nestedTypeName(for: property.name, avoiding: takenNestedNames)
                takenNestedNames.insert(name)
                nestedName = name
            }
            return Field(
                property: property,
                name: Naming.propertyName(property.name),
                type: swiftType(property.type, nestedName: nestedName),
                nestedTypeName: nestedName,
                usesWireFormat: property.type.usesWireFormat,
                isBoxed: isReferenceToRecursiveSchema(property.type)
            )
        }
    }

    /// The Swift type of an element of the array field `field` of the object schema `schemaName`, as code outside
    /// the schema's type names it (`InstanceList.Warning` for a nested type).
    func elementTypeName(ofArrayField field: String, in schemaName: String) -> String? {
        guard case .object(let properties)? = naming.schema(named: schemaName)?.type,
            let found = fields(of: properties).first(where: { $0.property.name == field }),
            case .array(let element) = found.property.type
        else { return nil }
        let owner = SwiftIdentifier.escaped(naming.schemaTypeName(schemaName))
        return swiftType(element, nestedName: found.nestedTypeName.map { owner + "." + SwiftIdentifier.escaped($0) })
    }

    /// Boxing every direct reference to a schema on a cycle breaks every cycle, wherever it is declared.
    private func isReferenceToRecursiveSchema(_ type: FieldType) -> Bool {
        if case .reference(let name) = type { return recursiveSchemas.contains(name) }
        return false
    }

    private func renderStruct(
        _ typeName: String, description: String?, properties: [Property], into writer: inout SwiftWriter
    ) {
        let fields = fields(of: properties)
        writer.documentation(description)
        writer.block("\(access) struct \(SwiftIdentifier.escaped(typeName)): \(naming.standard("JSONObject"))") {
            writer in
            for field in fields {
                writer.documentation(fieldDocumentation(field.property))
                if field.property.isDeprecated { writer.line("@available(*, deprecated)") }
                if field.isBoxed {
                    writer.block("\(access) var \(field.escapedName): \(field.type)?") { writer in
                        writer.line("get { _\(field.name)?.value }")
                        writer.line("set { _\(field.name) = newValue.map(\(naming.standard("Indirect")).init) }")
                    }
                } else if field.isStoredAside {
                    writer.block("\(access) var \(field.escapedName): \(field.type)?") { writer in
                        writer.line("get { _\(field.name) }")
                        writer.line("set { _\(field.name) = newValue }")
                    }
                } else {
                    writer.line("\(access) var \(field.escapedName): \(field.type)?")
                }
            }
            for field in fields where field.isStoredAside {
                let storage = field.isBoxed ? "\(naming.standard("Indirect"))<\(field.type)>" : field.type
                writer.line("private var _\(field.name): \(storage)?")
            }
            writer.line("/// The JSON names of the `nil` fields to send as `null`, e.g. to clear them with PATCH.")
            writer.line("\(access) var nullFields: \(naming.standard("Set"))<\(naming.standard("String"))> = []")
            writer.line()
            renderInitializers(fields, into: &writer)
            writer.line()
            renderFieldTable(fields, into: &writer)
            renderFieldsStoredAside(fields, into: &writer)
            for field in fields {
                renderNestedType(for: field, into: &writer)
            }
        }
    }

    private func fieldDocumentation(_ property: Property) -> String? {
        var notes: [String] = []
        if property.isReadOnly { notes.append("Output only: set by the server.") }
        if property.isDeprecated { notes.append("Deprecated.") }
        if !property.requiredFor.isEmpty {
            notes.append(
                "Required in the requests of " + property.requiredFor.map { "`\($0)`" }.joined(separator: ", ") + ".")
        }
        guard !notes.isEmpty else { return property.description }
        return ([property.description].compactMap { $0 } + notes).joined(separator: "\n\n")
    }

    /// The empty value that decoding starts from, and an initializer that takes every field.
    private func renderInitializers(_ fields: [Field], into writer: inout SwiftWriter) {
        writer.line("\(access) init() {}")
        guard !fields.isEmpty else { return }
        writer.list("\(access) init(", fields.map { "\($0.escapedName): \($0.type)? = nil" }, ") {")
        writer.indented { writer in
            for field in fields {
                if field.isBoxed {
                    writer.line("self._\(field.name) = \(field.escapedName).map(\(naming.standard("Indirect")).init)")
                } else if field.isStoredAside {
                    writer.line("self._\(field.name) = \(field.escapedName)")
                } else {
                    writer.line("self.\(field.escapedName) = \(field.escapedName)")
                }
            }
        }
        writer.line("}")
    }

    /// The table that `JSONObject` codes, compares and hashes by: the JSON name and storage of every field.
    private func renderFieldTable(_ fields: [Field], into writer: inout SwiftWriter) {
        let declaration = "\(access) static let jsonFields: [\(naming.standard("JSONField"))<Self>] ="
        guard !fields.isEmpty else {
            writer.line("\(declaration) []")
            return
        }
        writer.line("\(declaration) [")
        for field in fields {
            let kind = field.isBoxed ? "boxed" : field.usesWireFormat ? "wire" : "field"
            let storage = field.isStoredAside ? "_\(field.name)" : field.escapedName
            writer.line("    .\(kind)(\(literal: field.property.name), \\.\(storage)),")
        }
        writer.line("]")
    }

    /// The public key paths of the fields kept in `_name`, which the table does not hold, for `sendNull(for:)`.
    ///
    /// It is deprecated when it names a deprecated property, so that the module does not warn about its own
    /// deprecations; `JSONObject` reads it through the protocol, which does not warn.
    private func renderFieldsStoredAside(_ fields: [Field], into writer: inout SwiftWriter) {
        let storedAside = fields.filter(\.isStoredAside)
        guard !storedAside.isEmpty else { return }
        writer.line()
        writer.line(
            "/// The JSON names of the fields kept in `_name` storage, by their properties' key paths, for `sendNull(for:)`."
        )
        if storedAside.contains(where: \.property.isDeprecated) {
            writer.line("///")
            writer.line(
                "/// Deprecated only because it names deprecated fields; `sendNull(for:)` reads it without a warning.")
            writer.line("@available(*, deprecated)")
        }
        let type = "[\(naming.standard("AnyKeyPath")): \(naming.standard("String"))]"
        let entries = storedAside.map { "\\Self.\($0.escapedName): \(SwiftText.literal($0.property.name))" }
        writer.block("\(access) static var fieldsStoredAside: \(type)") { writer in writer.list("[", entries, "]") }
    }

    private func renderNestedType(for field: Field, into writer: inout SwiftWriter) {
        guard let nestedName = field.nestedTypeName else { return }
        writer.line()
        switch field.property.type.innermostElement {
        case .enumeration(let values):
            renderEnum(
                nestedName, description: field.property.description, values: values, prefixSource: field.property.name,
                into: &writer)
        case .object(let properties):
            renderStruct(nestedName, description: field.property.description, properties: properties, into: &writer)
        default:
            break
        }
    }

    // MARK: Enums

    func renderEnum(
        _ typeName: String, description: String?, values: [EnumValue], prefixSource: String,
        into writer: inout SwiftWriter
    ) {
        let constants = Naming.enumCaseNames(values, typeName: prefixSource)
        writer.documentation(description)
        writer.block("\(access) struct \(SwiftIdentifier.escaped(typeName)): \(naming.standard("OpenEnum"))") {
            writer in
            for (value, name) in zip(values, constants) {
                writer.documentation(
                    value.isDeprecated
                        ? [value.description, "Deprecated."].compactMap { $0 }.joined(separator: "\n\n")
                        : value.description)
                if value.isDeprecated { writer.line("@available(*, deprecated)") }
                writer.line(
                    "\(access) static var \(SwiftIdentifier.escaped(name)): Self { Self(rawValue: \(literal: value.value)) }"
                )
            }
            writer.line()
            writer.line("\(access) let rawValue: \(naming.standard("String"))")
            writer.line("\(access) init(rawValue: \(naming.standard("String"))) { self.rawValue = rawValue }")
        }
    }

    // MARK: Types

    /// The Swift spelling of a field type; `nestedName` names the nested enum or struct it declares, if any.
    func swiftType(_ type: FieldType, nestedName: String?) -> String {
        switch type {
        case .string: naming.standard("String")
        case .boolean: naming.standard("Bool")
        case .int32: naming.standard("Int32")
        case .uint32: naming.standard("UInt32")
        case .int64: naming.standard("Int64")
        case .uint64: naming.standard("UInt64")
        case .float: naming.standard("Float")
        case .double: naming.standard("Double")
        case .timestamp: naming.standard("Timestamp")
        case .duration: naming.standard("Duration")
        case .fieldMask: naming.standard("FieldMask")
        case .bytes: naming.standard("Data")
        case .date: naming.standard("CalendarDate")
        case .any: naming.standard("JSONValue")
        case .enumeration, .object: SwiftIdentifier.escaped(nestedName ?? "")
        case .array(let element): "[\(swiftType(element, nestedName: nestedName))]"
        case .map(let element): "[\(naming.standard("String")): \(swiftType(element, nestedName: nestedName))]"
        case .reference(let name): SwiftIdentifier.escaped(naming.schemaTypeName(name))
        }
    }

    /// Schemas on a cycle of direct references: Tarjan's strongly connected components with more than one schema,
    /// or with a schema that refers to itself. Linear in the schemas and references, and without recursion,
    /// since the graph is the user's.
    static func schemasOnReferenceCycles(_ spec: APISpec) -> Set<String> {
        let names = spec.schemas.map(\.name)
        let position = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let edges = spec.schemas.map { $0.type.directReferences.compactMap { position[$0] } }
        var order = Array(repeating: -1, count: names.count)
        var lowLink = Array(repeating: 0, count: names.count)
        var onStack = Array(repeating: false, count: names.count)
        var stack: [Int] = []
        var visited = 0
        var onCycles = Set<String>()

        func visit(_ node: Int) {
            order[node] = visited
            lowLink[node] = visited
            visited += 1
            stack.append(node)
            onStack[node] = true
        }
        for root in names.indices where order[root] < 0 {
            visit(root)
            var work = [(node: root, nextEdge: 0)]
            while let (node, nextEdge) = work.popLast() {
                if nextEdge < edges[node].count {
                    work.append((node, nextEdge + 1))
                    let next = edges[node][nextEdge]
                    if order[next] < 0 {
                        visit(next)
                        work.append((next, 0))
                    } else if onStack[next] {
                        lowLink[node] = min(lowLink[node], order[next])
                    }
                    continue
                }
                if let parent = work.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
                guard lowLink[node] == order[node] else { continue }
                var component: [Int] = []
                repeat {
                    let member = stack.removeLast()
                    onStack[member] = false
                    component.append(member)
                } while component.last != node
                if component.count > 1 || edges[node].contains(node) {
                    onCycles.formUnion(component.map { names[$0] })
                }
            }
        }
        return onCycles
    }
}

extension FieldType {
    /// True when the JSON form differs from the Swift type's own `Codable` form.
    var usesWireFormat: Bool {
        switch self {
        case .int64, .uint64, .float, .double, .timestamp, .duration, .bytes: true
        case .array(let element), .map(let element): element.usesWireFormat
        default: false
        }
    }

    /// True for an object or enum, which a schema declares as a struct or enum; any other schema is an alias.
    var isObjectOrEnumeration: Bool {
        switch self {
        case .object, .enumeration: true
        default: false
        }
    }

    /// True for an enum or inline object, directly or as the element of arrays and maps.
    var needsNestedType: Bool {
        switch innermostElement {
        case .enumeration, .object: true
        default: false
        }
    }

    var innermostElement: FieldType {
        switch self {
        case .array(let element), .map(let element): element.innermostElement
        default: self
        }
    }

    /// References stored inline in a value: direct ones and those in inline objects.
    var directReferences: [String] {
        switch self {
        case .reference(let name): [name]
        case .object(let properties): properties.flatMap(\.type.directReferences)
        default: []
        }
    }
}
