/// The pages of a list method, each fetched when the loop reading them asks for it.
///
/// Generated clients return one from `<method>Pages(…)` for every method that pages:
///
/// ```swift
/// for try await page in client.files.listPages(pageSize: 100) {
///     print(page.files?.count ?? 0)
/// }
/// ```
///
/// The first page is fetched without a page token, each next one with the `nextPageToken` of the page before,
/// and the sequence ends after a page without one (or with an empty one). Nothing is fetched ahead, so leaving
/// the loop stops the listing; a cancelled task stops at the next page with `CancellationError`. A server that
/// returns the token it was given, which would loop for ever, ends the sequence with
/// ``DiscoveryClientError/repeatedPageToken(operationID:)``.
public struct PageSequence<Page: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page

    private let operationID: String
    private let fetch: @Sendable (_ pageToken: String?) async throws -> Page
    private let nextPageToken: @Sendable (Page) -> String?

    /// Pages that `fetch` gets one by one, passing the token that `nextPageToken` read from the page before.
    public init(
        operationID: String,
        fetch: @escaping @Sendable (_ pageToken: String?) async throws -> Page,
        nextPageToken: @escaping @Sendable (Page) -> String?
    ) {
        self.operationID = operationID
        self.fetch = fetch
        self.nextPageToken = nextPageToken
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(sequence: self)
    }

    /// Every item of every page: the elements that `items` reads from each page, in order.
    public func items<Item: Sendable>(
        _ items: @escaping @Sendable (Page) -> [Item]?
    ) -> PageItemSequence<Page, Item> {
        PageItemSequence(pages: self, items: items)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        private let sequence: PageSequence
        /// The token of the page to fetch next; nil before the first page.
        private var pageToken: String?
        private var isFinished = false

        init(sequence: PageSequence) {
            self.sequence = sequence
        }

        public mutating func next() async throws -> Page? {
            guard !isFinished else { return nil }
            try Task.checkCancellation()
            let page: Page
            do {
                page = try await sequence.fetch(pageToken)
            } catch {
                isFinished = true
                throw error
            }
            let next = sequence.nextPageToken(page) ?? ""
            if next.isEmpty {
                isFinished = true
            } else if next == pageToken {
                isFinished = true
                throw DiscoveryClientError.repeatedPageToken(operationID: sequence.operationID)
            }
            pageToken = next
            return page
        }
    }
}

/// The items of every page of a list method, fetched a page at a time as the loop reading them asks for more.
///
/// Generated clients return one from `<method>Items(…)` when the method's response has a repeated field of
/// items (`items`, `files`, …):
///
/// ```swift
/// for try await file in client.files.listItems(pageSize: 100) {
///     print(file.name ?? "")
/// }
/// ```
public struct PageItemSequence<Page: Sendable, Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Item

    private let pages: PageSequence<Page>
    private let items: @Sendable (Page) -> [Item]?

    init(pages: PageSequence<Page>, items: @escaping @Sendable (Page) -> [Item]?) {
        self.pages = pages
        self.items = items
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: pages.makeAsyncIterator(), items: items)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        private var pages: PageSequence<Page>.AsyncIterator
        private let items: @Sendable (Page) -> [Item]?
        private var buffered: [Item] = []
        private var position = 0

        init(pages: PageSequence<Page>.AsyncIterator, items: @escaping @Sendable (Page) -> [Item]?) {
            self.pages = pages
            self.items = items
        }

        public mutating func next() async throws -> Item? {
            // Pages may be empty (a filter matched nothing on this one) and still name a next page.
            while position == buffered.count {
                guard let page = try await pages.next() else { return nil }
                buffered = items(page) ?? []
                position = 0
            }
            defer { position += 1 }
            return buffered[position]
        }
    }
}
