import DiscoveryYAML

/// `paging:` for the list methods of a Discovery document.
extension DocumentConverter {
    /// A method pages when it takes an optional string `pageToken` in the query and its response has a string
    /// `nextPageToken`, as Google's own generators decide. Its items are the response's one array field, not
    /// counting `unreachable` (the locations a list could not reach); or `items` when there are several.
    func paging(_ method: Node, response: String?) -> YAMLValue? {
        guard let token = method["parameters"]?["pageToken"], token["location"]?.text == "query",
            token["type"]?.text == "string", token["required"]?.isTrue != true, token["repeated"]?.isTrue != true,
            let response, let properties = schemas?[response]?["properties"],
            properties["nextPageToken"]?["type"]?.text == "string"
        else { return nil }
        let arrays = properties.entries.filter { entry in
            entry.value["type"]?.text == "array" && !["unreachable", "unreachables"].contains(entry.key)
        }.map(\.key)
        let items = arrays.count == 1 ? arrays.first : arrays.contains("items") ? "items" : nil
        return .mapping(items.map { [YAMLEntry(key: "items", value: .string($0))] } ?? [])
    }
}
