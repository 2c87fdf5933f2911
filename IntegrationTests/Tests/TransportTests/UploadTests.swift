import DiscoveryRuntime
import FakeGoogleAPIs
import Foundation
import HTTPTypes
import LocalServer
import NIOConcurrencyHelpers
import NIOCore
import OpenAPIRuntime
import Samples
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

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
            // When a PUT's connection, opened by an earlier request, drops after its body, URLSession on Linux sends
            // the PUT again on a new connection without its body, and fails only when the request times out.
            let client = SamplesClient(
                serverURL: server.baseURL, transport: ShortTimeoutForPUTs(transport, timeout: .seconds(2)),
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

    /// Issue 22: Linux's URLSession reports a connection dropped in the middle of a chunk as `URLError.unknown`
    /// ("Send failure: Broken pipe"), `.networkConnectionLost` or `.badServerResponse`, AsyncHTTPClient as a NIO
    /// `IOError` or `HTTPClientError.remoteConnectionClosed`: the upload resumes whatever the error.
    ///
    /// Every request has a connection of its own (see the next test for chunks on reused connections), so each cut
    /// fails at once: no failure may be a timeout, and the long timeout only bounds the test if one were.
    @Test(arguments: Transport.allCases)
    func chunksCutInTheMiddleResumeFromWhatTheServerHas(_ transport: Transport) async throws {
        let uploads = FakeUploads(cutChunks: [1, 2, 3], closesConnections: true)
        let content = Self.content(6 * MediaUpload.chunkGranularity + 4_321)
        try await withLocalServer({ uploads.reply(to: $0) }, cutsBody: { uploads.cutsBody($0) }) { server in
            let failures = FailureLog()
            let client = SamplesClient(
                serverURL: server.baseURL, transport: transport.make(timeout: .seconds(10)), middlewares: [failures],
                retryPolicy: RetryPolicy(initialDelay: .milliseconds(1)))
            var media = MediaUpload.data(content, contentType: "application/octet-stream")
            media.chunkSize = 2 * MediaUpload.chunkGranularity
            let created = try await client.files.createUpload(File(name: "cut.bin"), media: media)

            #expect(created.size == Int64(content.count))
            #expect(uploads.files.map(\.content) == [content])
            let puts = server.requests.filter { $0.method == "PUT" }
            #expect(puts.filter(\.isCut).count == 3)
            // Each cut chunk is followed by a question, and the next chunk starts where the answer says.
            let ranges = puts.map { $0.header("Content-Range") ?? "" }
            let total = content.count
            let chunk = 2 * MediaUpload.chunkGranularity
            #expect(
                ranges == [
                    "bytes 0-\(chunk - 1)/\(total)", "bytes */\(total)",
                    "bytes \(chunk / 2)-\(chunk / 2 + chunk - 1)/\(total)", "bytes */\(total)",
                    "bytes \(chunk)-\(2 * chunk - 1)/\(total)", "bytes */\(total)",
                    "bytes \(chunk * 3 / 2)-\(chunk * 5 / 2 - 1)/\(total)",
                    "bytes \(chunk * 5 / 2)-\(total - 1)/\(total)",
                ], "\(ranges)")
            let errors = failures.errors
            #expect(errors.count == 3, "\(errors)")
            #expect(!errors.contains(where: Self.isTimeout), "\(errors)")
        }
    }

    /// A chunk cut on the connection of the chunk before it. AsyncHTTPClient fails at once; URLSession on Linux (curl)
    /// sends the request again on a new connection but never its body, and fails only when the request times out
    /// (60 s by default, 1 s here): the upload resumes then.
    @Test(arguments: Transport.allCases)
    func aChunkCutOnAReusedConnectionResumes(_ transport: Transport) async throws {
        let uploads = FakeUploads(cutChunks: [2])
        let content = Self.content(4 * MediaUpload.chunkGranularity + 99)
        try await withLocalServer({ uploads.reply(to: $0) }, cutsBody: { uploads.cutsBody($0) }) { server in
            let client = SamplesClient(
                serverURL: server.baseURL, transport: ShortTimeoutForPUTs(transport, timeout: .seconds(1)),
                retryPolicy: RetryPolicy(initialDelay: .milliseconds(1)))
            var media = MediaUpload.data(content, contentType: "application/octet-stream")
            media.chunkSize = MediaUpload.chunkGranularity
            _ = try await client.files.createUpload(File(name: "reused.bin"), media: media)

            #expect(uploads.files.map(\.content) == [content])
            let puts = server.requests.filter { $0.method == "PUT" }
            let firstCut = puts.firstIndex { $0.isCut }
            let cut = try #require(firstCut)
            #expect(puts.filter(\.isCut).count == 1)
            #expect(puts.dropFirst(cut + 1).first?.header("Content-Range") == "bytes */\(content.count)")
        }
    }

    /// A timeout of URLSession or AsyncHTTPClient.
    private static func isTimeout(_ error: any Error) -> Bool {
        if let error = error as? URLError { return error.code == .timedOut }
        return ["deadlineExceeded", "readTimeout", "writeTimeout"].contains { "\(error)".contains($0) }
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

/// The errors of the requests that got no response, in order.
private final class FailureLog: ClientMiddleware {
    private let failures = NIOLockedValueBox<[any Error]>([])

    var errors: [any Error] { failures.withLockedValue { $0 } }

    func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        do {
            return try await next(request, body, baseURL)
        } catch {
            failures.withLockedValue { $0.append(error) }
            throw error
        }
    }
}

/// Sends PUTs (the chunks and questions of upload sessions) with a short timeout, the rest with the default one, so
/// that a session's start never times out on a busy machine.
private struct ShortTimeoutForPUTs: ClientTransport {
    private let puts: any ClientTransport
    private let others: any ClientTransport

    init(_ transport: Transport, timeout: TimeAmount) {
        puts = transport.make(timeout: timeout)
        others = transport.make()
    }

    func send(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let transport = request.method == .put ? puts : others
        return try await transport.send(request, body: body, baseURL: baseURL, operationID: operationID)
    }
}
