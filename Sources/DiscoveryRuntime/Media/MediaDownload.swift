import Foundation
import HTTPTypes
import OpenAPIRuntime

/// The content of a media download (`alt=media`), read as it arrives rather than held in memory.
///
/// Generated clients return one from `<method>Media(…)`:
///
/// ```swift
/// let download = try await client.files.getMedia(fileId: id)
/// try await download.write(to: fileURL) { progress in print(progress.fractionCompleted ?? 0) }
/// ```
///
/// The content can be read once: iterate over its chunks, write it to a file, or collect it. How much memory a
/// download takes depends on the transport: AsyncHTTPClient and URLSession on Apple platforms stream the body,
/// while URLSession on Linux receives it whole before the call returns.
///
/// When the connection fails partway through the content, the download asks for the rest (`Range`), if the
/// content has not changed since (`If-Range` with the response's `ETag` or `Last-Modified`), and goes on: after
/// the retry policy's backoff, up to `maximumAttempts` failures in a row without a byte received, within its
/// `deadline`. Readers see one unbroken content. A response without a validator, or one that a transport
/// decompressed (`Content-Encoding`), does not resume; nor does a download under a policy of one attempt.
public struct MediaDownload: AsyncSequence, Sendable {
    public typealias Element = ArraySlice<UInt8>

    /// The response: its status and header fields (`Content-Type`, `ETag`, …).
    public let response: HTTPResponse
    private let body: HTTPBody?
    private let operationID: String
    private let resumption: DownloadResumption?

    init(response: HTTPResponse, body: HTTPBody?, operationID: String, resumption: DownloadResumption? = nil) {
        self.response = response
        self.body = body
        self.operationID = operationID
        self.resumption = resumption
    }

    /// The media type the server sent, such as `application/zip`.
    public var contentType: String? { response.headerFields[.contentType] }

    /// The number of bytes the server announced; nil when it did not say.
    public var expectedLength: Int64? {
        if case .known(let length)? = body?.length { return length }
        return response.headerFields[.contentLength].flatMap { Int64($0) }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(body: body?.makeAsyncIterator(), operationID: operationID, resumption: resumption)
    }

    /// The chunks of the content. A failure to receive the rest, when the download cannot go on, is a
    /// ``TransportError``; when the request for the rest fails, its own error.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var body: HTTPBody.AsyncIterator?
        let operationID: String
        let resumption: DownloadResumption?
        /// The bytes handed out so far: where a resumed download starts.
        var received: Int64 = 0
        /// Failures of the connection since a byte last arrived, and the time since the first of them.
        var failures = 0
        var failingFor: (@Sendable () -> Duration)?

        public mutating func next() async throws -> ArraySlice<UInt8>? {
            while true {
                do {
                    guard let chunk = try await body?.next() else { return nil }
                    received += Int64(chunk.count)
                    if !chunk.isEmpty { failures = 0 }
                    return chunk
                } catch {
                    if Task.isCancelled || TransportFailure(error) == .cancelled { throw CancellationError() }
                    let failure = TransportError(operationID: operationID, underlying: error)
                    guard let resumption else { throw failure }
                    failures += 1
                    if failures == 1 { failingFor = resumption.startStopwatch() }
                    let wait = resumption.backoff(failures)
                    guard failures < resumption.policy.maximumAttempts,
                        resumption.policy.allows(wait: wait, after: failingFor?() ?? .zero)
                    else { throw failure }
                    try await resumption.sleep(wait)
                    body = try await resumption.rest(from: received, after: failure)?.makeAsyncIterator()
                }
            }
        }
    }

    /// Writes the content to `file` as it arrives, calling `progress` after each chunk, and returns its size.
    ///
    /// The bytes go to a temporary file beside `file`, which replaces `file` only when all of them arrived, so
    /// that a failed or cancelled download never leaves a partial file in its place.
    ///
    /// - Throws: ``DiscoveryClientError/incompleteDownload(operationID:expectedBytes:receivedBytes:)`` when fewer
    ///   or more bytes arrive than the server announced, ``TransportError`` when the connection fails.
    @discardableResult
    public func write(
        to file: URL, progress: (@Sendable (TransferProgress) -> Void)? = nil
    ) async throws -> Int64 {
        let fileManager = FileManager.default
        let partial = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).part")
        guard fileManager.createFile(atPath: partial.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: partial.path])
        }
        var written: Int64 = 0
        do {
            let handle = try FileHandle(forWritingTo: partial)
            defer { try? handle.close() }
            for try await chunk in self {
                try handle.write(contentsOf: chunk)
                written += Int64(chunk.count)
                progress?(TransferProgress(completedBytes: written, totalBytes: expectedLength))
            }
            try checkLength(written)
            try handle.synchronize()
        } catch {
            try? fileManager.removeItem(at: partial)
            throw error
        }
        _ = try? fileManager.removeItem(at: file)
        try fileManager.moveItem(at: partial, to: file)
        return written
    }

    /// The whole content in memory; more than `maximumBytes` is an error rather than a large allocation.
    public func data(upTo maximumBytes: Int) async throws -> Data {
        var data = Data()
        for try await chunk in self {
            guard data.count + chunk.count <= maximumBytes else {
                throw DiscoveryClientError.downloadTooLarge(operationID: operationID, maximumBytes: maximumBytes)
            }
            data.append(contentsOf: chunk)
        }
        try checkLength(Int64(data.count))
        return data
    }

    private func checkLength(_ received: Int64) throws {
        if let expected = expectedLength, expected != received {
            throw DiscoveryClientError.incompleteDownload(
                operationID: operationID, expectedBytes: expected, receivedBytes: received)
        }
    }
}

/// How much of a download or an upload has been transferred.
public struct TransferProgress: Sendable, Hashable {
    /// The bytes transferred so far.
    public var completedBytes: Int64
    /// The size of the whole, when known.
    public var totalBytes: Int64?

    public init(completedBytes: Int64, totalBytes: Int64?) {
        self.completedBytes = completedBytes
        self.totalBytes = totalBytes
    }

    /// `completedBytes / totalBytes`, when the total is known.
    public var fractionCompleted: Double? {
        totalBytes.map { $0 == 0 ? 1 : Double(completedBytes) / Double($0) }
    }
}
