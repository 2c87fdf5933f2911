/// The keys a mapping being loaded already has, to report a duplicate against the first entry of its key.
///
/// A spec has hundreds of thousands of mappings, nearly all of a few keys: those are searched one by one, and
/// only a large one gets a dictionary.
struct MappingKeys {
    /// The most entries searched one by one.
    static let linearSearchLimit = 16

    /// The first location of each key, filled once the mapping passes `linearSearchLimit` entries.
    private var firstLocations: [String: SourceLocation] = [:]

    /// Where an entry of `entries`, the mapping's so far, has `key`.
    mutating func earlierLocation(ofKey key: String, in entries: [MappingEntry]) -> SourceLocation? {
        guard entries.count > Self.linearSearchLimit else { return entries.first { $0.key == key }?.keyLocation }
        if firstLocations.isEmpty {
            for entry in entries where firstLocations[entry.key] == nil {
                firstLocations[entry.key] = entry.keyLocation
            }
        }
        return firstLocations[key]
    }

    /// Records an entry appended to the mapping.
    mutating func didAppend(_ entry: MappingEntry) {
        if !firstLocations.isEmpty, firstLocations[entry.key] == nil { firstLocations[entry.key] = entry.keyLocation }
    }
}
