import Foundation
import Testing

@testable import DiscoveryRuntime

/// A page as the tests' list method returns it.
private struct Page: Sendable {
    var items: [Int]?
    var nextPageToken: String?
}

/// A list method that serves `pages` and records the token of every fetch.
private actor FakeList {
    private let pages: [String?: Page]
    private(set) var requestedTokens: [String?] = []

    init(_ pages: [String?: Page]) {
        self.pages = pages
    }

    func fetch(_ token: String?) throws -> Page {
        requestedTokens.append(token)
        guard let page = pages[token] else { throw URLError(.badURL) }
        return page
    }

    nonisolated func sequence() -> PageSequence<Page> {
        PageSequence(operationID: "test.things.list") {
            try await self.fetch($0)
        } nextPageToken: {
            $0.nextPageToken
        }
    }
}

@Suite struct PagingTests {
    private let threePages: [String?: Page] = [
        nil: Page(items: [1, 2], nextPageToken: "b"),
        "b": Page(items: [], nextPageToken: "c"),
        "c": Page(items: [3], nextPageToken: ""),
    ]

    @Test func pagesFollowTheTokensAndEndAtAnEmptyOne() async throws {
        let list = FakeList(threePages)
        var seen: [[Int]?] = []
        for try await page in list.sequence() { seen.append(page.items) }
        #expect(seen == [[1, 2], [], [3]])
        #expect(await list.requestedTokens == [nil, "b", "c"])
    }

    @Test func itemsSkipEmptyPagesAndMissingFields() async throws {
        var pages = threePages
        pages["c"] = Page(items: nil, nextPageToken: "d")
        pages["d"] = Page(items: [4], nextPageToken: nil)
        var items: [Int] = []
        for try await item in FakeList(pages).sequence().items(\.items) { items.append(item) }
        #expect(items == [1, 2, 4])
    }

    @Test func nothingIsFetchedAheadOfTheReader() async throws {
        let list = FakeList(threePages)
        for try await item in list.sequence().items(\.items) where item == 2 { break }
        #expect(await list.requestedTokens == [nil])
    }

    @Test func aRepeatedTokenEndsWithAnErrorInsteadOfLoopingForever() async throws {
        let list = FakeList([nil: Page(items: [1], nextPageToken: "a"), "a": Page(items: [2], nextPageToken: "a")])
        var iterator = list.sequence().makeAsyncIterator()
        _ = try await iterator.next()
        await #expect(throws: DiscoveryClientError.self) { try await iterator.next() }
        #expect(try await iterator.next() == nil)
        #expect(await list.requestedTokens == [nil, "a"])
    }

    @Test func aFailedFetchEndsTheSequence() async throws {
        let list = FakeList([nil: Page(items: [1], nextPageToken: "missing")])
        var iterator = list.sequence().makeAsyncIterator()
        _ = try await iterator.next()
        await #expect(throws: URLError.self) { try await iterator.next() }
        #expect(try await iterator.next() == nil)
    }

    @Test func aCancelledTaskFetchesNoMorePages() async throws {
        let list = FakeList(threePages)
        let reader = Task {
            var count = 0
            for try await _ in list.sequence() {
                count += 1
                withUnsafeCurrentTask { $0?.cancel() }
            }
            return count
        }
        await #expect(throws: CancellationError.self) { try await reader.value }
        #expect(await list.requestedTokens == [nil])
    }
}
