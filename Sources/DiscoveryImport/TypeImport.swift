import DiscoveryYAML

/// Schemas, properties and parameter types: Discovery's `type`, `format`, `$ref`, `items`,
/// `additionalProperties`, `properties` and `enum` to the spec's keys of the same names.
extension DocumentConverter {
    /// The formats the spec knows, per type.
    static let knownFormats: [String: Set<String>] = [
        "string": [
            "int64", "uint64", "google-datetime", "date-time", "google-duration", "google-fieldmask", "byte", "date",
        ],
        "integer": ["int32", "uint32"],
        "number": ["double", "float"],
    ]

    /// A named schema: its description first, then its type; objects do not repeat `type: object`.
    mutating func schema(_ entry: MappingEntry) -> YAMLValue {
        let type = typeEntries(entry.value, context: "schema '\(entry.key)'", at: entry.keyLocation, isSchema: true)
        var schema = YAMLMappingBuilder()
        schema.add("description", prose(entry.value["description"]?.text))
        let isPlainObject =
            type.head == [YAMLEntry(key: "type", value: .string("object"))]
            && !type.nested.contains { $0.key == "additionalProperties" }
        if !isPlainObject { type.head.forEach { schema.add($0.key, $0.value) } }
        type.nested.forEach { schema.add($0.key, $0.value) }
        return schema.value
    }

    /// A property: its type, description and flags, then what it contains.
    mutating func property(_ entry: MappingEntry, in context: String) -> YAMLValue {
        let propertyContext = "property '\(entry.key)' of \(context)"
        let type = typeEntries(entry.value, context: propertyContext, at: entry.keyLocation)
        var property = YAMLMappingBuilder()
        pageTokenType(type.head, of: entry.value, named: entry.key, context: propertyContext).forEach {
            property.add($0.key, $0.value)
        }
        property.add("description", prose(entry.value["description"]?.text))
        property.addFlag("readOnly", entry.value["readOnly"]?.isTrue ?? false)
        property.addFlag("deprecated", entry.value["deprecated"]?.isTrue ?? false)
        let requiredFor = entry.value["annotations"]?["required"]?.items.compactMap(\.text) ?? []
        if !requiredFor.isEmpty { property.add("requiredFor", .sequence(requiredFor.sorted().map(YAMLValue.string))) }
        type.nested.forEach { property.add($0.key, $0.value) }
        return property.value
    }

    /// The type of an array's items or a map's values; their descriptions are not shown anywhere.
    private mutating func elementType(_ node: Node, context: String) -> YAMLValue {
        let type = typeEntries(node, context: context, at: node.location)
        return .mapping(type.head + type.nested)
    }

    /// `head` is `$ref` or `type` and `format`; `nested` is `items`, `additionalProperties`, `enum` or `properties`.
    private mutating func typeEntries(
        _ node: Node, context: String, at location: SourceLocation, isSchema: Bool = false
    ) -> (head: [YAMLEntry], nested: [YAMLEntry]) {
        if let reference = node["$ref"]?.text {
            if schemaNames.contains(reference) { return ([YAMLEntry(key: "$ref", value: .string(reference))], []) }
            warn(
                at: node.location(of: "$ref"),
                "\(context) refers to schema '\(reference)', which the document does not define; it is imported as 'any'"
            )
            return (typeOnly("any"), [])
        }
        let typeName =
            node["type"]?.text ?? (node["properties"] != nil || node["additionalProperties"] != nil ? "object" : nil)
        switch typeName {
        case "object":
            dropFormat(of: node, typeName: "object")
            return (typeOnly("object"), objectEntries(node, context: context))
        case "array":
            dropFormat(of: node, typeName: "array")
            guard let items = node["items"] else {
                warn(at: location, "\(context) is an array without 'items'; its items are imported as 'any'")
                return (typeOnly("array"), [YAMLEntry(key: "items", value: .mapping(typeOnly("any")))])
            }
            return (
                typeOnly("array"),
                [YAMLEntry(key: "items", value: elementType(items, context: "the items of \(context)"))]
            )
        case let scalarName? where ["string", "integer", "number", "boolean", "any"].contains(scalarName):
            let scalar = scalarType(node, typeName: scalarName, context: context)
            return (scalar.head, scalar.enumeration.map { [YAMLEntry(key: "enum", value: $0)] } ?? [])
        case nil:
            // A schema without a type is an (empty) object, as in the spec; anything else is any JSON.
            if isSchema { return (typeOnly("object"), []) }
            warn(at: location, "\(context) has no 'type' or '$ref'; it is imported as 'any'")
            return (typeOnly("any"), [])
        case let unknown?:
            warn(at: node.location(of: "type"), "\(context) has the unknown type '\(unknown)'; it is imported as 'any'")
            return (typeOnly("any"), [])
        }
    }

    private func typeOnly(_ typeName: String) -> [YAMLEntry] {
        [YAMLEntry(key: "type", value: .string(typeName))]
    }

    /// `properties`, sorted by name, or `additionalProperties`; the spec cannot have both.
    private mutating func objectEntries(_ node: Node, context: String) -> [YAMLEntry] {
        if let additional = node["additionalProperties"], additional.isMapping {
            if node["properties"] != nil {
                warn(
                    at: additional.location,
                    "\(context) has both 'properties' and 'additionalProperties'; it is imported as a map and its properties are left out"
                )
            }
            return [
                YAMLEntry(
                    key: "additionalProperties", value: elementType(additional, context: "the values of \(context)"))
            ]
        }
        let properties = (node["properties"]?.sortedEntries ?? []).map { entry in
            YAMLEntry(key: entry.key, value: property(entry, in: context), source: entry.keyLocation)
        }
        return properties.isEmpty ? [] : [YAMLEntry(key: "properties", value: .mapping(properties))]
    }

    /// The type and format of a scalar, with formats the spec does not know mapped to the nearest type.
    mutating func scalarType(_ node: Node, typeName: String, context: String) -> (
        head: [YAMLEntry], enumeration: YAMLValue?
    ) {
        var type = typeName
        var format = node["format"]?.text
        if let given = format, Self.knownFormats[typeName]?.contains(given) != true {
            if typeName == "integer", given == "int64" || given == "uint64" {
                // Google sends 64-bit integers as JSON strings; the spec's int64 reads both forms.
                type = "string"
                warnOnce(
                    at: node.location(of: "format"),
                    "format '\(given)' on type 'integer' is imported as type 'string' with format '\(given)'")
            } else {
                format = nil
                warnOnce(
                    at: node.location(of: "format"),
                    "format '\(given)' on type '\(typeName)' is not in the spec format; it is imported as plain '\(typeName)'"
                )
            }
        }
        var head = typeOnly(type)
        if let format { head.append(YAMLEntry(key: "format", value: .string(format))) }
        return (head, enumeration(node, typeName: type, context: context))
    }

    /// An `enum` mapping values to their descriptions (a plain list when there are none); a deprecated value
    /// maps to `{description: …, deprecated: true}`.
    private mutating func enumeration(_ node: Node, typeName: String, context: String) -> YAMLValue? {
        guard let enumNode = node["enum"] else { return nil }
        guard typeName == "string" else {
            warn(
                at: enumNode.location,
                "\(context) has an enum on type '\(typeName)', which the spec format does not allow; the enum is left out"
            )
            return nil
        }
        let descriptions = node["enumDescriptions"]?.items.map { $0.text ?? "" } ?? []
        let deprecated = node["enumDeprecated"]?.items.map(\.isTrue) ?? []
        var seen: Set<String> = []
        var entries: [YAMLEntry] = []
        for (index, valueNode) in enumNode.items.enumerated() {
            guard let value = valueNode.text else { continue }
            guard seen.insert(value).inserted else {
                warn(
                    at: valueNode.location,
                    "enum value '\(value)' of \(context) appears twice; the second one is left out")
                continue
            }
            let description = prose(index < descriptions.count ? descriptions[index] : "")
            if index < deprecated.count, deprecated[index] {
                var flagged = YAMLMappingBuilder()
                flagged.add("description", description)
                flagged.addFlag("deprecated", true)
                entries.append(YAMLEntry(key: value, value: flagged.value))
            } else {
                entries.append(YAMLEntry(key: value, value: description ?? .string("")))
            }
        }
        guard !entries.isEmpty else {
            warn(at: enumNode.location, "\(context) has an empty enum; it is imported as a plain string")
            return nil
        }
        if descriptions.isEmpty && !deprecated.contains(true) {
            return .sequence(entries.map { .string($0.key) })
        }
        return .mapping(entries)
    }

    private mutating func dropFormat(of node: Node, typeName: String) {
        guard let format = node["format"]?.text else { return }
        warnOnce(
            at: node.location(of: "format"),
            "format '\(format)' on type '\(typeName)' is not in the spec format; it is left out")
    }
}
