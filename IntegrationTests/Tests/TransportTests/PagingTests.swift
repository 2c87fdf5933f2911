import FakeGoogleAPIs
import Foundation
import LocalServer
import Samples
import Testing

/// Generated page and item sequences against list methods shaped like compute's `instances.list` (`items`) and
/// drive's `files.list` (`files`), three pages each.
@Suite struct PagingTests {
    @Test(arguments: Transport.allCases)
    func computeInstancesListItemsAcrossThreePages(_ transport: Transport) async throws {
        let listing = FakeListing(
            itemsField: "items",
            items: (1...7).map { #"{"name": "vm-\#($0)", "id": "\#(UInt64.max - UInt64($0))", "status": "RUNNING"}"# },
            pageSizeParameter: "maxResults")
        try await withLocalServer({ listing.reply(to: $0) }) { server in
            let client = SamplesClient(serverURL: server.baseURL, transport: transport.make())
            var names: [String] = []
            for try await instance in client.instances.listItems(project: "p", zone: "europe-west1-b", maxResults: 3) {
                names.append(instance.name ?? "")
                #expect(instance.status == .running)
            }
            #expect(names == (1...7).map { "vm-\($0)" })
            #expect(
                server.requests.map { $0.query["pageToken"] ?? "-" } == ["-", "offset-3", "offset-6"])
            #expect(server.requests.allSatisfy { $0.path == "/compute/v1/projects/p/zones/europe-west1-b/instances" })
        }
    }

    @Test(arguments: Transport.allCases)
    func driveFilesListPagesStopAtTheLastPageAndWhenTheReaderStops(_ transport: Transport) async throws {
        let listing = FakeListing(
            itemsField: "files", items: (1...6).map { #"{"id": "f\#($0)", "size": "\#($0 * 1000)"}"# },
            pageSizeParameter: "pageSize")
        try await withLocalServer({ listing.reply(to: $0) }) { server in
            let client = SamplesClient(serverURL: server.baseURL, transport: transport.make())
            var pageSizes: [Int] = []
            for try await page in client.files.listPages(pageSize: 2, q: "trashed = false") {
                pageSizes.append(page.files?.count ?? 0)
            }
            #expect(pageSizes == [2, 2, 2])
            #expect(server.requests.count == 3)
            #expect(server.requests.allSatisfy { $0.query["q"] == "trashed = false" })

            for try await file in client.files.listItems(pageSize: 4) where file.id == "f2" { break }
            #expect(server.requests.count == 4)
        }
    }
}
