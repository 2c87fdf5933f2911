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

    private func client(_ transport: ScriptedTransport, retryPolicy: RetryPolicy = .default) -> APIClient {
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
