import DiscoveryRuntime
import FakeGoogleAPIs
import Foundation
import LocalServer
import NIOConcurrencyHelpers
import Samples
import Testing

/// Generated media uploads against a server that plays Drive's upload protocols.
@Suite struct UploadTests {
    private static func content(_ count: Int) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7) })
    }

    @Test(arguments: Transport.allCases)
    func aResumableUploadInterruptedTwiceCompletesWithTheRightBytes(_ transport: Transport) async throws {
        let uploads = FakeUploads(interruptedChunks: [2, 4])
        let content = Self.content(5 * MediaUpload.chunkGranularity + 12_345)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("upload-\(UUID().uuidString)")
        try content.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try await withLocalServer({ uploads.reply(to: $0) }) { server in
            // URLSession on Linux notices a connection dropped after a PUT's body only when its request times out.
            let client = SamplesClient(
                serverURL: server.baseURL, transport: transport.make(timeout: .seconds(2)),
                retryPolicy: RetryPolicy(initialDelay: .milliseconds(1)))
            let progress = NIOLockedValueBox<[Int64]>([])
            var media = try MediaUpload.file(file, contentType: "application/octet-stream") { report in
                progress.withLockedValue { $0.append(report.completedBytes) }
            }
            media.chunkSize = 2 * MediaUpload.chunkGranularity
            let created = try await client.files.createUpload(File(name: "big.bin"), media: media)

            #expect(created.size == Int64(content.count))
            #expect(uploads.files.map(\.content) == [content])
            #expect(uploads.files.first?.name == "big.bin")
            let puts = server.requests.filter { $0.method == "PUT" }
            let ranges = puts.map { $0.header("Content-Range") ?? "" }
            // Two interruptions, each followed by a question for the committed bytes.
            #expect(ranges.filter { $0.hasPrefix("bytes */") }.count == 2, "\(ranges)")
            #expect(progress.withLockedValue { $0 }.last == Int64(content.count))
        }
    }

    @Test(arguments: Transport.allCases)
    func aSmallUploadIsOneMultipartRequestTheServerCanRead(_ transport: Transport) async throws {
        let uploads = FakeUploads()
        try await withLocalServer({ uploads.reply(to: $0) }) { server in
            let client = SamplesClient(serverURL: server.baseURL, transport: transport.make())
            let content = Self.content(100_000)
            let created = try await client.files.createUpload(
                File(name: "notes.txt"), media: .data(content, contentType: "text/plain"))
            #expect(created.name == "notes.txt")
            #expect(uploads.files.map(\.content) == [content])
            #expect(uploads.files.first?.mimeType == "text/plain")
            #expect(server.requests.count == 1)
        }
    }

    @Test func aStreamOfUnknownLengthUploadsResumably() async throws {
        let uploads = FakeUploads()
        try await withLocalServer({ uploads.reply(to: $0) }) { server in
            let client = SamplesClient(serverURL: server.baseURL, transport: Transport.asyncHTTPClient.make())
            let content = Self.content(3 * MediaUpload.chunkGranularity + 7)
            let pieces = stride(from: 0, to: content.count, by: 50_000).map {
                ArraySlice(content[$0..<min($0 + 50_000, content.count)])
            }
            let stream = AsyncStream { continuation in
                for piece in pieces { continuation.yield(piece) }
                continuation.finish()
            }
            var media = MediaUpload.stream(stream, contentType: "application/octet-stream")
            media.chunkSize = MediaUpload.chunkGranularity
            _ = try await client.files.createUpload(media: media)
            #expect(uploads.files.map(\.content) == [content])
        }
    }
}
