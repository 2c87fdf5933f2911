/// The spec the importer writes, as YAML values in the order they are written.
///
/// Mappings are ordered by the importer (sorted where the order carries no meaning), so that the
/// same Discovery document always gives the same text whatever the order of its JSON keys.
indirect enum YAMLValue: Hashable, Sendable {
    /// Text that always stays on one line: names, URLs, patterns, scope descriptions.
    case string(String)
    /// Prose that may span lines; written as a literal block when it does.
    case text(String)
    case bool(Bool)
    case sequence([YAMLValue])
    case mapping([YAMLEntry])
}

struct YAMLEntry: Hashable, Sendable {
    var key: String
    var value: YAMLValue
}

/// Builds a mapping entry by entry, leaving out absent values.
struct YAMLMappingBuilder {
    private(set) var entries: [YAMLEntry] = []

    mutating func add(_ key: String, _ value: YAMLValue?) {
        guard let value else { return }
        entries.append(YAMLEntry(key: key, value: value))
    }

    /// Adds `key: true` only when `flag` is set: false is the default of every flag in a spec.
    mutating func addFlag(_ key: String, _ flag: Bool) {
        if flag { add(key, .bool(true)) }
    }

    /// Adds the entries of a non-empty mapping under `key`.
    mutating func addMapping(_ key: String, _ entries: [YAMLEntry]) {
        if !entries.isEmpty { add(key, .mapping(entries)) }
    }

    var value: YAMLValue { .mapping(entries) }
}
