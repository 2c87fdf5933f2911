import Foundation
import LocalServer

/// A list method of Google's that pages: the first page for no `pageToken`, then the page each token names, the
/// last one without a `nextPageToken`. `pageSize` items per page, read from the request's page size parameter
/// (`maxResults` or `pageSize`), so that the client's value is seen to arrive.
public struct FakeListing: Sendable {
    /// The field of the response that holds the items: compute's `items`, drive's `files`.
    public var itemsField: String
    /// Every item, as JSON objects.
    public var items: [String]
    /// The query parameter that limits a page.
    public var pageSizeParameter: String

    public init(itemsField: String, items: [String], pageSizeParameter: String) {
        self.itemsField = itemsField
        self.items = items
        self.pageSizeParameter = pageSizeParameter
    }

    /// The page that `request` asks for; 400 for an unknown token or a missing page size.
    public func reply(to request: ReceivedRequest) -> Reply {
        let query = request.query
        guard let pageSize = query[pageSizeParameter].flatMap(Int.init), pageSize > 0 else {
            return FakeDataPortability.error(400, "INVALID_ARGUMENT", "\(pageSizeParameter) must be given.")
        }
        let start: Int
        if let token = query["pageToken"] {
            guard token.hasPrefix("offset-"), let offset = Int(token.dropFirst("offset-".count)) else {
                return FakeDataPortability.error(400, "INVALID_ARGUMENT", "Invalid page token.")
            }
            start = offset
        } else {
            start = 0
        }
        let end = min(start + pageSize, items.count)
        let page = items[start..<end].joined(separator: ", ")
        let next = end < items.count ? #", "nextPageToken": "offset-\#(end)""# : ""
        return .json(#"{"\#(itemsField)": [\#(page)]\#(next)}"#)
    }
}
