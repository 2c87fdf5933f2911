import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Sends a request again, after a wait, when it failed in a way that another attempt may fix (see ``RetryPolicy``).
///
/// Generated clients put it first in their middlewares, so that every attempt passes through the others (a fresh
/// access token, logging). A request body is sent again only when it can be read more than once (a body made from
/// `Data` or a string can); a streamed body is sent once. The waits use the clock given at creation, so that tests
/// run in milliseconds, and end at once when the task is cancelled.
///
/// Each attempt of a call that it may retry says in `x-goog-api-client` which call it belongs to and which attempt
/// it is (`gccl-invocation-id/<UUID> gccl-attempt-count/2`), as Google's Go client does, so that Google can tell a
/// retry from a new call.
public struct RetryMiddleware: ClientMiddleware {
    /// When and how often to retry.
    public var policy: RetryPolicy
    private let sleep: @Sendable (Duration) async throws -> Void
    private let startStopwatch: @Sendable () -> @Sendable () -> Duration
    private let jitter: @Sendable (Duration) -> Duration

    /// A middleware that retries by `policy`, waiting on the continuous clock with random jitter.
    public init(policy: RetryPolicy = .default) {
        self.init(policy: policy, clock: ContinuousClock()) { .seconds(Double.random(in: 0...$0.secondsDouble)) }
    }

    /// A middleware that waits on `clock`, and draws each backoff wait from `0...ceiling` with `jitter`.
    public init<C: Clock<Duration>>(
        policy: RetryPolicy, clock: C, jitter: @escaping @Sendable (_ ceiling: Duration) -> Duration
    ) {
        self.policy = policy
        self.sleep = { try await clock.sleep(for: $0) }
        self.startStopwatch = { clock.startStopwatch() }
        self.jitter = jitter
    }

    public func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let isReplayable = body.map { $0.iterationBehavior == .multiple } ?? true
        guard policy.maximumAttempts > 1, isReplayable,
            policy.retriesNonIdempotentRequests || Self.idempotentMethods.contains(request.method)
        else {
            return try await next(request, body, baseURL)
        }
        let elapsed = startStopwatch()
        let invocationID = UUID().uuidString.lowercased()
        var attempt = 0
        while true {
            attempt += 1
            let isLast = attempt >= policy.maximumAttempts
            var wait: Duration
            do {
                let (response, responseBody) = try await next(
                    Self.marking(request, invocationID: invocationID, attempt: attempt), body, baseURL)
                guard !isLast, policy.mayRetry(status: response.status.code) else {
                    return (response, responseBody)
                }
                let (error, bodyData) = try await Self.inspect(response, responseBody)
                let keptBody = bodyData.map { HTTPBody($0) } ?? responseBody
                let isRetryable =
                    policy.retryableStatuses.contains(response.status.code)
                    || error.map { !policy.retryableReasons.isDisjoint(with: $0.reasons) } ?? false
                guard isRetryable else { return (response, keptBody) }
                let serverDelay = Self.retryAfter(response) ?? error?.retryInfo?.delay
                wait = serverDelay.map { min($0, policy.maximumDelay) } ?? backoff(afterAttempt: attempt)
                guard policy.allows(wait: wait, after: elapsed()) else { return (response, keptBody) }
            } catch {
                guard !isLast, TransportFailure(error) == .transient else { throw error }
                wait = backoff(afterAttempt: attempt)
                guard policy.allows(wait: wait, after: elapsed()) else { throw error }
            }
            try await sleep(wait)
        }
    }

    /// `request` with the call's ID and the attempt's number added to its `x-goog-api-client`.
    static func marking(_ request: HTTPRequest, invocationID: String, attempt: Int) -> HTTPRequest {
        var marked = request
        let invocation = "gccl-invocation-id/\(invocationID) gccl-attempt-count/\(attempt)"
        marked.headerFields[.googleAPIClient] =
            request.headerFields[.googleAPIClient].map { "\($0) \(invocation)" } ?? invocation
        return marked
    }

    /// The methods that change nothing, or the same thing, when sent twice.
    static let idempotentMethods: Set<HTTPRequest.Method> = [.get, .head, .put, .delete, .options]

    private func backoff(afterAttempt attempt: Int) -> Duration {
        jitter(policy.backoffCeiling(afterAttempt: attempt))
    }

    /// The wait the server asks for in `Retry-After` (seconds or an HTTP date).
    static func retryAfter(_ response: HTTPResponse) -> Duration? {
        response.headerFields[.retryAfter].flatMap { retryAfterDelay($0) }
    }

    /// The error in a small error body, for its `google.rpc.RetryInfo` and its reasons; the body is returned as data
    /// so that it can still be read. Nothing when the body's length is unknown or large.
    static func inspect(_ response: HTTPResponse, _ body: HTTPBody?) async throws -> (GoogleAPIError?, Data?) {
        guard let body, case .known(let length) = body.length, length <= maximumInspectedBodyBytes else {
            return (nil, nil)
        }
        let data = try await Data(collecting: body, upTo: maximumInspectedBodyBytes)
        return (GoogleAPIError(httpStatus: response.status.code, body: data, operationID: ""), data)
    }

    static let maximumInspectedBodyBytes = 64 * 1024

    /// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`.
    static func retryAfterDelay(_ value: String, now: Date = Date()) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return .seconds(max(0, date.timeIntervalSince(now)))
    }
}

extension HTTPField.Name {
    static let retryAfter = HTTPField.Name("Retry-After")!
}
