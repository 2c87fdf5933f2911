import DiscoveryYAML

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
    case integer(Int64)
    case sequence([YAMLValue])
    case mapping([YAMLEntry])
}

struct YAMLEntry: Hashable, Sendable {
    var key: String
    var value: YAMLValue
    /// Where the Discovery document wrote what this entry comes from, so that the spec stage's diagnostics
    /// point there; nil for entries the importer makes up, which take their parent's place.
    var source: SourceLocation?

    init(key: String, value: YAMLValue, source: SourceLocation? = nil) {
        self.key = key
        self.value = value
        self.source = source
    }
}

extension YAMLValue {
    /// The value as the node tree the spec stage reads, each entry placed at its `source` or else where its
    /// enclosing value came from.
    func node(at location: SourceLocation) -> Node {
        switch self {
        case .string(let text), .text(let text):
            Node(.scalar(Scalar(text, style: .doubleQuoted, isPlain: false)), at: location)
        case .bool(let flag):
            Node(.scalar(Scalar(flag ? "true" : "false", style: .plain, isPlain: true)), at: location)
        case .integer(let number):
            Node(.scalar(Scalar(String(number), style: .plain, isPlain: true)), at: location)
        case .sequence(let items):
            Node(.sequence(items.map { $0.node(at: location) }), at: location)
        case .mapping(let entries):
            Node(
                .mapping(
                    entries.map { entry in
                        let place = entry.source ?? location
                        return MappingEntry(key: entry.key, keyLocation: place, value: entry.value.node(at: place))
                    }),
                at: location)
        }
    }
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
