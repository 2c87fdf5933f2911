import DiscoveryRuntime
import FakeGoogleAPIs
import Foundation
import LocalServer
import NIOConcurrencyHelpers
import PortabilityExport
import Samples
import Testing

/// Generated media downloads (`alt=media` through the download service) written to files, and portability-export's
/// archive downloads. Serialized, so that each test that measures peak memory measures its own.
@Suite(.serialized) struct DownloadTests {
    @Test func twoHundredMegabytesReachAFileInBoundedMemory() async throws {
        let size = 200 * 1024 * 1024
        let storage = FakeStorage(sizes: ["big": size])
        try await withLocalServer({ storage.reply(to: $0) }) { server in
            // AsyncHTTPClient streams the body; URLSession on Linux would receive it whole first.
            let client = SamplesClient(serverURL: server.baseURL, transport: Transport.asyncHTTPClient.make())
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).bin")
            defer { try? FileManager.default.removeItem(at: file) }
            let peakBefore = peakResidentBytes()
            let reports = ReportCounter()
            let download = try await client.files.getMedia(fileId: "big")
            #expect(download.expectedLength == Int64(size))
            let written = try await download.write(to: file) { reports.record($0) }
            let peakAfter = peakResidentBytes()

            #expect(written == Int64(size))
            #expect(reports.last == TransferProgress(completedBytes: Int64(size), totalBytes: Int64(size)))
            // Other tests running at the same time move the peak too, so it is checked only when this test runs
            // alone (scripts/check-integration.sh runs it so).
            if ProcessInfo.processInfo.environment["DISCOVERY_CHECK_PEAK_MEMORY"] != nil, let peakBefore, let peakAfter
            {
                #expect(
                    peakAfter - peakBefore < 64 * 1024 * 1024, "peak memory grew by \(peakAfter - peakBefore) bytes")
            }
            try expectContent(of: file, size: size)
            #expect(server.requests.first?.query["alt"] == "media")
        }
    }

    /// A large archive file through portability-export's Downloader and AsyncHTTPClient (the tool's transport on
    /// Linux), dropped halfway and resumed: memory grows by less than 64 MiB, a quarter of the file, and does not grow
    /// with it (scripts/benchmark-download.sh measures 3 GiB).
    @Test func anArchiveFileOf256MiBIsResumedInBoundedMemory() async throws {
        let object = StoredObject(size: 256 * 1024 * 1024)
        let counting = CountingTransport()
        try await withLocalServer({ request in
            let reply = object.reply(to: request)
            return request.number == 0
                ? ArchiveDownloadTests.dropped(reply, after: object.size / 2, waitingFor: counting) : reply
        }) { server in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("large-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let peakBefore = peakResidentBytes()
            let downloader = Downloader(transport: counting.wrap(Transport.asyncHTTPClient.make()), report: { _ in })
            let file = try await downloader.download(
                server.baseURL.absoluteString + "takeout/large.zip?signature=s", index: 0, into: folder)
            let peakAfter = peakResidentBytes()

            let written = try #require(counting.delivered.first)
            #expect(written > object.size / 4)
            #expect(server.requests.map { $0.header("Range") } == [nil, "bytes=\(written)-"])
            if ProcessInfo.processInfo.environment["DISCOVERY_CHECK_PEAK_MEMORY"] != nil, let peakBefore, let peakAfter
            {
                #expect(
                    peakAfter - peakBefore < 64 * 1024 * 1024, "peak memory grew by \(peakAfter - peakBefore) bytes")
            }
            #expect(try sha256(of: file) == sha256(of: object))
        }
    }

    /// The `ETag` of a first call, sent back as `If-None-Match`, is a 304 that says the copy is current.
    @Test(arguments: Transport.allCases)
    func anUnchangedResourceIsNotModifiedThroughEachTransport(_ transport: Transport) async throws {
        let storage = FakeStorage(sizes: ["doc": 5])
        try await withLocalServer({ storage.reply(to: $0) }) { server in
            let client = SamplesClient(serverURL: server.baseURL, transport: transport.make())
            let etag = NIOLockedValueBox<String?>(nil)
            let file = try await client.files.get(
                fileId: "doc",
                options: CallOptions(onResponse: { response in
                    etag.withLockedValue { $0 = response.headerFields[.eTag] }
                }))
            #expect(file.size == 5)
            let sent = try #require(etag.withLockedValue { $0 })
            let error = await #expect(throws: GoogleAPIError.self) {
                try await client.files.get(fileId: "doc", options: CallOptions(ifNoneMatch: sent))
            }
            #expect(error?.isNotModified == true)
            #expect(server.requests.map { $0.header("If-None-Match") } == [nil, sent])
        }
    }

    @Test(arguments: Transport.allCases)
    func aDownloadIsExactThroughEachTransport(_ transport: Transport) async throws {
        let size = 3 * 1024 * 1024 + 5
        let storage = FakeStorage(sizes: ["doc": size])
        try await withLocalServer({ storage.reply(to: $0) }) { server in
            let client = SamplesClient(serverURL: server.baseURL, transport: transport.make())
            let data = try await client.files.getMedia(fileId: "doc").data(upTo: size)
            #expect(data == Data(FakeStorage.bytes(0..<size)))
            let metadata = try await client.files.get(fileId: "doc")
            #expect(metadata.size == Int64(size))
        }
    }
}

/// Generated media downloads whose connection drops partway, through each transport.
@Suite struct ResumedDownloadTests {
    static let size = 3 * 1024 * 1024 + 5

    /// The download asks for the rest with `Range` and `If-Range` and hands over the whole content. AsyncHTTPClient
    /// streams the body, so the rest starts where the drop was; Linux's URLSession fails the whole response, which
    /// the retry middleware sends again from the start.
    @Test(arguments: Transport.allCases)
    func aDroppedDownloadGoesOnFromTheBytesItHas(_ transport: Transport) async throws {
        let object = StoredObject(size: Self.size)
        let counting = CountingTransport()
        let waitsFor = transport == .asyncHTTPClient ? counting : nil
        try await withLocalServer({ request in
            let reply = object.reply(to: request)
            return request.number == 0
                ? ArchiveDownloadTests.dropped(reply, after: Self.size / 2, waitingFor: waitsFor) : reply
        }) { server in
            let client = SamplesClient(
                serverURL: server.baseURL, transport: counting.wrap(transport.make()),
                retryPolicy: RetryPolicy(initialDelay: .zero))
            let data = try await client.files.getMedia(fileId: "doc").data(upTo: Self.size)

            #expect(data == Data(object.bytes(0..<Self.size)))
            let requests = server.requests
            #expect(requests.count == 2)
            let received = try #require(counting.delivered.first)
            if transport == .asyncHTTPClient { #expect(received > 0 && received <= Self.size / 2) }
            #expect(requests.last?.header("Range") == (received > 0 ? "bytes=\(received)-" : nil))
            #expect(requests.last?.header("If-Range") == (received > 0 ? object.etag : nil))
        }
    }

    /// Without a validator, the rest could be another content's: the drop ends the download.
    @Test func aDownloadWithoutAValidatorDoesNotResume() async throws {
        var object = StoredObject(size: Self.size)
        object.sendsETag = false
        object.sendsLastModified = false
        let counting = CountingTransport()
        try await withLocalServer({ [object] request in
            let reply = object.reply(to: request)
            return request.number == 0
                ? ArchiveDownloadTests.dropped(reply, after: Self.size / 2, waitingFor: counting) : reply
        }) { server in
            let client = SamplesClient(
                serverURL: server.baseURL, transport: counting.wrap(Transport.asyncHTTPClient.make()),
                retryPolicy: RetryPolicy(initialDelay: .zero))
            let download = try await client.files.getMedia(fileId: "doc")
            await #expect(throws: TransportError.self) { try await download.data(upTo: Self.size) }
            #expect(server.requests.count == 1)
        }
    }
}

/// Compares the file with the fake storage's bytes, a megabyte at a time.
private func expectContent(of file: URL, size: Int) throws {
    let handle = try FileHandle(forReadingFrom: file)
    defer { try? handle.close() }
    var offset = 0
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
        guard chunk == Data(FakeStorage.bytes(offset..<offset + chunk.count)) else {
            Issue.record("the file differs in the megabyte at \(offset)")
            return
        }
        offset += chunk.count
    }
    #expect(offset == size)
}

/// The process's peak resident memory: Linux's `VmHWM`, nil elsewhere.
func peakResidentBytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    else { return nil }
    return kilobytes * 1024
}

/// The last progress report.
private final class ReportCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var latest: TransferProgress?

    var last: TransferProgress? { lock.withLock { latest } }

    func record(_ progress: TransferProgress) {
        lock.withLock { latest = progress }
    }
}
