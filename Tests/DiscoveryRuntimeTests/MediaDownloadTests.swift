import Foundation
import HTTPTypes
import OpenAPIRuntime
import TestTransport
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

/// A download whose connection fails partway goes on from the bytes it has, through `APIClient.download`, with
/// waits on a test clock.
@Suite struct MediaDownloadResumptionTests {
    private let clock = TestClock()

    private func download(
        _ transport: DroppingTransport, retryPolicy: RetryPolicy = .default, options: CallOptions = CallOptions()
    ) async throws -> MediaDownload {
        let client = APIClient(
            serverURL: URL(string: "https://example.googleapis.com/")!, transport: transport,
            service: ServiceInfo(apiName: "example", apiVersion: "v1", generatorVersion: "0"),
            retryPolicy: retryPolicy, clock: clock, jitter: { $0 })
        var path = PathBuilder()
        path.appendLiteral("/v1/files/f")
        var query = QueryItems()
        query.append("alt", "media")
        return try await client.download(
            APIRequest(operationID: "example.files.get", method: .get, path: path, query: query), options: options)
    }

    private static let whole = ["Content-Length": "10", "ETag": #""v1""#]

    private static func part(from first: Int) -> [String: String] {
        ["Content-Range": "bytes \(first)-9/10", "Content-Length": "\(10 - first)"]
    }

    @Test func aDroppedConnectionResumesWhereItStoppedIfTheContentIsUnchanged() async throws {
        let transport = DroppingTransport([
            .init(status: 200, headers: Self.whole, chunks: ["ab", "cd"], drops: true),
            .init(status: 206, headers: Self.part(from: 4), chunks: ["efghij"]),
        ])
        let download = try await download(transport)
        #expect(try await download.data(upTo: 100) == Data("abcdefghij".utf8))
        let requests = await transport.requests
        #expect(requests.map { $0.headerFields[.range] } == [nil, "bytes=4-"])
        #expect(requests.map { $0.headerFields[.ifRange] } == [nil, #""v1""#])
        #expect(requests.map(\.path) == [requests[0].path, requests[0].path], "the same request again")
        #expect(clock.sleeps == [.seconds(1)], "the policy's first backoff")
    }

    @Test func aFileIsWrittenWholeAcrossDrops() async throws {
        let transport = DroppingTransport([
            .init(
                status: 200, headers: ["Content-Length": "10", "Last-Modified": "Tue, 01 Dec 2026 10:00:00 GMT"],
                chunks: ["abc"], drops: true),
            .init(status: 206, headers: Self.part(from: 3), chunks: ["def"], drops: true),
            .init(status: 206, headers: Self.part(from: 6), chunks: ["ghij"]),
        ])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("out.bin")
        let written = try await download(transport).write(to: file)
        #expect(written == 10)
        #expect(try String(contentsOf: file, encoding: .utf8) == "abcdefghij")
        #expect(
            await transport.requests.map { $0.headerFields[.ifRange] } == [
                nil, "Tue, 01 Dec 2026 10:00:00 GMT", "Tue, 01 Dec 2026 10:00:00 GMT",
            ])
    }

    /// A download asked for with `If-None-Match` came because the content changed: its rest is asked for with
    /// `If-Range` alone, which a 304 would not answer.
    @Test func theRestIsAskedForWithoutTheCallersConditions() async throws {
        let transport = DroppingTransport([
            .init(status: 200, headers: Self.whole, chunks: ["abcd"], drops: true),
            .init(status: 206, headers: Self.part(from: 4), chunks: ["efghij"]),
        ])
        var options = CallOptions(ifNoneMatch: #""v0""#)
        options.headerFields[.ifModifiedSince] = "Tue, 01 Dec 2026 10:00:00 GMT"
        let download = try await download(transport, options: options)
        #expect(try await download.data(upTo: 100) == Data("abcdefghij".utf8))
        let requests = await transport.requests
        #expect(requests.map { $0.headerFields[.ifNoneMatch] } == [#""v0""#, nil])
        #expect(requests.map { $0.headerFields[.ifModifiedSince] } == ["Tue, 01 Dec 2026 10:00:00 GMT", nil])
    }

    /// Failures in a row without a byte received end the download at the policy's `maximumAttempts`; a byte
    /// received starts the count again.
    @Test func failuresInARowAreBoundedAndProgressStartsTheCountAgain() async throws {
        let transport = DroppingTransport([
            .init(status: 200, headers: Self.whole, chunks: ["ab"], drops: true),
            .init(status: 206, headers: Self.part(from: 2), chunks: [], drops: true),
            .init(status: 206, headers: Self.part(from: 2), chunks: ["c"], drops: true),
            .init(status: 206, headers: Self.part(from: 3), chunks: [], drops: true),
            .init(status: 206, headers: Self.part(from: 3), chunks: [], drops: true),
        ])
        let download = try await download(transport, retryPolicy: RetryPolicy(maximumAttempts: 3))
        await #expect(throws: TransportError.self) { try await download.data(upTo: 100) }
        let ranges = await transport.requests.map { $0.headerFields[.range] }
        #expect(ranges == [nil, "bytes=2-", "bytes=2-", "bytes=3-", "bytes=3-"])
        #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(1), .seconds(2)])
    }

    /// A whole new content (it changed, or the server ignores ranges), or bytes from elsewhere, cannot continue the
    /// bytes already handed out.
    @Test(arguments: [
        (200, ["Content-Length": "3", "ETag": #""v2""#], "new"),
        (206, ["Content-Range": "bytes 0-9/10", "Content-Length": "10"], "abcdefghij"),
    ])
    func anAnswerWithOtherBytesEndsTheDownloadWithTheDrop(status: Int, headers: [String: String], content: String)
        async throws
    {
        let transport = DroppingTransport([
            .init(status: 200, headers: Self.whole, chunks: ["abcd"], drops: true),
            .init(status: status, headers: headers, chunks: [content]),
        ])
        let download = try await download(transport)
        await #expect {
            try await download.data(upTo: 100)
        } throws: { error in
            (error as? TransportError)?.underlying is URLError
        }
        #expect(await transport.requests.count == 2)
    }

    /// Without a validator the rest could belong to another content; decompressed bytes are not the ones `Range`
    /// counts; a policy of one attempt retries nothing; a caller's own `Range` asked for a part already.
    @Test(arguments: [
        (["Content-Length": "10"], RetryPolicy.default, false),
        (["Content-Length": "10", "ETag": #"W/"v1""#], RetryPolicy.default, false),
        (["ETag": #""v1""#, "Content-Encoding": "gzip"], RetryPolicy.default, false),
        (whole, RetryPolicy.none, false),
        (whole, RetryPolicy(deadline: .milliseconds(500)), false),
        (whole, RetryPolicy.default, true),
    ])
    func someDownloadsDoNotResume(headers: [String: String], policy: RetryPolicy, callerAsksForARange: Bool)
        async throws
    {
        let transport = DroppingTransport([
            .init(status: callerAsksForARange ? 206 : 200, headers: headers, chunks: ["ab"], drops: true),
            .init(status: 206, headers: Self.part(from: 2), chunks: ["cdefghij"]),
        ])
        var options = CallOptions()
        if callerAsksForARange { options.headerFields[.range] = "bytes=0-" }
        let download = try await download(transport, retryPolicy: policy, options: options)
        await #expect(throws: TransportError.self) { try await download.data(upTo: 100) }
        #expect(await transport.requests.count == 1)
        #expect(clock.sleeps.isEmpty)
    }
}

/// A transport whose responses' bodies may fail after their chunks, as a dropped connection does; it records the
/// requests.
private actor DroppingTransport: ClientTransport {
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var chunks: [String]
        var drops = false
    }

    private(set) var requests: [HTTPRequest] = []
    private var replies: [Reply]

    init(_ replies: [Reply]) {
        self.replies = replies
    }

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (
        HTTPResponse, HTTPBody?
    ) {
        requests.append(request)
        guard !replies.isEmpty else { throw URLError(.cannotConnectToHost) }
        let reply = replies.removeFirst()
        var fields = HTTPFields()
        for (name, value) in reply.headers { fields[HTTPField.Name(name)!] = value }
        let stream = AsyncThrowingStream<ArraySlice<UInt8>, any Error> { continuation in
            for chunk in reply.chunks { continuation.yield(ArraySlice(chunk.utf8)) }
            continuation.finish(throwing: reply.drops ? URLError(.networkConnectionLost) : nil)
        }
        let length = fields[.contentLength].flatMap { Int64($0) }
        let body = HTTPBody(stream, length: length.map { .known($0) } ?? .unknown, iterationBehavior: .single)
        return (HTTPResponse(status: .init(code: reply.status), headerFields: fields), body)
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
