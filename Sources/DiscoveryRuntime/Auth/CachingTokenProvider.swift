import Foundation

/// An OAuth 2.0 access token and when it stops working.
///
/// Its descriptions never show the token, so that printing or logging one leaks nothing.
public struct AccessToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The token to send as `Authorization: Bearer <value>`.
    public var value: String
    /// When the token expires; nil when the server did not say.
    public var expiresAt: Date?

    /// A token worth `value` until `expiresAt`.
    public init(value: String, expiresAt: Date?) {
        self.value = value
        self.expiresAt = expiresAt
    }

    /// `AccessToken(redacted, expires 2026-11-25T18:00:00Z)`.
    public var description: String {
        "AccessToken(redacted" + (expiresAt.map { ", expires \($0.ISO8601Format())" } ?? "") + ")"
    }

    /// The same as ``description``: the token is never shown.
    public var debugDescription: String { description }
}

/// Keeps a token until shortly before it expires, and fetches a new one once for all the callers that need it.
///
/// `fetch` is where the token comes from: a refresh-token grant, a service account, the metadata server. When
/// many requests start together with no valid token, they all wait for one fetch ("single flight").
public actor CachingTokenProvider: AccessTokenProvider {
    private let fetch: @Sendable () async throws -> AccessToken
    private let refreshMargin: TimeInterval
    private let now: @Sendable () -> Date
    private var cached: AccessToken?
    private var inFlight: Task<AccessToken, any Error>?

    /// - Parameters:
    ///   - refreshMargin: How long before its expiry a token is replaced; 60 s by default.
    ///   - now: The current time; tests pass a fixed one.
    ///   - fetch: Gets a new token.
    public init(
        refreshMargin: Duration = .seconds(60),
        now: @escaping @Sendable () -> Date = Date.init,
        fetch: @escaping @Sendable () async throws -> AccessToken
    ) {
        self.fetch = fetch
        self.refreshMargin = refreshMargin.secondsDouble
        self.now = now
    }

    /// The cached token while it is valid for longer than the margin; otherwise, or with `forceRefresh`, a new one.
    public func accessToken(forceRefresh: Bool) async throws -> String {
        if !forceRefresh, let cached, isFresh(cached) { return cached.value }
        if let inFlight { return try await inFlight.value.value }
        let task = Task { try await fetch() }
        inFlight = task
        defer { inFlight = nil }
        let token = try await task.value
        cached = token
        return token.value
    }

    private func isFresh(_ token: AccessToken) -> Bool {
        guard let expiresAt = token.expiresAt else { return true }
        return now().addingTimeInterval(refreshMargin) < expiresAt
    }
}
