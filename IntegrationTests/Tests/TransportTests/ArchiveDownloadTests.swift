import Crypto
import FakeGoogleAPIs
import Foundation
import HTTPTypes
import LocalServer
import NIOConcurrencyHelpers
import OpenAPIRuntime
import PortabilityExport
import Testing

/// portability-export's downloads of an archive's signed URLs against a local file server that drops connections,
/// changes its files and answers ranges as Cloud Storage does: resumed with `Range` and `If-Range` within a run and
/// across runs, started over when the file changed, and byte-exact. Serialized: a dropped reply holds one of the
/// runtime's threads while the downloader catches up (see `dropped(_:after:waitingFor:)`).
@Suite(.serialized) struct ArchiveDownloadTests {
    static let size = 8 * 1024 * 1024 + 17

    /// A downloader that waits a millisecond, not a second, between attempts that bring nothing.
    static func downloader(
        _ transport: Transport, lines: Lines = Lines(), attemptsWithoutProgress: Int = 5,
        wrap: (any ClientTransport) -> any ClientTransport = { $0 }
    ) -> Downloader {
        var downloader = Downloader(transport: wrap(transport.make()), report: { lines.append($0) })
        downloader.retryDelay = .milliseconds(1)
        downloader.maximumAttemptsWithoutProgress = attemptsWithoutProgress
        return downloader
    }

    /// `reply`, cut after `bytes` of its body as by a dropped connection.
    ///
    /// A transport that streams loses what its buffers held when the connection dropped (up to megabytes on
    /// 127.0.0.1), so a cut body could leave nothing written, and the next request no `Range` to check. With `counting`,
    /// the server waits before it sends the last 64 KiB chunk before the cut (LocalServer sends bodies in such chunks)
    /// until the downloader has received the bytes before it, for 2 s at most: the drop then loses that chunk at most.
    static func dropped(_ reply: Reply, after bytes: Int, waitingFor counting: CountingTransport?) -> Reply {
        var dropped = reply
        dropped.dropsConnectionAfterBytes = bytes
        guard let counting, case .computed(let count, let produce) = reply.body else { return dropped }
        let lastChunk = (bytes - 1) / 65_536 * 65_536
        dropped.body = .computed(count: count) { range in
            if range.lowerBound == lastChunk {
                let deadline = ContinuousClock.now + .seconds(2)
                while counting.delivered.first ?? 0 < lastChunk, ContinuousClock.now < deadline { usleep(1000) }
            }
            return produce(range)
        }
        return dropped
    }

    /// Runs `body` with a server answering by `handler`, the signed URL of `part-1.zip` on it, and an empty folder.
    static func withArchive(
        _ handler: @escaping @Sendable (ReceivedRequest) -> Reply,
        _ body: (LocalServer, String, URL) async throws -> Void
    ) async throws {
        try await withLocalServer(handler) { server in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try await body(server, server.baseURL.absoluteString + "takeout/part-1.zip?signature=s", folder)
        }
    }

    @Test(arguments: Transport.allCases)
    func aDropHalfwayResumesWithRangeAndIfRange(_ transport: Transport) async throws {
        let object = StoredObject(size: Self.size)
        let counting = CountingTransport()
        let waitsFor = transport == .asyncHTTPClient ? counting : nil
        try await Self.withArchive({ request in
            let reply = object.reply(to: request)
            return request.number == 0 ? Self.dropped(reply, after: Self.size / 2, waitingFor: waitsFor) : reply
        }) { server, url, folder in
            let file = try await Self.downloader(transport, wrap: counting.wrap).download(url, index: 0, into: folder)

            #expect(file.lastPathComponent == "part-1.zip")
            #expect(try sha256(of: file) == sha256(of: object))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["part-1.zip"])
            let requests = server.requests
            #expect(requests.count == 2)
            #expect(requests.first?.header("Range") == nil)
            #expect(requests.first?.header("Accept-Encoding") == "identity")
            // The second request asks for what follows the bytes written, of the same version only. AsyncHTTPClient
            // hands over the body as it arrives; Linux's URLSession whole or not at all, so after a drop it asks from
            // the start.
            let written = try #require(counting.delivered.first)
            if transport == .asyncHTTPClient { #expect(written > 0 && written <= Self.size / 2) }
            #expect(requests.last?.header("Range") == (written > 0 ? "bytes=\(written)-" : nil))
            #expect(requests.last?.header("If-Range") == (written > 0 ? object.etag : nil))
        }
    }

    /// A run that gives up keeps the `.part` and its validator; the next run asks for the rest with `If-Range`.
    @Test func aPartThatAnEarlierRunLeftIsResumed() async throws {
        let object = StoredObject(size: Self.size)
        let isDown = NIOLockedValueBox(true)
        let counting = CountingTransport()
        try await Self.withArchive({ request in
            guard request.number > 0 else {
                return Self.dropped(object.reply(to: request), after: Self.size / 2, waitingFor: counting)
            }
            return isDown.withLockedValue { $0 } ? .dropConnection : object.reply(to: request)
        }) { server, url, folder in
            let first = Self.downloader(.asyncHTTPClient, attemptsWithoutProgress: 2, wrap: counting.wrap)
            let error = await #expect(throws: ExportError.self) {
                try await first.download(url, index: 0, into: folder)
            }
            #expect(error?.exitCode == 6)
            #expect(error?.description.contains("stay in part-1.zip.part for the next run") == true, "\(error!)")
            let written = try #require(counting.delivered.first)
            #expect(written > 0)
            let part = folder.appendingPathComponent("part-1.zip.part")
            #expect(try Data(contentsOf: part) == Data(object.bytes(0..<written)))
            #expect(
                try String(contentsOf: folder.appendingPathComponent("part-1.zip.part.validator"), encoding: .utf8)
                    == "If-Range: \(object.etag)\nSize: \(Self.size)\n")

            isDown.withLockedValue { $0 = false }
            let requestsBefore = server.requests.count
            let lines = Lines()
            let file = try await Self.downloader(.asyncHTTPClient, lines: lines).download(url, index: 0, into: folder)

            let resumed = server.requests.dropFirst(requestsBefore)
            #expect(resumed.count == 1)
            #expect(resumed.first?.header("Range") == "bytes=\(written)-")
            #expect(resumed.first?.header("If-Range") == object.etag)
            #expect(try sha256(of: file) == sha256(of: object))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["part-1.zip"])
            #expect(lines.all.first?.hasPrefix("Resuming part-1.zip at ") == true, "\(lines.all)")
        }
    }

    /// Cancelling stops the download at once and keeps the `.part`, which the next run resumes.
    @Test(arguments: Transport.allCases)
    func cancellingKeepsThePartForTheNextRun(_ transport: Transport) async throws {
        let object = StoredObject(size: Self.size)
        let kept = 1024 * 1024 + 3
        try await Self.withArchive({ object.reply(to: $0) }) { server, url, folder in
            let stalling = Self.downloader(transport) { StallingTransport(base: $0, bytes: kept) }
            let download = Task { try await stalling.download(url, index: 0, into: folder) }
            let part = folder.appendingPathComponent("part-1.zip.part")
            for _ in 0..<500 where (try? Data(contentsOf: part).count) != kept {
                try await Task.sleep(for: .milliseconds(10))
            }
            let cancelled = ContinuousClock.now
            download.cancel()
            await #expect(throws: CancellationError.self) { try await download.value }
            #expect(cancelled.duration(to: .now) < .seconds(2))
            #expect(try Data(contentsOf: part) == Data(object.bytes(0..<kept)))

            let file = try await Self.downloader(transport).download(url, index: 0, into: folder)
            #expect(server.requests.count == 2)
            #expect(server.requests.last?.header("Range") == "bytes=\(kept)-")
            #expect(server.requests.last?.header("If-Range") == object.etag)
            #expect(try sha256(of: file) == sha256(of: object))
        }
    }

    /// The `.part` of version 1 is never spliced with version 2: the server answers `If-Range` with all of version 2.
    @Test(arguments: Transport.allCases)
    func aFileThatChangedBetweenRunsIsDownloadedAgain(_ transport: Transport) async throws {
        let current = NIOLockedValueBox(StoredObject(size: Self.size, version: 1))
        let counting = CountingTransport()
        let waitsFor = transport == .asyncHTTPClient ? counting : nil
        try await Self.withArchive({ request in
            let object = current.withLockedValue { $0 }
            if request.number > 0 && object.version == 1 { return .dropConnection }
            let reply = object.reply(to: request)
            return request.number == 0 ? Self.dropped(reply, after: Self.size / 2, waitingFor: waitsFor) : reply
        }) { server, url, folder in
            let first = Self.downloader(transport, attemptsWithoutProgress: 1, wrap: counting.wrap)
            await #expect(throws: ExportError.self) { try await first.download(url, index: 0, into: folder) }
            let version1 = current.withLockedValue { $0 }
            let version2 = StoredObject(size: Self.size - 1000, version: 2)
            current.withLockedValue { $0 = version2 }
            let requestsBefore = server.requests.count

            let lines = Lines()
            let file = try await Self.downloader(transport, lines: lines).download(url, index: 0, into: folder)

            #expect(try sha256(of: file) == sha256(of: version2))
            let next = server.requests.dropFirst(requestsBefore)
            #expect(next.count == 1)
            let written = try #require(counting.delivered.first)
            if transport == .asyncHTTPClient { #expect(written > 0) }
            if written > 0 {
                #expect(next.first?.header("Range") == "bytes=\(written)-")
                #expect(next.first?.header("If-Range") == version1.etag)
                #expect(lines.all.contains { $0.contains("changed on the server") }, "\(lines.all)")
            }
        }
    }

    /// Within a run too: the file changes between the drop and the resumption.
    @Test func aFileThatChangesAfterADropIsDownloadedAgain() async throws {
        let current = NIOLockedValueBox(StoredObject(size: Self.size, version: 1))
        let counting = CountingTransport()
        try await Self.withArchive({ request in
            guard request.number == 0 else { return current.withLockedValue { $0 }.reply(to: request) }
            let reply = current.withLockedValue { $0 }.reply(to: request)
            current.withLockedValue { $0 = StoredObject(size: Self.size, version: 2) }
            return Self.dropped(reply, after: Self.size / 2, waitingFor: counting)
        }) { server, url, folder in
            let file = try await Self.downloader(.asyncHTTPClient, wrap: counting.wrap).download(
                url, index: 0, into: folder)
            #expect(try sha256(of: file) == sha256(of: StoredObject(size: Self.size, version: 2)))
            #expect(server.requests.count == 2)
            #expect(server.requests.last?.header("Range") == "bytes=\(counting.delivered.first ?? -1)-")
            #expect(server.requests.last?.header("If-Range") == StoredObject(size: Self.size, version: 1).etag)
        }
    }

    /// Without `ETag`, `Last-Modified` is the validator.
    @Test func lastModifiedServesWhenThereIsNoETag() async throws {
        var object = StoredObject(size: Self.size)
        object.sendsETag = false
        let counting = CountingTransport()
        try await Self.withArchive({ [object] request in
            let reply = object.reply(to: request)
            return request.number == 0 ? Self.dropped(reply, after: Self.size / 2, waitingFor: counting) : reply
        }) { server, url, folder in
            let file = try await Self.downloader(.asyncHTTPClient, wrap: counting.wrap).download(
                url, index: 0, into: folder)
            #expect(try sha256(of: file) == sha256(of: object))
            #expect(server.requests.last?.header("Range") == "bytes=\(counting.delivered.first ?? -1)-")
            #expect(server.requests.last?.header("If-Range") == object.lastModified)
        }
    }

    /// A 206 whose `Content-Range` does not start where the `.part` ends is not appended: the download starts over.
    @Test func aRangeThatStartsElsewhereStartsOver() async throws {
        let object = StoredObject(size: Self.size)
        let counting = CountingTransport()
        try await Self.withArchive({ request in
            switch request.number {
            case 0:
                return Self.dropped(object.reply(to: request), after: Self.size / 2, waitingFor: counting)
            case 1:
                return Reply(
                    status: 206,
                    headers: [("ETag", object.etag), ("Content-Range", "bytes 0-\(Self.size - 1)/\(Self.size)")],
                    body: .computed(count: Self.size) { object.bytes($0) })
            default:
                return object.reply(to: request)
            }
        }) { server, url, folder in
            let file = try await Self.downloader(.asyncHTTPClient, wrap: counting.wrap).download(
                url, index: 0, into: folder)
            #expect(try sha256(of: file) == sha256(of: object))
            let written = counting.delivered.first ?? -1
            #expect(server.requests.map { $0.header("Range") } == [nil, "bytes=\(written)-", nil])
        }
    }

    /// Bytes that disagree with the announced range are an error, not a file.
    @Test func aSizeMismatchIsAnError() async throws {
        let object = StoredObject(size: Self.size)
        let counting = CountingTransport()
        try await Self.withArchive({ request in
            guard request.number > 0 else {
                return Self.dropped(object.reply(to: request), after: Self.size / 2, waitingFor: counting)
            }
            // Content-Range promises the rest of the file; the body (and its Content-Length) has 10 bytes fewer.
            let start = Int(request.header("Range")?.dropFirst("bytes=".count).dropLast() ?? "") ?? 0
            return Reply(
                status: 206,
                headers: [("ETag", object.etag), ("Content-Range", "bytes \(start)-\(Self.size - 1)/\(Self.size)")],
                body: .bytes(Data(object.bytes(start..<Self.size - 10))))
        }) { server, url, folder in
            let error = await #expect(throws: ExportError.self) {
                try await Self.downloader(.asyncHTTPClient, wrap: counting.wrap).download(url, index: 0, into: folder)
            }
            let start = try #require(Int(server.requests.last?.header("Range")?.dropFirst(6).dropLast() ?? ""))
            #expect(error?.exitCode == 6)
            #expect(
                error?.description.contains(
                    "announced bytes \(start)-\(Self.size - 1) (\(Self.size - start) bytes) but a Content-Length of "
                        + "\(Self.size - start - 10)") == true, "\(error!)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("part-1.zip").path))
        }
    }

    /// A `.part` that already holds every byte (a run stopped before the rename) gets a 416 and becomes the file.
    @Test func aWholePartIsFinishedOnA416() async throws {
        let object = StoredObject(size: 70_000)
        try await Self.withArchive({ object.reply(to: $0) }) { server, url, folder in
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(object.bytes(0..<70_000)).write(to: folder.appendingPathComponent("part-1.zip.part"))
            try Data("If-Range: \(object.etag)\nSize: 70000\n".utf8).write(
                to: folder.appendingPathComponent("part-1.zip.part.validator"))
            let file = try await Self.downloader(.asyncHTTPClient).download(url, index: 0, into: folder)
            #expect(try sha256(of: file) == sha256(of: object))
            #expect(server.requests.map { $0.header("Range") } == ["bytes=70000-"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["part-1.zip"])
        }
    }

    /// A 503 is tried again; a 403 (an expired signature) is not, and says so.
    @Test func aServerErrorIsTriedAgainAndAnExpiredURLIsNot() async throws {
        let object = StoredObject(size: 70_000)
        try await Self.withArchive({ request in
            if request.path.hasSuffix("expired.zip") { return .text(403, "expired") }
            return request.number == 0 ? .text(503, "busy") : object.reply(to: request)
        }) { server, url, folder in
            let file = try await Self.downloader(.asyncHTTPClient).download(url, index: 0, into: folder)
            #expect(try sha256(of: file) == sha256(of: object))
            let expired = url.replacingOccurrences(of: "part-1.zip", with: "expired.zip")
            let error = await #expect(throws: ExportError.self) {
                try await Self.downloader(.asyncHTTPClient).download(expired, index: 1, into: folder)
            }
            #expect(error?.description.contains("HTTP 403 (the signed URL may have expired") == true, "\(error!)")
            #expect(server.requests.count == 3)
        }
    }
}

/// The report's lines.
final class Lines: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])

    var all: [String] { lines.withLockedValue { $0 } }

    func append(_ line: String) {
        lines.withLockedValue { $0.append(line) }
    }
}

/// Counts the bytes of each response body that reach the downloader, which writes each chunk before it asks for the
/// next: `delivered[i]` is what the `i`th response added to the file.
final class CountingTransport: Sendable {
    private let counts = NIOLockedValueBox<[Int]>([])

    var delivered: [Int] { counts.withLockedValue { $0 } }

    func wrap(_ base: any ClientTransport) -> any ClientTransport {
        Counting(base: base, counts: counts)
    }

    private struct Counting: ClientTransport {
        let base: any ClientTransport
        let counts: NIOLockedValueBox<[Int]>

        func send(
            _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String
        ) async throws -> (HTTPResponse, HTTPBody?) {
            let index = counts.withLockedValue {
                $0.append(0)
                return $0.count - 1
            }
            let (response, responseBody) = try await base.send(
                request, body: body, baseURL: baseURL, operationID: operationID)
            guard let responseBody else { return (response, nil) }
            let counts = counts
            let counted = responseBody.map { chunk in
                counts.withLockedValue { $0[index] += chunk.count }
                return chunk
            }
            return (response, HTTPBody(counted, length: responseBody.length, iterationBehavior: .single))
        }
    }
}

/// Passes the first `bytes` bytes of each response body on, then goes silent until the task is cancelled, as a
/// connection that hangs.
struct StallingTransport: ClientTransport {
    let base: any ClientTransport
    let bytes: Int

    func send(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await base.send(
            request, body: body, baseURL: baseURL, operationID: operationID)
        guard let responseBody else { return (response, nil) }
        return (
            response, HTTPBody(Stalling(body: responseBody, bytes: bytes), length: .unknown, iterationBehavior: .single)
        )
    }

    private struct Stalling: AsyncSequence, Sendable {
        let body: HTTPBody
        let bytes: Int

        func makeAsyncIterator() -> Iterator { Iterator(base: body.makeAsyncIterator(), remaining: bytes) }

        struct Iterator: AsyncIteratorProtocol {
            var base: HTTPBody.AsyncIterator
            var remaining: Int

            mutating func next() async throws -> ArraySlice<UInt8>? {
                guard remaining > 0 else {
                    try await Task.sleep(for: .seconds(30))
                    return nil
                }
                guard let chunk = try await base.next() else { return nil }
                let passed = chunk.prefix(remaining)
                remaining -= passed.count
                return passed
            }
        }
    }
}

/// The SHA-256 of a file, read a megabyte at a time.
func sha256(of file: URL) throws -> String {
    let handle = try FileHandle(forReadingFrom: file)
    defer { try? handle.close() }
    var hash = SHA256()
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(data: chunk) }
    return hash.finalize().map { String(format: "%02x", $0) }.joined()
}

/// The SHA-256 of the object's bytes, computed a megabyte at a time.
func sha256(of object: StoredObject) -> String {
    var hash = SHA256()
    var offset = 0
    while offset < object.size {
        let end = min(offset + (1 << 20), object.size)
        hash.update(data: object.bytes(offset..<end))
        offset = end
    }
    return hash.finalize().map { String(format: "%02x", $0) }.joined()
}
