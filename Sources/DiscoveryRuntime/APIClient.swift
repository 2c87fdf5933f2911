import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Sends API requests through a swift-openapi-runtime `ClientTransport` and its middlewares.
///
/// Any transport works (URLSession, AsyncHTTPClient, a test double), and middlewares run in order,
/// the first one outermost, exactly as in clients that swift-openapi-generator produces.
public struct APIClient: Sendable {
    /// Responses larger than this are refused rather than held in memory.
    private static let maximumResponseBytes = 64 * 1024 * 1024

    private let baseURL: URL
    private let transport: any ClientTransport
    private let middlewares: [any ClientMiddleware]
    private let service: ServiceInfo

    /// - Parameters:
    ///   - serverURL: The API root, e.g. `https://dataportability.googleapis.com/`; it may have a path prefix.
    ///   - transport: Sends the HTTP requests.
    ///   - middlewares: Run around every request, the first one outermost; e.g. `AccessTokenMiddleware`.
    ///   - service: Names the API and the generator in the standard headers.
    ///   - retryPolicy: When to send a failed request again; a ``RetryMiddleware`` with it runs outside
    ///     `middlewares`, so that each attempt passes through them. Generated clients pass ``RetryPolicy/default``.
    public init(
        serverURL: URL,
        transport: any ClientTransport,
        middlewares: [any ClientMiddleware] = [],
        service: ServiceInfo,
        retryPolicy: RetryPolicy = .none
    ) {
        self.baseURL = Self.removingTrailingSlash(from: serverURL)
        self.transport = transport
        self.middlewares = (retryPolicy.maximumAttempts > 1 ? [RetryMiddleware(policy: retryPolicy)] : []) + middlewares
        self.service = service
    }

    /// Sends the request and decodes the JSON response body.
    ///
    /// - Throws: `GoogleAPIError` for a non-2xx response, `DiscoveryClientError.undecodableResponse` when the
    ///   body is not a `Response`, and whatever the transport or a middleware throws.
    public func send<Response: Decodable & Sendable>(
        _ request: APIRequest,
        returning: Response.Type
    ) async throws -> Response {
        let (response, body) = try await perform(request)
        let data = try await collect(body)
        let decoded: Response
        let isBlank = data.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        do {
            decoded = try JSONDecoder().decode(Response.self, from: isBlank ? Data("{}".utf8) : data)
        } catch {
            throw DiscoveryClientError.undecodableResponse(
                operationID: request.operationID,
                httpStatus: response.status.code,
                reason: String(describing: error)
            )
        }
        // Like Google's own clients: 204 may have no body, and so may a message without fields (`Empty`), but a
        // blank 200 for a message with fields is a broken response, not a message whose fields are all unset.
        if isBlank, response.status != .noContent, !Mirror(reflecting: decoded).children.isEmpty {
            throw DiscoveryClientError.undecodableResponse(
                operationID: request.operationID,
                httpStatus: response.status.code,
                reason: "the response body is empty, but \(Response.self) has fields"
            )
        }
        return decoded
    }

    /// Sends the request of a method that returns nothing; the response body is ignored.
    ///
    /// - Throws: `GoogleAPIError` for a non-2xx response, and whatever the transport or a middleware throws.
    public func send(_ request: APIRequest) async throws {
        _ = try await perform(request)
    }

    /// Sends the request through the middlewares and the transport; throws `GoogleAPIError` unless it succeeded.
    private func perform(_ request: APIRequest) async throws -> (HTTPResponse, HTTPBody?) {
        let (httpRequest, httpBody) = try makeHTTPRequest(request)
        let response: HTTPResponse
        let body: HTTPBody?
        do {
            (response, body) = try await middlewareChain(operationID: request.operationID)(
                httpRequest, httpBody, baseURL)
        } catch let error as GoogleAPIError {
            throw error
        } catch let error as DiscoveryClientError {
            throw error
        } catch let error as TransportError {
            throw error
        } catch {
            // Each transport says "cancelled" its own way; callers catch one error for it.
            if Task.isCancelled || error is CancellationError || (error as? URLError)?.code == .cancelled {
                throw CancellationError()
            }
            throw TransportError(operationID: request.operationID, underlying: error)
        }
        guard response.status.kind == .successful else {
            // An error body can be anything a proxy sends: its start is enough, and the status is never lost.
            let (data, isTruncated) = try await Self.collectPrefix(of: body, upTo: Self.maximumErrorBodyBytes)
            throw GoogleAPIError(
                httpStatus: response.status.code,
                body: data,
                isTruncated: isTruncated,
                operationID: request.operationID,
                headerFields: response.headerFields
            )
        }
        return (response, body)
    }

    private static let maximumErrorBodyBytes = 1024 * 1024

    /// Up to `limit` bytes of `body`, and whether there was more.
    private static func collectPrefix(of body: HTTPBody?, upTo limit: Int) async throws -> (Data, Bool) {
        guard let body else { return (Data(), false) }
        var data = Data()
        for try await chunk in body {
            data.append(contentsOf: chunk.prefix(limit - data.count))
            if data.count >= limit { return (data, true) }
        }
        return (data, false)
    }

    private func makeHTTPRequest(_ request: APIRequest) throws -> (HTTPRequest, HTTPBody?) {
        var query = request.query
        query.append("$.xgafv", "2")  // Errors in the google.rpc.Status format.
        query.append("prettyPrint", false)

        var headerFields = HTTPFields()
        headerFields[.accept] = "application/json"
        headerFields[.userAgent] = service.userAgent
        headerFields[.googleAPIClient] = service.apiClientHeader

        var body: HTTPBody?
        if let requestBody = request.body {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            body = HTTPBody(try encoder.encode(requestBody))
            headerFields[.contentType] = "application/json"
        }

        let httpRequest = HTTPRequest(
            method: request.method,
            scheme: nil,
            authority: nil,
            path: request.path.path + "?" + query.encodedQuery,
            headerFields: headerFields
        )
        return (httpRequest, body)
    }

    /// The middlewares wrapped around the transport, the first middleware outermost.
    private func middlewareChain(
        operationID: String
    ) -> @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?) {
        let transport = transport
        var next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?) = {
            request, body, baseURL in
            try await transport.send(request, body: body, baseURL: baseURL, operationID: operationID)
        }
        for middleware in middlewares.reversed() {
            let inner = next
            next = { request, body, baseURL in
                try await middleware.intercept(
                    request, body: body, baseURL: baseURL, operationID: operationID, next: inner)
            }
        }
        return next
    }

    private func collect(_ body: HTTPBody?) async throws -> Data {
        guard let body else { return Data() }
        return try await Data(collecting: body, upTo: Self.maximumResponseBytes)
    }

    /// Transports append the request path (which starts with `/`) to the base URL, so the base URL ends without `/`.
    private static func removingTrailingSlash(from url: URL) -> URL {
        let text = url.absoluteString
        guard text.hasSuffix("/"), let trimmed = URL(string: String(text.dropLast())) else { return url }
        return trimmed
    }
}
