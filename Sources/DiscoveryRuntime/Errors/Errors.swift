import Foundation
import HTTPTypes

/// Google's error body (google.rpc.Status) as a Swift error.
///
/// `details` keeps every entry, including types this client does not know, so that callers can still
/// read reasons like `google.rpc.ErrorInfo` or quota failures. Older APIs (Drive, YouTube, Gmail, Calendar) give
/// their reasons in `errors` instead (`userRateLimitExceeded`, `storageQuotaExceeded`); ``body`` keeps the
/// response as it came, for anything else.
public struct GoogleAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code of the response.
    public var httpStatus: Int
    /// `error.code`, usually the same as `httpStatus`.
    public var code: Int?
    /// `error.message`, or the body's text (or a note that it was empty) when the body is not Google's JSON.
    public var message: String
    /// `error.status`, e.g. `RESOURCE_EXHAUSTED`.
    public var status: String?
    /// Every `error.details` entry, as received.
    public var details: [JSONValue]
    /// Every `error.errors` entry: the reasons of Google's older APIs, e.g. `userRateLimitExceeded`.
    public var errors: [ErrorItem]
    /// The response body as received, up to 1 MiB.
    public var body: Data
    /// The method that failed, e.g. `dataportability.portabilityArchive.initiate`.
    public var operationID: String
    /// The response's header fields, e.g. `Retry-After` or `WWW-Authenticate`.
    public var headerFields: HTTPFields

    /// An error with the given fields; the client creates it from an error response.
    public init(
        httpStatus: Int,
        code: Int? = nil,
        message: String,
        status: String? = nil,
        details: [JSONValue] = [],
        errors: [ErrorItem] = [],
        body: Data = Data(),
        operationID: String,
        headerFields: HTTPFields = [:]
    ) {
        self.httpStatus = httpStatus
        self.code = code
        self.message = message
        self.status = status
        self.details = details
        self.errors = errors
        self.body = body
        self.operationID = operationID
        self.headerFields = headerFields
    }

    /// One entry of `error.errors`, the form in which Google's older APIs say why a request failed.
    public struct ErrorItem: Sendable, Hashable, Decodable {
        /// Why, e.g. `userRateLimitExceeded`, `rateLimitExceeded`, `storageQuotaExceeded`, `notFound`.
        public var reason: String?
        /// Where the reason is defined, e.g. `usageLimits` or `global`.
        public var domain: String?
        /// The explanation.
        public var message: String?
        /// What the error is about, e.g. a parameter's name.
        public var location: String?
        /// What kind of thing ``location`` names, e.g. `parameter` or `header`.
        public var locationType: String?

        public init(
            reason: String? = nil, domain: String? = nil, message: String? = nil, location: String? = nil,
            locationType: String? = nil
        ) {
            self.reason = reason
            self.domain = domain
            self.message = message
            self.location = location
            self.locationType = locationType
        }
    }

    /// The reasons the error gives: every `errors[].reason`, then `ErrorInfo`'s.
    public var reasons: [String] {
        errors.compactMap(\.reason) + [errorInfo?.reason].compactMap { $0 }
    }

    /// The method, the HTTP status, Google's status and the message, e.g.
    /// `dataportability.portabilityArchive.initiate failed: 429 RESOURCE_EXHAUSTED: …`.
    public var description: String {
        let statusText = [String(httpStatus), status].compactMap { $0 }.joined(separator: " ")
        return "\(operationID) failed: \(statusText): \(message)"
    }

    /// Whether the resource has not changed since the entity tag that ``CallOptions/ifNoneMatch`` sent (304): the
    /// copy the caller has is current.
    public var isNotModified: Bool { httpStatus == 304 }
}

extension GoogleAPIError {
    /// How much of a body that is not Google's JSON becomes the message.
    static let maximumTextLength = 1024

    /// Reads an error response body: Google's JSON when it is that, the raw text otherwise
    /// (a proxy's HTML page, for example).
    init(httpStatus: Int, body: Data, isTruncated: Bool = false, operationID: String, headerFields: HTTPFields = [:]) {
        if !isTruncated, let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: body) {
            self.init(
                httpStatus: httpStatus,
                code: envelope.error.code,
                message: envelope.error.message ?? "",
                status: envelope.error.status,
                details: envelope.error.details ?? [],
                errors: envelope.error.errors ?? [],
                body: body,
                operationID: operationID,
                headerFields: headerFields
            )
        } else {
            // A proxy's error page can be large; the start of it is enough to say what happened.
            let text = String(decoding: body.prefix(Self.maximumTextLength), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let shown = isTruncated || body.count > Self.maximumTextLength ? text + "…" : text
            let empty =
                httpStatus == 304 ? "not modified: the resource still has the entity tag sent" : "empty response body"
            self.init(
                httpStatus: httpStatus,
                message: text.isEmpty ? empty : shown,
                body: body,
                operationID: operationID,
                headerFields: headerFields
            )
        }
    }
}

/// `{"error": {...}}`, the shape of every Google API error response.
private struct ErrorEnvelope: Decodable {
    struct Status: Decodable {
        var code: Int?
        var message: String?
        var status: String?
        var details: [JSONValue]?
        var errors: [GoogleAPIError.ErrorItem]?
    }

    var error: Status
}

/// A failure of the client itself rather than of the API.
public enum DiscoveryClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A path parameter's value does not fit its template, or could escape it (`..`, empty segments).
    case invalidPathParameter(name: String, value: String, template: String)
    /// A successful response's body is not the JSON the method returns.
    case undecodableResponse(operationID: String, httpStatus: Int, reason: String)
    /// The call took longer than its `CallOptions.timeout`.
    case timedOut(operationID: String, timeout: Duration)
    /// A list method answered with the page token it was asked for, so its pages would never end.
    case repeatedPageToken(operationID: String)
    /// A download ended with another number of bytes than the server announced.
    case incompleteDownload(operationID: String, expectedBytes: Int64, receivedBytes: Int64)
    /// A download was larger than the caller allowed to hold in memory.
    case downloadTooLarge(operationID: String, maximumBytes: Int)
    /// The method does not accept content of this media type.
    case unacceptableMedia(operationID: String, contentType: String, accepted: [String])
    /// The content is larger than the method accepts.
    case mediaTooLarge(operationID: String, maximumBytes: Int64)
    /// A resumable upload from a stream was interrupted, and the server has fewer bytes than the stream can
    /// give again.
    case uploadCannotResume(operationID: String, committedBytes: Int64)

    /// What went wrong, naming the parameter or the method.
    public var description: String {
        switch self {
        case .invalidPathParameter(let name, let value, let template):
            "Invalid value \"\(value)\" for path parameter \"\(name)\": it must match the template "
                + "\"\(template)\" and have no empty, \".\" or \"..\" segments."
        case .undecodableResponse(let operationID, let httpStatus, let reason):
            "Could not decode the \(httpStatus) response of \(operationID): \(reason)"
        case .timedOut(let operationID, let timeout):
            "\(operationID) did not finish within \(timeout)"
        case .repeatedPageToken(let operationID):
            "\(operationID) returned the page token it was given; its pages would never end"
        case .incompleteDownload(let operationID, let expected, let received):
            "The download of \(operationID) ended after \(received) of \(expected) bytes"
        case .downloadTooLarge(let operationID, let maximumBytes):
            "The download of \(operationID) is larger than \(maximumBytes) bytes"
        case .unacceptableMedia(let operationID, let contentType, let accepted):
            "\(operationID) does not accept \(contentType); it accepts \(accepted.joined(separator: ", "))"
        case .mediaTooLarge(let operationID, let maximumBytes):
            "The content is larger than the \(maximumBytes) bytes that \(operationID) accepts"
        case .uploadCannotResume(let operationID, let committedBytes):
            "The upload of \(operationID) cannot resume at byte \(committedBytes): the stream has moved past it"
        }
    }
}

/// The app's token provider could not give an access token, so the request was not sent.
///
/// ``AccessTokenMiddleware`` throws it for whatever the provider throws (but cancellation), so that "sign in
/// again" is never mistaken for "no response from Google": a revoked or expired grant (DiscoveryAuth's
/// `OAuthError` with `invalid_grant`), missing credentials, or a token endpoint that could not be reached
/// (``isTransient``: try later).
public struct AuthorizationError: Error, CustomStringConvertible {
    /// The method whose request was not sent.
    public var operationID: String
    /// What the token provider threw.
    public var underlying: any Error

    /// A failure of the token provider for `operationID`.
    public init(operationID: String, underlying: any Error) {
        self.operationID = operationID
        self.underlying = underlying
    }

    /// Whether the provider got no answer from its token endpoint, so that trying later may work; otherwise the
    /// user must sign in again (or the app fix its credentials).
    public var isTransient: Bool { TransportFailure(underlying) == .transient }

    /// The method and the provider's error.
    public var description: String { "\(operationID) was not sent: no access token: \(underlying)" }
}

/// A request that got no HTTP response: the connection failed, timed out, or a middleware threw.
///
/// Whatever the transport (URLSession, AsyncHTTPClient), the failure names the method; the transport's own error
/// is kept in ``underlying``. Cancellation is never wrapped: it is always `CancellationError`.
public struct TransportError: Error, CustomStringConvertible {
    /// The method that failed, e.g. `dataportability.archiveJobs.getPortabilityArchiveState`.
    public var operationID: String
    /// The error of the transport or middleware.
    public var underlying: any Error

    /// A failure of `operationID` caused by `underlying`.
    public init(operationID: String, underlying: any Error) {
        self.operationID = operationID
        self.underlying = underlying
    }

    /// The method and the underlying error.
    public var description: String { "\(operationID) failed: \(underlying)" }
}
