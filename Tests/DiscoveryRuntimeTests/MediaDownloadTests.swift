import Foundation
import HTTPTypes
import OpenAPIRuntime
import Testing

@testable import DiscoveryRuntime

@Suite struct MediaDownloadTests {
    /// A download whose body yields `chunks` and announces `length`.
    private func download(_ chunks: [String], length: Int64?) -> MediaDownload {
        let stream = AsyncStream<ArraySlice<UInt8>> { continuation in
            for chunk in chunks { continuation.yield(ArraySlice(chunk.utf8)) }
            continuation.finish()
        }
        let body = HTTPBody(stream, length: length.map { .known($0) } ?? .unknown, iterationBehavior: .single)
        return MediaDownload(response: HTTPResponse(status: .ok), body: body, operationID: "test.files.get")
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("media-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func writeStreamsToTheFileAndReportsProgress() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("out.bin")
        let reports = ProgressLog()
        let size = try await download(["abc", "defg", "h"], length: 8).write(to: file) { reports.append($0) }
        #expect(size == 8)
        #expect(try String(contentsOf: file, encoding: .utf8) == "abcdefgh")
        #expect(reports.values.map(\.completedBytes) == [3, 7, 8])
        #expect(reports.values.last?.fractionCompleted == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.bin"])
    }

    @Test func aShortDownloadLeavesTheOldFileAndNoPartialOne() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("out.bin")
        try Data("old".utf8).write(to: file)
        await #expect(throws: DiscoveryClientError.self) {
            try await download(["abc"], length: 10).write(to: file)
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.bin"])
    }

    @Test func dataRefusesMoreThanItsLimit() async throws {
        #expect(try await download(["ab", "cd"], length: nil).data(upTo: 4) == Data("abcd".utf8))
        await #expect(throws: DiscoveryClientError.self) {
            try await download(["ab", "cde"], length: nil).data(upTo: 4)
        }
    }
}

/// Progress reports, in order.
private final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [TransferProgress] = []

    var values: [TransferProgress] { lock.withLock { reports } }

    func append(_ progress: TransferProgress) {
        lock.withLock { reports.append(progress) }
    }
}
