import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Sets `Authorization: Bearer <token>` on every request.
///
/// The token provider is asked for every request, so it can refresh an expired token;
/// the token never goes into the URL, where logs and proxies would keep it.
public struct AccessTokenMiddleware: ClientMiddleware {
    private let tokenProvider: @Sendable () async throws -> String

    /// - Parameter tokenProvider: Returns a valid OAuth 2.0 access token; called once per request.
    public init(tokenProvider: @escaping @Sendable () async throws -> String) {
        self.tokenProvider = tokenProvider
    }

    /// Asks the token provider for a token, sets the `Authorization` header and passes the request on.
    public func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(try await tokenProvider())"
        return try await next(request, body, baseURL)
    }
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
}
