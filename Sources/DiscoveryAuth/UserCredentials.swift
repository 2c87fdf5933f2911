import DiscoveryRuntime
import Foundation

/// A user's grant: access tokens refreshed with the refresh token as they expire, one refresh for all the calls
/// that need it. Give it to `AccessTokenMiddleware`.
public struct UserCredentials: AccessTokenProvider {
    /// The refresh token, to keep in a ``TokenStore`` for the next run; nil when the grant gave none.
    public let refreshToken: String?
    /// The scopes granted.
    public let grantedScopes: [String]
    private let cache: CachingTokenProvider

    /// Credentials from the first exchange of a flow.
    init(flow: InstalledAppFlow, tokens: TokenResponse, now: Date = Date()) {
        self.init(
            flow: flow, refreshToken: tokens.refreshToken, grantedScopes: tokens.grantedScopes,
            first: tokens.accessToken(receivedAt: now))
    }

    /// Credentials from a refresh token stored earlier; the first call gets an access token with it.
    public init(flow: InstalledAppFlow, refreshToken: String, grantedScopes: [String] = []) {
        self.init(flow: flow, refreshToken: refreshToken, grantedScopes: grantedScopes, first: nil)
    }

    private init(flow: InstalledAppFlow, refreshToken: String?, grantedScopes: [String], first: AccessToken?) {
        self.refreshToken = refreshToken
        self.grantedScopes = grantedScopes
        let handedOut = FirstToken(first)
        self.cache = CachingTokenProvider {
            if let token = await handedOut.take() { return token }
            guard let refreshToken else {
                throw OAuthError(
                    code: nil, message: "the grant has no refresh token; authorize again with offline access",
                    httpStatus: 0)
            }
            return try await flow.refresh(refreshToken: refreshToken).accessToken(receivedAt: Date())
        }
    }

    public func accessToken(forceRefresh: Bool) async throws -> String {
        try await cache.accessToken(forceRefresh: forceRefresh)
    }

    /// Throws ``MissingScopesError`` unless every one of `scopes` was granted: call it with a method's scopes
    /// (`ArchiveJobsResource.getPortabilityArchiveStateScopes`) before calling it, to tell the user what is missing.
    public func requireAny<Scope: RawRepresentable<String>>(of scopes: [Scope]) throws {
        guard !grantedScopes.isEmpty, !scopes.contains(where: { grantedScopes.contains($0.rawValue) }) else { return }
        throw MissingScopesError(missing: scopes.map(\.rawValue))
    }
}

/// The access token of the first exchange, used once before any refresh.
private actor FirstToken {
    private var token: AccessToken?

    init(_ token: AccessToken?) {
        self.token = token
    }

    func take() -> AccessToken? {
        defer { token = nil }
        return token
    }
}
