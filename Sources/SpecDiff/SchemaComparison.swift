import DiscoverySpec

/// Schemas, their fields (inline objects included, as `Schema.field.inner`) and enum values.
extension SpecComparison {
    mutating func compareSchemas() {
        let newSchemas = Dictionary(new.schemas.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let oldNames = Set(old.schemas.map(\.name))
        for schema in old.schemas where newSchemas[schema.name] == nil {
            record(.schemas, .removed, schema.name, breaking: true, "the Swift type is gone")
        }
        for schema in new.schemas where !oldNames.contains(schema.name) {
            record(.schemas, .added, schema.name, breaking: false, "a new Swift type")
        }
        for schema in old.schemas {
            guard let current = newSchemas[schema.name] else { continue }
            compareTypes(schema.type, current.type, at: schema.name, isSchema: true)
        }
    }

    /// Types of the same shape are compared inside: the fields of objects, the values of enums.
    private mutating func compareTypes(_ old: FieldType, _ new: FieldType, at subject: String, isSchema: Bool = false) {
        guard TypeShape(old) == TypeShape(new) else {
            let detail = "type: \(TypeShape(old).text) → \(TypeShape(new).text)"
            record(
                .schemas, .changed, subject, detail: detail, breaking: true,
                isSchema ? "the Swift type changes" : "the property's Swift type changes")
            return
        }
        switch (old.innermostElement, new.innermostElement) {
        case (.object(let oldProperties), .object(let newProperties)):
            compareProperties(oldProperties, newProperties, of: subject)
        case (.enumeration(let oldValues), .enumeration(let newValues)):
            compareEnumValues(oldValues, newValues, of: subject)
        default:
            break
        }
    }

    private mutating func compareProperties(_ old: [Property], _ new: [Property], of owner: String) {
        let newProperties = Dictionary(new.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let oldNames = Set(old.map(\.name))
        for property in old where newProperties[property.name] == nil {
            record(
                .schemas, .removed, "\(owner).\(property.name)", detail: TypeShape(property.type).text, breaking: true,
                "code that uses the property no longer compiles")
        }
        for property in new where !oldNames.contains(property.name) {
            record(
                .schemas, .added, "\(owner).\(property.name)", detail: TypeShape(property.type).text, breaking: false,
                "a new optional property")
        }
        for property in old {
            guard let current = newProperties[property.name] else { continue }
            compareTypes(property.type, current.type, at: "\(owner).\(property.name)")
            if property.isDeprecated != current.isDeprecated {
                record(
                    .schemas, .changed, "\(owner).\(property.name)",
                    detail: current.isDeprecated ? "deprecated" : "no longer deprecated", breaking: false,
                    "only a deprecation warning changes")
            }
        }
    }

    mutating func compareEnumValues(_ old: [EnumValue], _ new: [EnumValue], of subject: String) {
        let oldValues = Set(old.map(\.value))
        let newValues = Set(new.map(\.value))
        for value in old where !newValues.contains(value.value) {
            record(
                .enumValues, .removed, subject, detail: value.value, breaking: true,
                "its constant is gone; the value still decodes, as an unnamed value")
        }
        for value in new where !oldValues.contains(value.value) {
            record(
                .enumValues, .added, subject, detail: value.value, breaking: false,
                "a new constant; before, the value decoded as an unnamed value")
        }
        let wasDeprecated = Dictionary(old.map { ($0.value, $0.isDeprecated) }, uniquingKeysWith: { first, _ in first })
        for value in new {
            guard let before = wasDeprecated[value.value], before != value.isDeprecated else { continue }
            record(
                .enumValues, .changed, subject,
                detail: "\(value.value) " + (value.isDeprecated ? "deprecated" : "no longer deprecated"),
                breaking: false, "only a deprecation warning changes")
        }
    }
}

/// A type without its documentation: two types with equal shapes generate the same Swift type name,
/// though inline objects and enums may differ inside.
struct TypeShape: Hashable {
    let text: String

    init(_ type: FieldType) {
        text = Self.text(of: type)
    }

    private static func text(of type: FieldType) -> String {
        switch type {
        case .string: "string"
        case .boolean: "boolean"
        case .int32: "integer"
        case .uint32: "integer (uint32)"
        case .int64: "string (int64)"
        case .uint64: "string (uint64)"
        case .float: "number (float)"
        case .double: "number"
        case .timestamp: "string (google-datetime)"
        case .duration: "string (google-duration)"
        case .fieldMask: "string (google-fieldmask)"
        case .bytes: "string (byte)"
        case .date: "string (date)"
        case .any: "any"
        case .enumeration: "enum"
        case .object: "object"
        case .array(let element): "array of \(text(of: element))"
        case .map(let element): "map of \(text(of: element))"
        case .reference(let name): name
        }
    }
}

extension FieldType {
    /// The element of arrays and maps, however deep; the type itself otherwise.
    var innermostElement: FieldType {
        switch self {
        case .array(let element), .map(let element): element.innermostElement
        default: self
        }
    }
}
