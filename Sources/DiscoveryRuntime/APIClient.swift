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

    let baseURL: URL
    private let transport: any ClientTransport
    private let middlewares: [any ClientMiddleware]
    let retryPolicy: RetryPolicy
    let sleep: @Sendable (Duration) async throws -> Void
    let jitter: @Sendable (Duration) -> Duration
    let startStopwatch: @Sendable () -> @Sendable () -> Duration
    private let retryMiddleware: @Sendable (RetryPolicy) -> RetryMiddleware
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
        self.init(
            serverURL: serverURL, transport: transport, middlewares: middlewares, service: service,
            retryPolicy: retryPolicy, clock: ContinuousClock(),
            jitter: { .seconds(Double.random(in: 0...$0.secondsDouble)) })
    }

    /// A client whose retry waits and call timeouts run on `clock`, with `jitter` drawing each backoff wait from
    /// `0...ceiling`: tests pass a clock that does not really wait.
    public init<C: Clock<Duration>>(
        serverURL: URL,
        transport: any ClientTransport,
        middlewares: [any ClientMiddleware] = [],
        service: ServiceInfo,
        retryPolicy: RetryPolicy = .none,
        clock: C,
        jitter: @escaping @Sendable (_ ceiling: Duration) -> Duration
    ) {
        self.baseURL = Self.removingTrailingSlash(from: serverURL)
        self.transport = transport
        self.middlewares = middlewares
        self.retryPolicy = retryPolicy
        self.service = service
        self.sleep = { try await clock.sleep(for: $0) }
        self.jitter = jitter
        self.startStopwatch = { clock.startStopwatch() }
        self.retryMiddleware = { RetryMiddleware(policy: $0, clock: clock, jitter: jitter) }
    }

    /// Sends the request and decodes the JSON response body.
    ///
    /// - Throws: `GoogleAPIError` for a non-2xx response, `DiscoveryClientError.undecodableResponse` when the
    ///   body is not a `Response`, and whatever the transport or a middleware throws.
    public func send<Response: Decodable & Sendable>(
        _ request: APIRequest,
        returning: Response.Type,
        options: CallOptions = CallOptions()
    ) async throws -> Response {
        try await withTimeout(options.timeout, operationID: request.operationID) {
            try await decode(request, returning: returning, options: options)
        }
    }

    private func decode<Response: Decodable & Sendable>(
        _ request: APIRequest,
        returning: Response.Type,
        options: CallOptions
    ) async throws -> Response {
        let (response, body) = try await perform(request, options: options)
        return try await decodeResponse(response, body, returning: returning, operationID: request.operationID)
    }

    /// The JSON body of a successful response as a `Response`.
    func decodeResponse<Response: Decodable & Sendable>(
        _ response: HTTPResponse, _ body: HTTPBody?, returning: Response.Type, operationID: String
    ) async throws -> Response {
        let data = try await collect(body)
        let decoded: Response
        let isBlank = data.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        do {
            // Generated types are read straight from the bytes; anything else goes through JSONDecoder.
            decoded = try JSONCoding.decode(Response.self, from: isBlank ? Data("{}".utf8) : data)
        } catch {
            throw DiscoveryClientError.undecodableResponse(
                operationID: operationID,
                httpStatus: response.status.code,
                reason: String(describing: error)
            )
        }
        // Like Google's own clients: 204 may have no body, and so may a message without fields (`Empty`), but a
        // blank 200 for a message with fields is a broken response, not a message whose fields are all unset.
        if isBlank, response.status != .noContent, Self.hasFields(decoded) {
            throw DiscoveryClientError.undecodableResponse(
                operationID: operationID,
                httpStatus: response.status.code,
                reason: "the response body is empty, but \(Response.self) has fields"
            )
        }
        return decoded
    }

    /// Whether a message has fields: a generated type's table says so, any other type its stored properties.
    private static func hasFields(_ value: some Decodable) -> Bool {
        func tableHasFields<Object: JSONObject>(_ object: Object) -> Bool { !Object.jsonFields.isEmpty }
        if let object = value as? any JSONObject { return tableHasFields(object) }
        return !Mirror(reflecting: value).children.isEmpty
    }

    /// Sends the request of a method that returns nothing; the response body is ignored.
    ///
    /// - Throws: `GoogleAPIError` for a non-2xx response, and whatever the transport or a middleware throws.
    public func send(_ request: APIRequest, options: CallOptions = CallOptions()) async throws {
        try await withTimeout(options.timeout, operationID: request.operationID) {
            _ = try await perform(request, options: options)
        }
    }

    /// Sends the request of a media download (`alt=media`) and returns the content unread, to be streamed.
    ///
    /// The call's timeout covers the wait for the response, not the reading of the content. When the connection
    /// fails while the content is read, the download goes on from the bytes it has, as the retry policy allows
    /// (see ``MediaDownload``).
    ///
    /// - Throws: `GoogleAPIError` for a non-2xx response, and whatever the transport or a middleware throws.
    public func download(_ request: APIRequest, options: CallOptions = CallOptions()) async throws -> MediaDownload {
        try await withTimeout(options.timeout, operationID: request.operationID) {
            let (response, body) = try await sendForDownload(request, options: options)
            let resumption = DownloadResumption(
                of: request, response: response, options: options, policy: options.retryPolicy ?? retryPolicy,
                client: self)
            return MediaDownload(
                response: response, body: body, operationID: request.operationID, resumption: resumption)
        }
    }

    /// Sends the request of a media download, which takes content of any type.
    func sendForDownload(_ request: APIRequest, options: CallOptions) async throws -> (HTTPResponse, HTTPBody?) {
        try await perform(request, options: options, accept: "*/*")
    }

    /// Runs `body`, failing with `DiscoveryClientError.timedOut` (and cancelling it) when `timeout` passes first.
    func withTimeout<T: Sendable>(
        _ timeout: Duration?, operationID: String, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        guard let timeout else { return try await body() }
        let sleep = sleep
        return try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await sleep(timeout)
                throw DiscoveryClientError.timedOut(operationID: operationID, timeout: timeout)
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    /// Sends the request through the middlewares and the transport; throws `GoogleAPIError` unless it succeeded.
    private func perform(
        _ request: APIRequest, options: CallOptions, accept: String = "application/json"
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let (httpRequest, httpBody) = try makeHTTPRequest(request, options: options, accept: accept)
        return try await send(
            httpRequest, body: httpBody, baseURL: baseURL, operationID: request.operationID,
            retryPolicy: options.retryPolicy ?? retryPolicy, options: options)
    }

    /// Sends an HTTP request through the retry middleware (unless `retryPolicy` allows one attempt only), the
    /// middlewares and the transport. Throws `GoogleAPIError` unless the status is 2xx or one that
    /// `alsoAccepted` allows (uploads accept 308), `TransportError` when no response came, `AuthorizationError` when
    /// no access token could be had, and `CancellationError`
    /// whatever the transport's way of saying so.
    func send(
        _ httpRequest: HTTPRequest, body httpBody: HTTPBody?, baseURL: URL, operationID: String,
        retryPolicy policy: RetryPolicy, options: CallOptions, alsoAccepted: Set<Int> = []
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let response: HTTPResponse
        let body: HTTPBody?
        do {
            let retry = policy.maximumAttempts > 1 ? [retryMiddleware(policy)] : []
            (response, body) = try await middlewareChain(retry + middlewares, operationID: operationID)(
                httpRequest, httpBody, baseURL)
        } catch let error as GoogleAPIError {
            throw error
        } catch let error as DiscoveryClientError {
            throw error
        } catch let error as TransportError {
            throw error
        } catch let error as AuthorizationError {
            throw error
        } catch {
            // Each transport says "cancelled" its own way; callers catch one error for it.
            if Task.isCancelled || TransportFailure(error) == .cancelled {
                throw CancellationError()
            }
            throw TransportError(operationID: operationID, underlying: error)
        }
        guard response.status.kind == .successful || alsoAccepted.contains(response.status.code) else {
            // An error body can be anything a proxy sends: its start is enough, and the status is never lost.
            let (data, isTruncated) = try await Self.collectPrefix(of: body, upTo: Self.maximumErrorBodyBytes)
            throw GoogleAPIError(
                httpStatus: response.status.code,
                body: data,
                isTruncated: isTruncated,
                operationID: operationID,
                headerFields: response.headerFields
            )
        }
        options.onResponse?(response)
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

    /// The HTTP request of `request`: its path, its query and the standard one, the standard header fields, and
    /// its JSON body, or `content` (an upload's) in its place.
    func makeHTTPRequest(
        _ request: APIRequest, options: CallOptions, accept: String, extraQuery: QueryItems = QueryItems(),
        content: (body: HTTPBody, contentType: String)? = nil
    ) throws -> (HTTPRequest, HTTPBody?) {
        var query = request.query
        query.append(contentsOf: extraQuery)
        query.append("$.xgafv", "2")  // Errors in the google.rpc.Status format.
        query.append("prettyPrint", false)
        query.append("fields", options.fields)
        query.append("quotaUser", options.quotaUser)

        var headerFields = HTTPFields()
        headerFields[.accept] = accept
        headerFields[.userAgent] = service.userAgent
        headerFields[.googleAPIClient] = service.apiClientHeader
        if let apiVersion = request.apiVersion { headerFields[.googleAPIVersion] = apiVersion }
        headerFields.append(contentsOf: options.headerFields)
        if let ifNoneMatch = options.ifNoneMatch { headerFields[.ifNoneMatch] = ifNoneMatch }
        if let ifMatch = options.ifMatch { headerFields[.ifMatch] = ifMatch }

        var body: HTTPBody?
        if let content {
            body = content.body
            headerFields[.contentType] = content.contentType
        } else if let requestBody = request.body {
            // Generated types are written straight to bytes; anything else goes through JSONEncoder, with sorted keys.
            body = HTTPBody(try JSONCoding.encode(requestBody))
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
        _ middlewares: [any ClientMiddleware], operationID: String
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
