import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Google's upload protocols: one request (`uploadType=media`, or `multipart` with the JSON request as metadata),
/// and resumable sessions (`uploadType=resumable`) that send chunks and, after a failed one, ask the server how
/// many bytes it has before going on.
extension APIClient {
    /// Uploads `media` with the method of `request`, whose JSON body (when it has one) is the metadata, and
    /// decodes the response.
    ///
    /// - Throws: ``DiscoveryClientError/unacceptableMedia(operationID:contentType:accepted:)`` or
    ///   ``DiscoveryClientError/mediaTooLarge(operationID:maximumBytes:)`` before sending anything when the
    ///   method does not take the content; `GoogleAPIError`, `TransportError` and the others as any call.
    public func upload<Response: Decodable & Sendable>(
        _ request: APIRequest,
        media: MediaUpload,
        to endpoints: MediaUploadEndpoints,
        returning: Response.Type,
        options: CallOptions = CallOptions()
    ) async throws -> Response {
        let operationID = request.operationID
        guard MediaUpload.contentType(media.contentType, matchesAnyOf: endpoints.accept) else {
            throw DiscoveryClientError.unacceptableMedia(
                operationID: operationID, contentType: media.contentType, accepted: endpoints.accept)
        }
        if let maxSize = endpoints.maxSize, let size = media.size, size > maxSize {
            throw DiscoveryClientError.mediaTooLarge(operationID: operationID, maximumBytes: maxSize)
        }
        let fitsOneRequest = !media.alwaysResumable && (media.size.map { $0 <= Int64(media.chunkSize) } ?? false)
        return try await withTimeout(options.timeout, operationID: operationID) {
            if let simplePath = endpoints.simplePath, fitsOneRequest || endpoints.resumablePath == nil {
                return try await uploadInOneRequest(
                    request, media: media, path: simplePath, maxSize: endpoints.maxSize, returning: returning,
                    options: options)
            }
            guard let resumablePath = endpoints.resumablePath else {
                preconditionFailure("MediaUploadEndpoints without a path")
            }
            return try await uploadResumably(
                request, media: media, path: resumablePath, maxSize: endpoints.maxSize, returning: returning,
                options: options)
        }
    }

    /// Uploads `media` with a method that returns nothing.
    public func upload(
        _ request: APIRequest, media: MediaUpload, to endpoints: MediaUploadEndpoints,
        options: CallOptions = CallOptions()
    ) async throws {
        _ = try await upload(request, media: media, to: endpoints, returning: IgnoredResponse.self, options: options)
    }

    // MARK: One request

    private func uploadInOneRequest<Response: Decodable & Sendable>(
        _ request: APIRequest, media: MediaUpload, path: PathBuilder, maxSize: Int64?, returning: Response.Type,
        options: CallOptions
    ) async throws -> Response {
        var reader = ChunkReader(media, maxSize: maxSize, operationID: request.operationID)
        let content = try await reader.chunk(from: 0, size: Int(clamping: maxSize ?? Int64(Int.max))).bytes
        var query = QueryItems()
        let body: (HTTPBody, String)
        if let metadata = request.body {
            query.append("uploadType", "multipart")
            let boundary = "discovery-" + UUID().uuidString
            let parts = try Self.multipartRelated(metadata: metadata, media: content, of: media, boundary: boundary)
            body = (HTTPBody(parts), "multipart/related; boundary=\(boundary)")
        } else {
            query.append("uploadType", "media")
            body = (HTTPBody(content), media.contentType)
        }
        let oneRequest = APIRequest(
            operationID: request.operationID, method: request.method, path: path, query: request.query,
            apiVersion: request.apiVersion)
        let (httpRequest, httpBody) = try makeHTTPRequest(
            oneRequest, options: options, accept: "application/json", extraQuery: query, content: body)
        let (response, responseBody) = try await send(
            httpRequest, body: httpBody, baseURL: baseURL, operationID: request.operationID,
            retryPolicy: options.retryPolicy ?? retryPolicy, options: options)
        let size = Int64(content.count)
        media.progress?(TransferProgress(completedBytes: size, totalBytes: size))
        return try await decodeResponse(
            response, responseBody, returning: returning, operationID: request.operationID)
    }

    /// RFC 2387 `multipart/related`: the JSON metadata, then the content.
    static func multipartRelated(
        metadata: any Encodable & Sendable, media content: Data, of media: MediaUpload, boundary: String
    ) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data("--\(boundary)\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n".utf8)
        data.append(try encoder.encode(metadata))
        data.append(Data("\r\n--\(boundary)\r\nContent-Type: \(media.contentType)\r\n\r\n".utf8))
        data.append(content)
        data.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return data
    }

    // MARK: Resumable sessions

    /// Sends the content in chunks to a new session. After any failure of a request (a thrown error of any kind
    /// but cancellation, or a status that the retry policy retries), it waits as the policy says, asks the session
    /// which bytes it has (an empty PUT with `Content-Range: bytes */total`, which is always safe to send) and
    /// goes on from there. `policy.maximumAttempts` failed requests in a row, chunks and questions alike, or
    /// failures for longer than `policy.deadline` (from the first of them), end the upload with the last failure;
    /// the session's taking more bytes than ever before starts the count and the time again.
    private func uploadResumably<Response: Decodable & Sendable>(
        _ request: APIRequest, media: MediaUpload, path: PathBuilder, maxSize: Int64?, returning: Response.Type,
        options: CallOptions
    ) async throws -> Response {
        let operationID = request.operationID
        let policy = options.retryPolicy ?? retryPolicy
        let session = try await startSession(request, media: media, path: path, policy: policy, options: options)
        var reader = ChunkReader(media, maxSize: maxSize, operationID: operationID)
        // The bytes the server has: the next chunk starts there.
        var offset: Int64 = 0
        // The content's size: known from the start, or once the last chunk is read.
        var total = media.size
        // The end of the last chunk sent.
        var sentEnd: Int64 = 0
        // The most bytes the server has said it has.
        var mostCommitted: Int64 = 0
        // Failed requests since the server last took more bytes than ever before, and the time since the first.
        var failures = 0
        var failingFor = startStopwatch()
        var asksForStatus = false
        while true {
            let outcome: ChunkOutcome
            if asksForStatus {
                outcome = try await put(
                    Data(), range: "bytes */\(total.map(String.init) ?? "*")", to: session, operationID: operationID,
                    policy: policy, options)
            } else {
                let chunk = try await reader.chunk(from: offset, size: media.chunkSize)
                sentEnd = offset + Int64(chunk.bytes.count)
                if chunk.isLast { total = sentEnd }
                let size = total.map(String.init) ?? "*"
                let range = chunk.bytes.isEmpty ? "bytes */\(size)" : "bytes \(offset)-\(sentEnd - 1)/\(size)"
                outcome = try await put(
                    chunk.bytes, range: range, to: session, operationID: operationID, policy: policy, options)
            }
            // A failure, and whether the session's state is to be asked before going on.
            let failure: (error: any Error, asks: Bool)
            switch outcome {
            case .finished(let response, let body):
                let size = total ?? sentEnd
                media.progress?(TransferProgress(completedBytes: size, totalBytes: size))
                return try await decodeResponse(response, body, returning: returning, operationID: operationID)
            case .incomplete(let committed):
                let previous = offset
                let wasQuestion = asksForStatus
                offset = committed
                asksForStatus = false
                if committed != previous {
                    media.progress?(TransferProgress(completedBytes: committed, totalBytes: total))
                }
                if committed > mostCommitted {
                    mostCommitted = committed
                    failures = 0
                }
                // An answer to a question may say that nothing more arrived; a chunk that adds nothing failed, but
                // its answer says where to go on.
                if committed > previous || wasQuestion { continue }
                let error = DiscoveryClientError.undecodableResponse(
                    operationID: operationID, httpStatus: 308,
                    reason: "the upload session took none of the chunk from byte \(previous) on: it has \(committed)")
                failure = (error, false)
            case .interrupted(let error):
                failure = (error, true)
            }
            failures += 1
            if failures == 1 { failingFor = startStopwatch() }
            let wait = backoff(after: failure.error, failures: failures, policy: policy)
            guard failures < policy.maximumAttempts, policy.allows(wait: wait, after: failingFor()) else {
                throw failure.error
            }
            try await sleep(wait)
            asksForStatus = failure.asks
        }
    }

    /// The wait before the request after `failures` failed ones: what a 429 or 503 asks for (`Retry-After`,
    /// `google.rpc.RetryInfo`) up to the policy's maximum, else the policy's backoff with jitter.
    private func backoff(after failure: any Error, failures: Int, policy: RetryPolicy) -> Duration {
        if let error = failure as? GoogleAPIError,
            let delay = error.headerFields[.retryAfter].flatMap({ RetryMiddleware.retryAfterDelay($0) })
                ?? error.retryInfo?.delay
        {
            return min(delay, policy.maximumDelay)
        }
        return jitter(policy.backoffCeiling(afterAttempt: failures))
    }

    /// Starts a session with the metadata and the content's type and size; the session URI comes back in
    /// `Location`.
    private func startSession(
        _ request: APIRequest, media: MediaUpload, path: PathBuilder, policy: RetryPolicy, options: CallOptions
    ) async throws -> URL {
        let start = APIRequest(
            operationID: request.operationID, method: request.method, path: path, query: request.query,
            body: request.body, apiVersion: request.apiVersion)
        var query = QueryItems()
        query.append("uploadType", "resumable")
        var (httpRequest, httpBody) = try makeHTTPRequest(
            start, options: options, accept: "application/json", extraQuery: query)
        httpRequest.headerFields[.uploadContentType] = media.contentType
        if let size = media.size { httpRequest.headerFields[.uploadContentLength] = String(size) }
        let (response, _) = try await send(
            httpRequest, body: httpBody, baseURL: baseURL, operationID: request.operationID, retryPolicy: policy,
            options: options)
        guard let location = response.headerFields[.location],
            let session = URL(string: location, relativeTo: baseURL)?.absoluteURL
        else {
            throw DiscoveryClientError.undecodableResponse(
                operationID: request.operationID, httpStatus: response.status.code,
                reason: "the resumable upload session was started without a Location")
        }
        return session
    }

    private enum ChunkOutcome {
        case finished(HTTPResponse, HTTPBody?)
        /// 308: the server has the bytes before `committed`.
        case incomplete(committed: Int64)
        /// No answer, whatever the transport's error, or one that says to try again (408, 429, 5xx, a rate limit).
        case interrupted(any Error)
    }

    /// Sends one chunk (or, empty, asks for the session's state) to the session URI. A response that the policy
    /// does not retry (by its status or its error's reasons; a 404 for an expired session) and cancellation are
    /// thrown; any other failure
    /// is returned: transports report a connection dropped in the middle of a body in ways that no list of errors
    /// foresees (Linux's URLSession: `URLError.unknown`, "Send failure: Broken pipe"), and the session, unlike
    /// the request, can always be asked what arrived.
    private func put(
        _ bytes: Data, range: String, to session: URL, operationID: String, policy: RetryPolicy,
        _ options: CallOptions
    ) async throws -> ChunkOutcome {
        let target = session.transportTarget
        var headerFields = HTTPFields()
        headerFields[.contentRange] = range
        headerFields.append(contentsOf: options.headerFields)
        let request = HTTPRequest(
            method: .put, scheme: nil, authority: nil, path: target.path, headerFields: headerFields)
        do {
            let (response, body) = try await send(
                request, body: HTTPBody(bytes), baseURL: target.baseURL, operationID: operationID,
                retryPolicy: .none, options: CallOptions(), alsoAccepted: [308])
            guard response.status.code == 308 else { return .finished(response, body) }
            return .incomplete(committed: Self.committedBytes(response.headerFields[.range]))
        } catch let error as GoogleAPIError {
            let isRetryable =
                policy.retryableStatuses.contains(error.httpStatus)
                || !policy.retryableReasons.isDisjoint(with: error.reasons)
            guard isRetryable else { throw error }
            return .interrupted(error)
        } catch let error as CancellationError {
            throw error
        } catch {
            if Task.isCancelled { throw CancellationError() }
            return .interrupted(error)
        }
    }

    /// `Range: bytes=0-1048575` means the first 1048576 bytes arrived; no `Range`, none did.
    static func committedBytes(_ range: String?) -> Int64 {
        guard let range, let dash = range.lastIndex(of: "-"), let last = Int64(range[range.index(after: dash)...])
        else { return 0 }
        return last + 1
    }
}

/// Reads the chunks of an upload's content: from memory, from a file at any offset, or from a stream, keeping
/// only the bytes that the server has not confirmed.
private struct ChunkReader {
    private let media: MediaUpload
    private let maxSize: Int64?
    private let operationID: String
    private var iterator: HTTPBody.AsyncIterator?
    /// Stream bytes from `bufferStart` on, read but not yet confirmed.
    private var buffer = Data()
    private var bufferStart: Int64 = 0
    private var isExhausted = false

    init(_ media: MediaUpload, maxSize: Int64?, operationID: String) {
        self.media = media
        self.maxSize = maxSize
        self.operationID = operationID
        if case .stream(let body, _) = media.source { iterator = body.makeAsyncIterator() }
    }

    /// Up to `size` bytes from `offset`, and whether they end the content.
    mutating func chunk(from offset: Int64, size: Int) async throws -> (bytes: Data, isLast: Bool) {
        switch media.source {
        case .data(let data):
            let start = data.startIndex + Int(offset)
            let end = min(start + size, data.endIndex)
            return (data[start..<end], end == data.endIndex)
        case .file(let url, let fileSize):
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(offset))
            let bytes = try handle.read(upToCount: size) ?? Data()
            return (bytes, offset + Int64(bytes.count) >= fileSize)
        case .stream:
            return try await streamChunk(from: offset, size: size)
        }
    }

    private mutating func streamChunk(from offset: Int64, size: Int) async throws -> (bytes: Data, isLast: Bool) {
        guard offset >= bufferStart, offset <= bufferStart + Int64(buffer.count) else {
            throw DiscoveryClientError.uploadCannotResume(operationID: operationID, committedBytes: offset)
        }
        buffer.removeFirst(Int(offset - bufferStart))
        bufferStart = offset
        // One byte more than the chunk tells whether the chunk is the last.
        while buffer.count <= size, !isExhausted {
            if let next = try await iterator?.next() {
                buffer.append(contentsOf: next)
                if let maxSize, bufferStart + Int64(buffer.count) > maxSize {
                    throw DiscoveryClientError.mediaTooLarge(operationID: operationID, maximumBytes: maxSize)
                }
            } else {
                isExhausted = true
            }
        }
        let bytes = Data(buffer.prefix(size))
        return (bytes, isExhausted && buffer.count <= size)
    }
}

/// The response of an upload whose method returns nothing.
struct IgnoredResponse: Decodable, Sendable {
    init(from decoder: any Decoder) {}
}

extension HTTPField.Name {
    static let uploadContentType = HTTPField.Name("X-Upload-Content-Type")!
    static let uploadContentLength = HTTPField.Name("X-Upload-Content-Length")!
}
