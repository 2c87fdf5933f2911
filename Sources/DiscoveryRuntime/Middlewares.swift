import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Sets `Authorization: Bearer <token>` on every request, and asks for a new token once when one is refused.
///
/// The provider is asked for every request, so it can refresh an expired token (``CachingTokenProvider`` does so
/// once for many callers); the token never goes into the URL, where logs and proxies would keep it. On a 401 the
/// provider is asked again with `forceRefresh`, and a request whose body can be sent again is retried once with
/// the new token. Whatever the provider throws reaches the caller as ``AuthorizationError`` (cancellation as
/// itself), never as a transport failure.
public struct AccessTokenMiddleware: ClientMiddleware {
    private let tokenProvider: any AccessTokenProvider

    /// - Parameter tokenProvider: Returns a valid OAuth 2.0 access token; called once per request, and once more
    ///   after a 401.
    public init(tokenProvider: @escaping @Sendable () async throws -> String) {
        self.tokenProvider = ClosureTokenProvider(fetch: tokenProvider)
    }

    /// - Parameter tokenProvider: Gives the token for each request, and a new one after a 401.
    public init(_ tokenProvider: any AccessTokenProvider) {
        self.tokenProvider = tokenProvider
    }

    /// Adds the header, sends the request, and on a 401 retries once with a refreshed token.
    public func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        let token = try await accessToken(forceRefresh: false, operationID: operationID)
        request.headerFields[.authorization] = "Bearer \(token)"
        let (response, responseBody) = try await next(request, body, baseURL)
        let isReplayable = body.map { $0.iterationBehavior == .multiple } ?? true
        guard response.status == .unauthorized, isReplayable else { return (response, responseBody) }
        let refreshed = try await accessToken(forceRefresh: true, operationID: operationID)
        guard refreshed != token else { return (response, responseBody) }
        request.headerFields[.authorization] = "Bearer \(refreshed)"
        return try await next(request, body, baseURL)
    }

    private func accessToken(forceRefresh: Bool, operationID: String) async throws -> String {
        do {
            return try await tokenProvider.accessToken(forceRefresh: forceRefresh)
        } catch {
            if Task.isCancelled || TransportFailure(error) == .cancelled { throw CancellationError() }
            throw AuthorizationError(operationID: operationID, underlying: error)
        }
    }
}

/// A source of OAuth 2.0 access tokens for ``AccessTokenMiddleware``.
public protocol AccessTokenProvider: Sendable {
    /// A token to send; with `forceRefresh`, not the one given before, because the server refused it.
    func accessToken(forceRefresh: Bool) async throws -> String
}

/// A provider made from a closure, which is asked every time.
private struct ClosureTokenProvider: AccessTokenProvider {
    let fetch: @Sendable () async throws -> String

    func accessToken(forceRefresh: Bool) async throws -> String { try await fetch() }
}

/// Sets `x-goog-user-project`, the project that is billed and whose quota is used.
public struct QuotaProjectMiddleware: ClientMiddleware {
    private let projectID: String

    /// - Parameter projectID: The Google Cloud project to bill, e.g. `my-project`.
    public init(projectID: String) {
        self.projectID = projectID
    }

    /// Sets the `x-goog-user-project` header and passes the request on.
    public func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.googleUserProject] = projectID
        return try await next(request, body, baseURL)
    }
}

extension HTTPField.Name {
    static let googleUserProject = HTTPField.Name("x-goog-user-project")!
    static let googleAPIClient = HTTPField.Name("x-goog-api-client")!
    static let googleAPIVersion = HTTPField.Name("x-goog-api-version")!
}
