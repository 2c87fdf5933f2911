import DiscoveryYAML

/// `paging:` for the list methods of a Discovery document.
extension DocumentConverter {
    /// A method pages when it takes an optional string `pageToken` in the query and its response has a string
    /// `nextPageToken`, as Google's own generators decide, unless that is deprecated (bigtableadmin v2: "unused and
    /// ignored"). Its items are the response's one array field that is not deprecated, not counting `unreachable`
    /// (the locations a list could not reach); or `items` when there are several.
    func paging(_ method: Node, response: String?) -> YAMLValue? {
        guard let token = method["parameters"]?["pageToken"], token["location"]?.text == "query",
            token["type"]?.text == "string", token["required"]?.isTrue != true, token["repeated"]?.isTrue != true,
            let response, let properties = schemas?[response]?["properties"],
            let nextPageToken = properties["nextPageToken"], nextPageToken["type"]?.text == "string",
            nextPageToken["deprecated"]?.isTrue != true
        else { return nil }
        let arrays = properties.entries.filter { entry in
            entry.value["type"]?.text == "array" && entry.value["deprecated"]?.isTrue != true
                && !["unreachable", "unreachables"].contains(entry.key)
        }.map(\.key)
        let items = arrays.count == 1 ? arrays.first : arrays.contains("items") ? "items" : nil
        return .mapping(items.map { [YAMLEntry(key: "items", value: .string($0))] } ?? [])
    }

    /// The type of a page token (the `pageToken` parameter, a response's `nextPageToken`) without `format: byte`:
    /// a token is passed back as it came, and as `Data` it would keep its method from paging.
    /// (businessprofileperformance v1 marks both so.)
    mutating func pageTokenType(_ head: [YAMLEntry], of node: Node, named name: String, context: String) -> [YAMLEntry]
    {
        func isByteFormat(_ entry: YAMLEntry) -> Bool { entry.key == "format" && entry.value == .string("byte") }
        guard ["pageToken", "nextPageToken"].contains(name), head.contains(where: isByteFormat) else { return head }
        warn(
            at: node.location(of: "format"),
            "format 'byte' on \(context) is left out: a page token is passed back as it came, as a string")
        return head.filter { !isByteFormat($0) }
    }
}
