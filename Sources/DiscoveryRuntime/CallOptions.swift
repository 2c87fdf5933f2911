import Foundation
import HTTPTypes

/// Settings for one call, given as the last argument of every generated method.
///
/// ```swift
/// let state = try await client.archiveJobs.getPortabilityArchiveState(
///     name: name,
///     options: CallOptions(timeout: .seconds(10), fields: "state,urls")
/// )
/// ```
public struct CallOptions: Sendable {
    /// The longest the call may take, retries and their waits included; then it fails with
    /// `DiscoveryClientError.timedOut`.
    public var timeout: Duration?
    /// More header fields to send, e.g. `X-Goog-Request-Reason`.
    public var headerFields: HTTPFields
    /// Google's partial-response selector (`fields=state,urls`): only these fields come back.
    public var fields: String?
    /// Google's `quotaUser`: the user to count quota against when calls come from a server.
    public var quotaUser: String?
    /// An entity tag (a resource's `etag`) sent as `If-None-Match`: while the resource still has it, the call fails
    /// with a `GoogleAPIError` whose ``GoogleAPIError/isNotModified`` is true (304), so that a client that keeps a
    /// copy fetches it again only when it changed.
    public var ifNoneMatch: String?
    /// An entity tag sent as `If-Match`: a change goes through only while the resource still has it, else the call
    /// fails with a `GoogleAPIError` of status 412, so that one writer does not overwrite another's change unseen.
    public var ifMatch: String?
    /// Replaces the client's retry policy for this call.
    public var retryPolicy: RetryPolicy?
    /// Called with the HTTP response of a successful call, for its status and header fields (an `ETag`, say).
    public var onResponse: (@Sendable (HTTPResponse) -> Void)?

    /// Options that change nothing unless given.
    public init(
        timeout: Duration? = nil,
        headerFields: HTTPFields = [:],
        fields: String? = nil,
        quotaUser: String? = nil,
        ifNoneMatch: String? = nil,
        ifMatch: String? = nil,
        retryPolicy: RetryPolicy? = nil,
        onResponse: (@Sendable (HTTPResponse) -> Void)? = nil
    ) {
        self.timeout = timeout
        self.headerFields = headerFields
        self.fields = fields
        self.quotaUser = quotaUser
        self.ifNoneMatch = ifNoneMatch
        self.ifMatch = ifMatch
        self.retryPolicy = retryPolicy
        self.onResponse = onResponse
    }
}
