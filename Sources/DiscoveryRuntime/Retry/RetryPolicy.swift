import Foundation

/// When and how often a failed request is sent again.
///
/// The defaults follow Google's guidance for its APIs: exponential backoff with full jitter from 1 s, doubling up
/// to 32 s between attempts, at most 5 attempts and 60 s in all, for 408, 429, 500, 502, 503 and 504 responses,
/// for the 403s of Google's older APIs whose reason is `userRateLimitExceeded` or `rateLimitExceeded` (Drive's
/// guide says to back off and retry them, and Google's Python client does), and for transport failures that mean
/// no response arrived. `Retry-After` and `google.rpc.RetryInfo` replace the
/// backoff when the server gives them. Only idempotent requests (GET, HEAD, PUT, DELETE, OPTIONS) are retried
/// unless ``retriesNonIdempotentRequests`` is set: a POST that reached the server may have been applied.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first one included; 1 turns retries off.
    public var maximumAttempts: Int
    /// The most the first retry waits.
    public var initialDelay: Duration
    /// How much the most a retry may wait grows from one retry to the next.
    public var multiplier: Double
    /// The most any retry waits, `Retry-After` included.
    public var maximumDelay: Duration
    /// How long all attempts together may take; no retry starts whose wait would end after it. A resumable upload
    /// counts it from the first of the failures in a row since the session last took more bytes, so that it
    /// bounds how long an upload goes on failing, not how long a large one takes.
    public var deadline: Duration?
    /// The HTTP statuses that are worth another attempt.
    public var retryableStatuses: Set<Int>
    /// The error reasons that make a client error (4xx) worth another attempt, whatever its status: a reason in
    /// `error.errors[]`, as Google's older APIs give it, or `google.rpc.ErrorInfo`'s.
    public var retryableReasons: Set<String>
    /// Retries POST and PATCH too: set it only for methods that are safe to apply twice.
    public var retriesNonIdempotentRequests: Bool

    public init(
        maximumAttempts: Int = 5,
        initialDelay: Duration = .seconds(1),
        multiplier: Double = 2,
        maximumDelay: Duration = .seconds(32),
        deadline: Duration? = .seconds(60),
        retryableStatuses: Set<Int> = [408, 429, 500, 502, 503, 504],
        retryableReasons: Set<String> = ["userRateLimitExceeded", "rateLimitExceeded"],
        retriesNonIdempotentRequests: Bool = false
    ) {
        self.maximumAttempts = maximumAttempts
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maximumDelay = maximumDelay
        self.deadline = deadline
        self.retryableStatuses = retryableStatuses
        self.retryableReasons = retryableReasons
        self.retriesNonIdempotentRequests = retriesNonIdempotentRequests
    }

    /// The defaults described above.
    public static let `default` = RetryPolicy()

    /// One attempt, no retries.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// Whether a response with this status may be retried: always for a retryable status, after reading its error's
    /// reasons for a client error.
    func mayRetry(status: Int) -> Bool {
        retryableStatuses.contains(status) || (!retryableReasons.isEmpty && (400..<500).contains(status))
    }

    /// Whether a retry may wait `wait` when the attempts so far took `elapsed`: its wait ends within the deadline.
    func allows(wait: Duration, after elapsed: Duration) -> Bool {
        deadline.map { elapsed + wait <= $0 } ?? true
    }

    /// The most the retry after `attempt` failed attempts may wait: `initialDelay × multiplier^(attempt - 1)`,
    /// capped at `maximumDelay`. The wait itself is a random share of it ("full jitter").
    func backoffCeiling(afterAttempt attempt: Int) -> Duration {
        let seconds = initialDelay.secondsDouble * pow(multiplier, Double(attempt - 1))
        return min(.seconds(seconds), maximumDelay)
    }
}

extension Clock where Duration == Swift.Duration {
    /// Starts a stopwatch on this clock: the function it returns says how much time has passed since.
    func startStopwatch() -> @Sendable () -> Duration {
        let start = now
        return { start.duration(to: self.now) }
    }
}

extension Duration {
    var secondsDouble: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
