import Foundation
import HTTPTypes
import OpenAPIRuntime
import TestTransport
import Testing

@testable import DiscoveryRuntime

/// The metadata of the tests' uploads.
private struct Metadata: Codable, Sendable, Hashable {
    var name: String?
}

@Suite struct UploadTests {
    private let clock = TestClock()

    private func client(_ transport: any ClientTransport, retryPolicy: RetryPolicy = .default) -> APIClient {
        APIClient(
            serverURL: URL(string: "https://example.googleapis.com/")!, transport: transport,
            service: ServiceInfo(apiName: "example", apiVersion: "v1", generatorVersion: "0"),
            retryPolicy: retryPolicy, clock: clock, jitter: { $0 })
    }

    private func endpoints(accept: [String] = ["*/*"], maxSize: Int64? = nil) -> MediaUploadEndpoints {
        var simple = PathBuilder()
        simple.appendLiteral("/upload/v1/files")
        var resumable = PathBuilder()
        resumable.appendLiteral("/resumable/upload/v1/files")
        return MediaUploadEndpoints(simplePath: simple, resumablePath: resumable, accept: accept, maxSize: maxSize)
    }

    private func request(metadata: Metadata? = Metadata(name: "a.txt")) -> APIRequest {
        var path = PathBuilder()
        path.appendLiteral("/v1/files")
        return APIRequest(operationID: "example.files.create", method: .post, path: path, body: metadata)
    }

    private static let sessionURL = "https://example.googleapis.com/resumable/upload/v1/files?upload_id=xyz"

    @Test func smallContentWithMetadataIsOneMultipartRequest() async throws {
        let transport = ScriptedTransport([.response(status: 200, body: #"{"name": "a.txt"}"#)])
        let media = MediaUpload.data(Data("hello".utf8), contentType: "text/plain")
        let created = try await client(transport).upload(
            request(), media: media, to: endpoints(), returning: Metadata.self)
        #expect(created == Metadata(name: "a.txt"))
        let call = try #require(await transport.calls.first)
        #expect(call.request.method == .post)
        #expect(call.request.path?.hasPrefix("/upload/v1/files?uploadType=multipart&") == true)
        let contentType = try #require(call.request.headerFields[.contentType])
        #expect(contentType.hasPrefix("multipart/related; boundary="))
        let boundary = String(contentType.dropFirst("multipart/related; boundary=".count))
        let body = String(decoding: call.body ?? Data(), as: UTF8.self)
        #expect(
            body
                == "--\(boundary)\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{\"name\":\"a.txt\"}\r\n"
                + "--\(boundary)\r\nContent-Type: text/plain\r\n\r\nhello\r\n--\(boundary)--\r\n")
    }

    @Test func contentWithoutMetadataIsSentAsItIs() async throws {
        let transport = ScriptedTransport([.response(status: 200, body: "{}")])
        try await client(transport).upload(
            request(metadata: nil), media: .data(Data([1, 2, 3]), contentType: "image/png"), to: endpoints())
        let call = try #require(await transport.calls.first)
        #expect(call.request.path?.hasPrefix("/upload/v1/files?uploadType=media&") == true)
        #expect(call.request.headerFields[.contentType] == "image/png")
        #expect(call.body == Data([1, 2, 3]))
    }

    @Test func unacceptableOrTooLargeContentIsRefusedBeforeSending() async throws {
        let transport = ScriptedTransport([])
        let client = client(transport)
        await #expect(throws: DiscoveryClientError.self) {
            try await client.upload(
                request(), media: .data(Data([1]), contentType: "video/mp4"), to: endpoints(accept: ["image/*"]),
                returning: Metadata.self)
        }
        await #expect(throws: DiscoveryClientError.self) {
            try await client.upload(
                request(), media: .data(Data(count: 11), contentType: "IMAGE/PNG; q=1"),
                to: endpoints(accept: ["image/*"], maxSize: 10), returning: Metadata.self)
        }
        #expect(await transport.calls.isEmpty)
        #expect(MediaUpload.contentType("Image/PNG; charset=x", matchesAnyOf: ["image/*"]))
        #expect(!MediaUpload.contentType("image", matchesAnyOf: ["*/*"]))
    }

    @Test func largeContentGoesInChunksAndResumesFromWhatTheServerHas() async throws {
        let chunk = MediaUpload.chunkGranularity
        let content = Data((0..<(2 * chunk + 100)).map { UInt8(truncatingIfNeeded: $0) })
        let transport = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""),
            // The first chunk arrives whole.
            .response(status: 308, headers: ["Range": "bytes=0-\(chunk - 1)"], body: ""),
            // The second is interrupted; the server has 1000 bytes of it.
            .response(status: 503, body: "{}"),
            .response(status: 308, headers: ["Range": "bytes=0-\(chunk + 999)"], body: ""),
            // A chunk from there reaches the end.
            .response(status: 200, body: #"{"name": "big"}"#),
        ])
        var media = MediaUpload.data(content, contentType: "application/octet-stream")
        media.chunkSize = chunk
        let created = try await client(transport).upload(
            request(), media: media, to: endpoints(), returning: Metadata.self)
        #expect(created == Metadata(name: "big"))

        let calls = await transport.calls
        #expect(calls[0].request.path?.hasPrefix("/resumable/upload/v1/files?uploadType=resumable&") == true)
        #expect(calls[0].request.headerFields[.init("X-Upload-Content-Length")!] == "\(content.count)")
        #expect(calls[0].body == Data(#"{"name":"a.txt"}"#.utf8))
        let ranges = calls.dropFirst().map { $0.request.headerFields[.init("Content-Range")!] ?? "" }
        let total = content.count
        #expect(
            ranges == [
                "bytes 0-\(chunk - 1)/\(total)", "bytes \(chunk)-\(2 * chunk - 1)/\(total)", "bytes */\(total)",
                "bytes \(chunk + 1000)-\(total - 1)/\(total)",
            ])
        #expect(calls[4].body == content[(chunk + 1000)...])
        #expect(calls.dropFirst().allSatisfy { $0.request.path == "/resumable/upload/v1/files?upload_id=xyz" })
        #expect(clock.sleeps == [.seconds(1)])
    }

    @Test func aStreamOfUnknownLengthSaysItsTotalWithTheLastChunk() async throws {
        let chunk = MediaUpload.chunkGranularity
        let parts = [
            ArraySlice([UInt8](repeating: 1, count: chunk - 10)), ArraySlice([UInt8](repeating: 2, count: 30)),
        ]
        let transport = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""),
            .response(status: 308, headers: ["Range": "bytes=0-\(chunk - 1)"], body: ""),
            .response(status: 201, body: "{}"),
        ])
        var media = MediaUpload.stream(parts.async, contentType: "text/plain")
        media.chunkSize = chunk
        _ = try await client(transport).upload(request(), media: media, to: endpoints(), returning: Metadata.self)
        let ranges = await transport.calls.dropFirst().map { $0.request.headerFields[.init("Content-Range")!] }
        #expect(ranges == ["bytes 0-\(chunk - 1)/*", "bytes \(chunk)-\(chunk + 19)/\(chunk + 20)"])
    }

    @Test func aStreamCannotResumeBeforeTheChunkItKeeps() async throws {
        let chunk = MediaUpload.chunkGranularity
        let transport = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""),
            .response(status: 308, headers: ["Range": "bytes=0-\(chunk - 1)"], body: ""),
            .response(status: 308, headers: ["Range": "bytes=0-99"], body: ""),
        ])
        var media = MediaUpload.stream(
            [ArraySlice([UInt8](repeating: 0, count: 3 * chunk))].async, contentType: "text/plain")
        media.chunkSize = chunk
        await #expect(throws: DiscoveryClientError.self) {
            try await client(transport).upload(request(), media: media, to: endpoints(), returning: Metadata.self)
        }
    }

    /// An error that no transport failure list knows.
    private struct UnforeseenError: Error, Hashable {}

    /// The failures of a chunk that a transport may report for a dropped connection, whatever their type and code
    /// (Linux's URLSession says `URLError.unknown`, "Send failure: Broken pipe"), and the answers that the retry
    /// policy retries.
    private static let chunkFailures: [ScriptedTransport.Outcome] = [
        .failure(URLError(.unknown)), .failure(URLError(.timedOut)), .failure(POSIXError(.EPIPE)),
        .failure(UnforeseenError()), .response(status: 503), .response(status: 408),
        .response(
            status: 403,
            body: #"{"error": {"code": 403, "errors": [{"reason": "userRateLimitExceeded", "domain": "usageLimits"}]}}"#
        ),
    ]

    /// `content` of two chunks and a bit, to upload a chunk at a time.
    private static func media(_ content: Data) -> MediaUpload {
        var media = MediaUpload.data(content, contentType: "application/octet-stream")
        media.chunkSize = MediaUpload.chunkGranularity
        return media
    }

    private static let content = Data((0..<(2 * MediaUpload.chunkGranularity + 100)).map { UInt8($0 % 251) })

    private static func ranges(_ calls: [RecordingTransport.Call]) -> [String] {
        calls.dropFirst().map { $0.request.headerFields[.init("Content-Range")!] ?? "" }
    }

    @Test(arguments: chunkFailures)
    func anyFailureOfAChunkAsksTheSessionAndGoesOnFromItsBytes(_ failure: ScriptedTransport.Outcome) async throws {
        let chunk = MediaUpload.chunkGranularity
        let total = Self.content.count
        let transport = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""),
            failure,
            // The server has 1000 bytes of the first chunk.
            .response(status: 308, headers: ["Range": "bytes=0-999"], body: ""),
            .response(status: 308, headers: ["Range": "bytes=0-\(chunk + 999)"], body: ""),
            .response(status: 200, body: #"{"name": "big"}"#),
        ])
        let progress = ProgressReports()
        var media = Self.media(Self.content)
        media.progress = { progress.add($0.completedBytes) }
        let created = try await client(transport).upload(
            request(), media: media, to: endpoints(), returning: Metadata.self)
        #expect(created == Metadata(name: "big"))
        let calls = await transport.calls
        #expect(
            Self.ranges(calls) == [
                "bytes 0-\(chunk - 1)/\(total)", "bytes */\(total)", "bytes 1000-\(chunk + 999)/\(total)",
                "bytes \(chunk + 1000)-\(total - 1)/\(total)",
            ])
        #expect(calls[2].body == Data())
        #expect(calls[3].body == Self.content[1000..<(chunk + 1000)])
        #expect(calls[4].body == Self.content[(chunk + 1000)...])
        #expect(clock.sleeps == [.seconds(1)])
        #expect(progress.reports == [1000, Int64(chunk + 1000), Int64(total)])
    }

    @Test func aQuestionThatFailsIsAskedAgainAndADoneSessionEndsTheUpload() async throws {
        let total = Self.content.count
        let transport = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""),
            .response(status: 308, headers: ["Range": "bytes=0-\(MediaUpload.chunkGranularity - 1)"], body: ""),
            .response(status: 308, headers: ["Range": "bytes=0-\(2 * MediaUpload.chunkGranularity - 1)"], body: ""),
            // The last chunk arrives, but its answer does not.
            .failure(URLError(.networkConnectionLost)),
            .failure(UnforeseenError()),
            .response(status: 201, body: #"{"name": "done"}"#),
        ])
        let created = try await client(transport).upload(
            request(), media: Self.media(Self.content), to: endpoints(), returning: Metadata.self)
        #expect(created == Metadata(name: "done"))
        #expect(
            Self.ranges(await transport.calls).suffix(3) == [
                "bytes 524288-\(total - 1)/\(total)", "bytes */\(total)", "bytes */\(total)",
            ])
        #expect(clock.sleeps == [.seconds(1), .seconds(2)])
    }

    @Test func aStreamOfUnknownLengthAsksWithoutATotalUntilItKnowsIt() async throws {
        let chunk = MediaUpload.chunkGranularity
        let transport = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""),
            .failure(URLError(.unknown)),
            .response(status: 308, headers: ["Range": "bytes=0-99"], body: ""),
            .response(status: 308, headers: ["Range": "bytes=0-\(chunk + 99)"], body: ""),
            .failure(URLError(.unknown)),
            .response(status: 308, headers: ["Range": "bytes=0-\(chunk + 99)"], body: ""),
            .response(status: 200, body: "{}"),
        ])
        var media = MediaUpload.stream(
            [ArraySlice([UInt8](repeating: 7, count: chunk + 200))].async, contentType: "text/plain")
        media.chunkSize = chunk
        _ = try await client(transport).upload(request(), media: media, to: endpoints(), returning: Metadata.self)
        #expect(
            Self.ranges(await transport.calls) == [
                "bytes 0-\(chunk - 1)/*", "bytes */*", "bytes 100-\(chunk + 99)/*",
                "bytes \(chunk + 100)-\(chunk + 199)/\(chunk + 200)", "bytes */\(chunk + 200)",
                "bytes \(chunk + 100)-\(chunk + 199)/\(chunk + 200)",
            ])
    }

    @Test func failuresInARowAreBoundedByTheRetryPolicy() async throws {
        let transport = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""),
            .failure(UnforeseenError()),
            .response(status: 503),
            .failure(URLError(.unknown)),
            .response(status: 308, headers: ["Range": "bytes=0-99"], body: ""),
        ])
        let error = await #expect(throws: TransportError.self) {
            try await client(transport, retryPolicy: RetryPolicy(maximumAttempts: 3)).upload(
                request(), media: Self.media(Self.content), to: endpoints(), returning: Metadata.self)
        }
        #expect((error?.underlying as? URLError)?.code == .unknown, "the last failure")
        #expect(await transport.calls.count == 4, "the chunk, then two questions")
        #expect(clock.sleeps == [.seconds(1), .seconds(2)])
    }

    @Test func progressStartsTheCountAgain() async throws {
        let chunk = MediaUpload.chunkGranularity
        // Every chunk fails once, and every time the session has more bytes than before.
        let transport = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""),
            .failure(URLError(.unknown)),
            .response(status: 308, headers: ["Range": "bytes=0-9"], body: ""),
            .failure(URLError(.unknown)),
            .response(status: 308, headers: ["Range": "bytes=0-\(chunk + 9)"], body: ""),
            .failure(URLError(.unknown)),
            .response(status: 308, headers: ["Range": "bytes=0-\(2 * chunk + 9)"], body: ""),
            .response(status: 200, body: "{}"),
        ])
        _ = try await client(transport, retryPolicy: RetryPolicy(maximumAttempts: 2)).upload(
            request(), media: Self.media(Self.content), to: endpoints(), returning: Metadata.self)
        #expect(await transport.calls.count == 8)
        #expect(clock.sleeps == [.seconds(1), .seconds(1), .seconds(1)])
    }

    @Test func theDeadlineBoundsHowLongFailuresGoOnAndProgressStartsItAgain() async throws {
        let failure = ScriptedTransport.Outcome.failure(URLError(.unknown))
        let transport = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""), failure, failure,
            .response(status: 308, headers: ["Range": "bytes=0-9"], body: ""), failure, failure, failure, failure,
        ])
        let error = await #expect(throws: TransportError.self) {
            try await client(transport, retryPolicy: RetryPolicy(maximumAttempts: 10, deadline: .seconds(10))).upload(
                request(), media: Self.media(Self.content), to: endpoints(), returning: Metadata.self)
        }
        #expect((error?.underlying as? URLError)?.code == .unknown)
        #expect(await transport.calls.count == 8, "the session, then failures until a wait of 8 s would end at 15 s")
        #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(1), .seconds(2), .seconds(4)])
    }

    @Test func theDeadlineCountsFromTheFirstFailureNotFromTheStartOfTheChunk() async throws {
        let failure = ScriptedTransport.Outcome.failure(URLError(.unknown))
        let scripted = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""), failure, failure, failure,
            failure,
        ])
        // Every request takes 20 s: the first chunk's do not count, the questions' do.
        let slow = SlowTransport(scripted: scripted, clock: clock, duration: .seconds(20))
        await #expect(throws: TransportError.self) {
            try await client(slow, retryPolicy: RetryPolicy(deadline: .seconds(30))).upload(
                request(), media: Self.media(Self.content), to: endpoints(), returning: Metadata.self)
        }
        #expect(await scripted.calls.count == 4, "a wait of 4 s after 43 s of failing would end at 47 s")
        #expect(clock.sleeps == [.seconds(1), .seconds(2)])
    }

    @Test func aChunkThatTheSessionDoesNotTakeIsAFailureToo() async throws {
        let noBytes = ScriptedTransport.Outcome.response(status: 308, headers: [:], body: "")
        let transport = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""), noBytes, noBytes, noBytes,
            noBytes,
        ])
        let error = await #expect(throws: DiscoveryClientError.self) {
            try await client(transport, retryPolicy: RetryPolicy(maximumAttempts: 3)).upload(
                request(), media: Self.media(Self.content), to: endpoints(), returning: Metadata.self)
        }
        #expect(error.map { "\($0)" }?.contains("took none of the chunk from byte 0 on") == true)
        let ranges = Self.ranges(await transport.calls)
        #expect(ranges.count == 3 && Set(ranges) == ["bytes 0-262143/\(Self.content.count)"], "\(ranges)")
        #expect(clock.sleeps == [.seconds(1), .seconds(2)])
    }

    @Test func aServerDelayReplacesTheBackoff() async throws {
        let transport = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""),
            .response(status: 429, headers: ["Retry-After": "7"]),
            .response(status: 200, body: "{}"),
        ])
        _ = try await client(transport).upload(
            request(), media: Self.media(Self.content), to: endpoints(), returning: Metadata.self)
        #expect(clock.sleeps == [.seconds(7)])
    }

    @Test func aClientErrorOfAChunkIsNotRetried() async throws {
        let transport = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""),
            .response(status: 404, body: #"{"error": {"code": 404, "message": "No session."}}"#),
        ])
        let error = await #expect(throws: GoogleAPIError.self) {
            try await client(transport).upload(
                request(), media: Self.media(Self.content), to: endpoints(), returning: Metadata.self)
        }
        #expect(error?.httpStatus == 404)
        #expect(await transport.calls.count == 2)
    }

    @Test(arguments: [CancellationError() as any Error, URLError(.cancelled)])
    func cancellationIsNeverRetried(_ cancellation: any Error) async throws {
        let transport = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""), .failure(cancellation),
            .response(status: 308, headers: ["Range": "bytes=0-99"], body: ""),
        ])
        await #expect(throws: CancellationError.self) {
            try await client(transport).upload(
                request(), media: Self.media(Self.content), to: endpoints(), returning: Metadata.self)
        }
        #expect(await transport.calls.count == 2)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func aFailureOfACancelledTaskIsCancellation() async throws {
        // The chunk's task is cancelled, and the chunk fails as a dropped connection would.
        let scripted = ScriptedTransport([
            .response(status: 200, headers: ["Location": Self.sessionURL], body: ""), .failure(URLError(.unknown)),
            .response(status: 308, headers: ["Range": "bytes=0-99"], body: ""),
        ])
        let client = client(CancellingTransport(scripted: scripted))
        let (request, endpoints) = (request(), endpoints())
        let task = Task {
            try await client.upload(request, media: Self.media(Self.content), to: endpoints, returning: Metadata.self)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(await scripted.calls.count == 2, "no question after the chunk")
        #expect(clock.sleeps.isEmpty)
    }

    @Test func committedBytesReadTheRangeHeader() {
        #expect(APIClient.committedBytes("bytes=0-1048575") == 1_048_576)
        #expect(APIClient.committedBytes(nil) == 0)
        #expect(APIClient.committedBytes("garbage") == 0)
    }
}

extension Array where Element: Sendable {
    /// The elements as an asynchronous sequence.
    fileprivate var async: AsyncStream<Element> {
        AsyncStream { continuation in
            for element in self { continuation.yield(element) }
            continuation.finish()
        }
    }
}

/// The progress reports of an upload.
private final class ProgressReports: @unchecked Sendable {
    private let lock = NSLock()
    private var completed: [Int64] = []

    var reports: [Int64] { lock.withLock { completed } }

    func add(_ bytes: Int64) { lock.withLock { completed.append(bytes) } }
}

/// Answers as a scripted transport, but first cancels the task that sends a chunk: the failure that follows is
/// the cancellation's.
private struct CancellingTransport: ClientTransport {
    let scripted: ScriptedTransport

    func send(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String
    ) async throws -> (HTTPResponse, HTTPBody?) {
        if request.method == .put { withUnsafeCurrentTask { $0?.cancel() } }
        return try await scripted.send(request, body: body, baseURL: baseURL, operationID: operationID)
    }
}

/// Answers as a scripted transport, after moving the test clock forward as a slow request would.
private struct SlowTransport: ClientTransport {
    let scripted: ScriptedTransport
    let clock: TestClock
    let duration: Duration

    func send(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String
    ) async throws -> (HTTPResponse, HTTPBody?) {
        clock.advance(by: duration)
        return try await scripted.send(request, body: body, baseURL: baseURL, operationID: operationID)
    }
}
