/// Query parameters in the order they are added.
public struct QueryItems: Sendable {
    private var items: [(name: String, value: String)] = []

    /// No parameters.
    public init() {}

    /// Appends `name=value`; a `nil` value appends nothing.
    public mutating func append<Value: HTTPParameterValue>(_ name: String, _ value: Value?) {
        guard let value else { return }
        items.append((name, value.httpParameterValue))
    }

    /// Appends `name=value` once per value, the way Google reads repeated parameters: `p=a&p=b`.
    /// Appends the items of `other`, after these.
    mutating func append(contentsOf other: QueryItems) {
        items += other.items
    }

    public mutating func append<Value: HTTPParameterValue>(_ name: String, _ values: [Value]?) {
        for value in values ?? [] {
            append(name, value)
        }
    }

    /// The query string without the leading `?`.
    ///
    /// Names are sent verbatim: the generator only emits valid names, and Google expects `$.xgafv` as is.
    /// Values are strictly percent-encoded.
    var encodedQuery: String {
        items.map { "\($0.name)=\(percentEncoded($0.value))" }.joined(separator: "&")
    }
}
