import DiscoveryYAML

/// Read access to the JSON of a Discovery document, loaded as YAML nodes so that every value keeps its line
/// and column. Missing or mistyped values read as absent; the importer decides what that means.
extension Node {
    subscript(key: String) -> Node? {
        guard case .mapping(let entries) = content else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// Where the value of `key` is written, or where this node starts when it has none.
    func location(of key: String) -> SourceLocation {
        self[key]?.location ?? location
    }

    /// The entries of an object, or none.
    var entries: [MappingEntry] {
        if case .mapping(let entries) = content { return entries }
        return []
    }

    /// The entries sorted by key, so that output does not depend on the document's key order.
    var sortedEntries: [MappingEntry] {
        entries.sorted { $0.key < $1.key }
    }

    /// The items of an array, or none.
    var items: [Node] {
        if case .sequence(let items) = content { return items }
        return []
    }

    /// The text of a string (or of any other scalar but null).
    var text: String? {
        guard case .scalar(let scalar) = content, scalar.plainMeaning != .null else { return nil }
        return scalar.text
    }

    /// JSON `true`, or the string "true", which some documents use.
    var isTrue: Bool {
        guard case .scalar(let scalar) = content else { return false }
        return scalar.plainMeaning == .bool(true) || (!scalar.isPlain && scalar.text == "true")
    }

    var isMapping: Bool {
        if case .mapping = content { return true }
        return false
    }
}
