import DiscoveryYAML

/// Reads typed values out of YAML nodes, recording a diagnostic for each problem instead of stopping.
///
/// Every reader returns nil when the node cannot be used, so that parsing goes on and the user
/// sees every problem of a file in one run.
struct NodeReader {
    private(set) var diagnostics: [Diagnostic] = []

    mutating func error(at location: SourceLocation, _ message: String) {
        diagnostics.append(.error(at: location, message))
    }

    /// The entries of a mapping, after checking its keys against the ones `context` allows.
    ///
    /// A missing key is reported at `ownerLocation`, the name of the thing that is incomplete, when given.
    mutating func mapping(
        _ node: Node,
        of context: String,
        allowedKeys: [String],
        requiredKeys: [String] = [],
        ownerLocation: SourceLocation? = nil
    ) -> Fields? {
        guard case .mapping(let entries) = node.content else {
            error(at: node.location, "expected \(context) to be a mapping, found \(node.kindDescription)")
            return nil
        }
        for entry in entries where !allowedKeys.contains(entry.key) {
            var message = "unknown key '\(entry.key)' in \(context)"
            if let suggestion = closestMatch(to: entry.key, in: allowedKeys) {
                message += "; did you mean '\(suggestion)'?"
            }
            error(at: entry.keyLocation, message)
        }
        for key in requiredKeys where !entries.contains(where: { $0.key == key }) {
            error(at: ownerLocation ?? node.location, "\(context) is missing the required key '\(key)'")
        }
        return Fields(location: node.location, entries: entries)
    }

    /// The entries of a mapping whose keys are names chosen by the user (resources, schemas, ...).
    mutating func namedEntries(_ node: Node, of context: String) -> [MappingEntry]? {
        guard case .mapping(let entries) = node.content else {
            if case .scalar(let scalar) = node.content, scalar.plainMeaning == .null { return [] }
            error(at: node.location, "expected \(context) to be a mapping, found \(node.kindDescription)")
            return nil
        }
        return entries
    }

    mutating func string(_ node: Node, of context: String) -> String? {
        guard case .scalar(let scalar) = node.content, scalar.plainMeaning == .string else {
            var message = "expected \(context) to be a string, found \(node.kindDescription)"
            if case .scalar(let scalar) = node.content, scalar.plainMeaning != .null {
                message += "; quote it to mean the text \"\(scalar.text)\""
            }
            error(at: node.location, message)
            return nil
        }
        return scalar.text
    }

    /// A string, or nil without complaint when the value is left empty (`description:`).
    mutating func optionalString(_ node: Node, of context: String) -> String? {
        if case .scalar(let scalar) = node.content, scalar.plainMeaning == .null { return nil }
        return string(node, of: context)
    }

    mutating func bool(_ node: Node, of context: String) -> Bool? {
        guard case .scalar(let scalar) = node.content, case .bool(let value) = scalar.plainMeaning else {
            error(at: node.location, "expected \(context) to be true or false, found \(node.kindDescription)")
            return nil
        }
        return value
    }

    mutating func integer(_ node: Node, of context: String) -> Int? {
        guard case .scalar(let scalar) = node.content, case .integer(let value) = scalar.plainMeaning else {
            error(at: node.location, "expected \(context) to be an integer, found \(node.kindDescription)")
            return nil
        }
        return value
    }

    mutating func strings(_ node: Node, of context: String) -> [(text: String, location: SourceLocation)]? {
        guard case .sequence(let items) = node.content else {
            error(at: node.location, "expected \(context) to be a sequence of strings, found \(node.kindDescription)")
            return nil
        }
        return items.compactMap { item in string(item, of: "each entry of \(context)").map { ($0, item.location) } }
    }
}

/// The entries of a mapping whose keys were checked.
struct Fields {
    var location: SourceLocation
    var entries: [MappingEntry]

    subscript(key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    func entry(_ key: String) -> MappingEntry? {
        entries.first { $0.key == key }
    }
}

/// The candidate closest to `word` by edit distance, when it is close enough to be a likely typo.
func closestMatch(to word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { (candidate: $0, distance: editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
    let limit = max(1, min(word.count, best.candidate.count) / 3)
    return best.distance <= limit ? best.candidate : nil
}

/// Levenshtein distance over characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
