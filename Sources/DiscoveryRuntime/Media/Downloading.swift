import Foundation
import HTTPTypes
import OpenAPIRuntime

/// How a media download goes on when its connection fails partway through the content: after the retry policy's
/// backoff, the same request again for the bytes not yet received (`Range: bytes=N-`), to be answered with them
/// only if the content is still the one that the first response began (`If-Range` with its `ETag` or
/// `Last-Modified`), as Google's Python client downloads in ranges.
///
/// A download resumes only when that is safe: a whole (200) response, with a validator, whose bytes are the
/// content as stored (no `Content-Encoding`, since a transport that decompresses would count other bytes than
/// those that `Range` counts). Anything but the asked-for bytes in answer (the content changed, or the server
/// ignores ranges) ends the download with the failure of the connection.
struct DownloadResumption: Sendable {
    let policy: RetryPolicy
    /// Sends the download's request again with `Range` and `If-Range` for the bytes from an offset on.
    private let sendFrom: @Sendable (_ offset: Int64) async throws -> (HTTPResponse, HTTPBody?)
    /// The wait before resuming after `failures` failures in a row: the policy's backoff, with jitter.
    let backoff: @Sendable (_ failures: Int) -> Duration
    let sleep: @Sendable (Duration) async throws -> Void
    let startStopwatch: @Sendable () -> @Sendable () -> Duration

    /// The resumption of the download that `response` starts, or nil when it cannot resume.
    init?(
        of request: APIRequest, response: HTTPResponse, options: CallOptions, policy: RetryPolicy, client: APIClient
    ) {
        guard policy.maximumAttempts > 1, response.status == .ok, options.headerFields[.range] == nil,
            response.headerFields[.contentEncoding].map({ $0.lowercased() == "identity" }) ?? true,
            let validator = response.rangeValidator
        else { return nil }
        self.policy = policy
        sendFrom = { offset in
            var options = options
            options.headerFields[.range] = "bytes=\(offset)-"
            options.headerFields[.ifRange] = validator
            // The content arrived once, so conditions that would answer 304 have been met; `If-Range` decides.
            options.ifNoneMatch = nil
            options.headerFields[.ifNoneMatch] = nil
            options.headerFields[.ifModifiedSince] = nil
            return try await client.sendForDownload(request, options: options)
        }
        backoff = { failures in client.jitter(policy.backoffCeiling(afterAttempt: failures)) }
        sleep = client.sleep
        startStopwatch = client.startStopwatch
    }

    /// The content from byte `offset` on, or `failure` (the connection's) when the server answers with anything
    /// else.
    func rest(from offset: Int64, after failure: TransportError) async throws -> HTTPBody? {
        let (response, body) = try await sendFrom(offset)
        guard response.status == .partialContent,
            ContentRange(response.headerFields[.contentRange])?.first == offset
        else { throw failure }
        return body
    }
}
