import HTTPTypes

/// One call of an API method, as the generated code describes it.
public struct APIRequest: Sendable {
    /// The method's ID, e.g. `dataportability.portabilityArchive.initiate`; middlewares and errors see it.
    let operationID: String
    let method: HTTPRequest.Method
    let path: PathBuilder
    let query: QueryItems
    /// Sent as JSON when present.
    let body: (any Encodable & Sendable)?
    /// Sent as `x-goog-api-version` when present.
    let apiVersion: String?

    /// Describes one call; the generated client builds it and passes it to ``APIClient/send(_:returning:options:)``.
    ///
    /// - Parameters:
    ///   - operationID: The method's ID, e.g. `dataportability.portabilityArchive.initiate`.
    ///   - method: The HTTP method of the method's rule.
    ///   - path: The request path, already built and percent-encoded.
    ///   - query: The query parameters; the client adds `$.xgafv` and `prettyPrint`.
    ///   - body: The request body, encoded as JSON; `nil` sends no body.
    ///   - apiVersion: The version of the API's interface the method asks for (Discovery's `apiVersion`), sent as
    ///     `x-goog-api-version` as Google's own clients do; `nil` sends none.
    public init(
        operationID: String,
        method: HTTPRequest.Method,
        path: PathBuilder,
        query: QueryItems = QueryItems(),
        body: (any Encodable & Sendable)? = nil,
        apiVersion: String? = nil
    ) {
        self.operationID = operationID
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.apiVersion = apiVersion
    }
}
