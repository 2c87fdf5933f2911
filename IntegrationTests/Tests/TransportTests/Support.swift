import AsyncHTTPClient
import DataPortability
import DiscoveryRuntime
import Foundation
import HTTPTypes
import LocalServer
import NIOConcurrencyHelpers
import NIOCore
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime
import OpenAPIURLSession

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The transports that apps use, each test running once with each.
enum Transport: String, CaseIterable, CustomStringConvertible {
    case urlSession = "URLSessionTransport"
    case asyncHTTPClient = "AsyncHTTPClientTransport"

    var description: String { rawValue }

    private static func urlSession(timeout: TimeAmount) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = Double(timeout.nanoseconds) / 1e9
        return URLSession(configuration: configuration)
    }

    /// - Parameter timeout: The transport's request timeout.
    func make(timeout: TimeAmount = .seconds(30)) -> any ClientTransport {
        switch self {
        case .urlSession:
            URLSessionTransport(configuration: .init(session: Self.urlSession(timeout: timeout)))
        case .asyncHTTPClient:
            AsyncHTTPClientTransport(configuration: .init(client: .shared, timeout: timeout))
        }
    }
}

let testToken = "ya29.integration-test-token"

/// A Data Portability client of `server` with a fixed token, retrying at once (no waits) unless told otherwise.
func makeClient(
    _ transport: Transport,
    server: LocalServer,
    middlewares: [any ClientMiddleware] = [],
    retryPolicy: RetryPolicy = RetryPolicy(initialDelay: .zero)
) -> DataPortabilityClient {
    DataPortabilityClient(
        serverURL: server.baseURL,
        transport: transport.make(),
        middlewares: [AccessTokenMiddleware(tokenProvider: { testToken })] + middlewares,
        retryPolicy: retryPolicy
    )
}

/// Counts the attempts that reach it; placed after the retry middleware, it sees each one.
final class AttemptCounter: ClientMiddleware {
    private let count = NIOLockedValueBox(0)

    var attempts: Int { count.withLockedValue { $0 } }

    func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        count.withLockedValue { $0 += 1 }
        return try await next(request, body, baseURL)
    }
}

/// A job's state as the fake server sends it.
func stateReply(_ state: String, urls: [String] = []) -> Reply {
    let list = urls.map { "\"\($0)\"" }.joined(separator: ",")
    return .json(#"{"name": "archiveJobs/1/portabilityArchiveState", "state": "\#(state)", "urls": [\#(list)]}"#)
}

/// The error `body` throws, or nil.
func thrownError(_ body: () async throws -> Void) async -> (any Error)? {
    do {
        try await body()
        return nil
    } catch {
        return error
    }
}
