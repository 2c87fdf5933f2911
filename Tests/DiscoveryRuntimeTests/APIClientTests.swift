import DiscoveryRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime
import TestTransport
import Testing

private let service = ServiceInfo(apiName: "dataportability", apiVersion: "v1", generatorVersion: "1.2.3")

private struct InitiateRequest: Codable, Sendable {
    var resources: [String]
    var callbackURL: String
}

private struct InitiateResponse: Codable, Sendable, Equatable {
    var archiveJobId: String
    var resources: [String]?
}

private struct Empty: Codable, Sendable, Equatable {}

/// Counts the tokens it hands out, to show the provider is asked once per request.
private actor TokenSource {
    private var issued = 0

    func next() -> String {
        issued += 1
        return "token-\(issued)"
    }
}

/// Appends `x-trace: <label>` so that the transport sees the order the middlewares ran in.
private struct TracingMiddleware: ClientMiddleware {
    var label: String

    func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields.append(HTTPField(name: HTTPField.Name("x-trace")!, value: label))
        return try await next(request, body, baseURL)
    }
}

private func initiateRequest() throws -> APIRequest {
    var path = PathBuilder()
    path.appendLiteral("/v1/")
    try path.appendVariable("archiveJobs/job 1", name: "name", template: "archiveJobs/*")
    path.appendLiteral(":retry")
    var query = QueryItems()
    query.append("resources", ["myactivity.maps", "myactivity.search"])
    return APIRequest(
        operationID: "dataportability.portabilityArchive.initiate",
        method: .post,
        path: path,
        query: query,
        body: InitiateRequest(resources: ["myactivity.maps"], callbackURL: "https://example.com/done")
    )
}

private func getRequest() -> APIRequest {
    var path = PathBuilder()
    path.appendLiteral("/v1/archiveJobs/1/portabilityArchiveState")
    return APIRequest(operationID: "dataportability.archiveJobs.getPortabilityArchiveState", method: .get, path: path)
}

@Suite struct APIClientRequestTests {
    @Test func sendsMethodPathQueryHeadersAndBody() async throws {
        let transport = RecordingTransport(responseBody: #"{"archiveJobId": "1"}"#)
        let tokens = TokenSource()
        let client = APIClient(
            serverURL: URL(string: "http://127.0.0.1:8080/mock/")!,
            transport: transport,
            middlewares: [
                AccessTokenMiddleware { await tokens.next() },
                QuotaProjectMiddleware(projectID: "my-project"),
            ],
            service: service
        )
        _ = try await client.send(try initiateRequest(), returning: InitiateResponse.self)

        let call = try await transport.onlyCall()
        #expect(call.operationID == "dataportability.portabilityArchive.initiate")
        #expect(call.baseURL.absoluteString == "http://127.0.0.1:8080/mock")
        #expect(call.request.method == .post)
        #expect(call.request.scheme == nil)
        #expect(call.request.authority == nil)
        #expect(
            call.request.path
                == "/v1/archiveJobs/job%201:retry?resources=myactivity.maps&resources=myactivity.search"
                + "&$.xgafv=2&prettyPrint=false"
        )
        let headers = call.request.headerFields
        #expect(headers[.authorization] == "Bearer token-1")
        #expect(headers[HTTPField.Name("x-goog-user-project")!] == "my-project")
        #expect(headers[.userAgent] == "swift-discovery-generator/1.2.3 dataportability/v1")
        #expect(headers[.contentType] == "application/json")
        #expect(headers[.accept] == "application/json")
        let apiClient = try #require(headers[HTTPField.Name("x-goog-api-client")!])
        #expect(apiClient.wholeMatch(of: /gl-swift\/6\.\d+ gdcl\/1\.2\.3/) != nil, "\(apiClient)")
        let body = try #require(call.body)
        #expect(
            String(decoding: body, as: UTF8.self)
                == #"{"callbackURL":"https://example.com/done","resources":["myactivity.maps"]}"#
        )
    }

    @Test func requestWithoutBodyHasNoContentType() async throws {
        let transport = RecordingTransport()
        let client = APIClient(
            serverURL: URL(string: "https://dataportability.googleapis.com/")!,
            transport: transport,
            service: service
        )
        try await client.send(getRequest())

        let call = try await transport.onlyCall()
        #expect(call.baseURL.absoluteString == "https://dataportability.googleapis.com")
        #expect(call.request.method == .get)
        #expect(call.request.path == "/v1/archiveJobs/1/portabilityArchiveState?$.xgafv=2&prettyPrint=false")
        #expect(call.request.headerFields[.contentType] == nil)
        #expect(call.request.headerFields[.authorization] == nil)
        #expect(call.request.headerFields[.accept] == "application/json")
        #expect(call.body == nil)
    }

    @Test func serverURLWithoutTrailingSlashIsKept() async throws {
        let transport = RecordingTransport()
        let client = APIClient(
            serverURL: URL(string: "http://127.0.0.1:8080/mock")!,
            transport: transport,
            service: service
        )
        try await client.send(getRequest())
        #expect(try await transport.onlyCall().baseURL.absoluteString == "http://127.0.0.1:8080/mock")
    }

    /// Joins base URL and path the way swift-openapi-urlsession's `URLSessionTransport` does.
    @Test func pathSurvivesTheURLSessionTransportJoin() async throws {
        let transport = RecordingTransport()
        let client = APIClient(
            serverURL: URL(string: "http://127.0.0.1:8080/mock/")!,
            transport: transport,
            service: service
        )
        _ = try await client.send(try initiateRequest(), returning: Empty.self)
        let call = try await transport.onlyCall()

        var baseComponents = try #require(URLComponents(string: call.baseURL.absoluteString))
        let requestComponents = try #require(URLComponents(string: call.request.path ?? ""))
        baseComponents.percentEncodedPath += requestComponents.percentEncodedPath
        baseComponents.percentEncodedQuery = requestComponents.percentEncodedQuery
        #expect(
            baseComponents.url?.absoluteString
                == "http://127.0.0.1:8080/mock/v1/archiveJobs/job%201:retry"
                + "?resources=myactivity.maps&resources=myactivity.search&$.xgafv=2&prettyPrint=false"
        )
    }

    @Test func tokenProviderIsAskedForEveryRequest() async throws {
        let transport = RecordingTransport()
        let tokens = TokenSource()
        let client = APIClient(
            serverURL: URL(string: "https://dataportability.googleapis.com/")!,
            transport: transport,
            middlewares: [AccessTokenMiddleware { await tokens.next() }],
            service: service
        )
        try await client.send(getRequest())
        try await client.send(getRequest())
        let authorizations = await transport.calls.map { $0.request.headerFields[.authorization] }
        #expect(authorizations == ["Bearer token-1", "Bearer token-2"])
    }

    @Test func middlewaresRunInOrderFirstOutermost() async throws {
        let transport = RecordingTransport()
        let client = APIClient(
            serverURL: URL(string: "https://dataportability.googleapis.com/")!,
            transport: transport,
            middlewares: [TracingMiddleware(label: "first"), TracingMiddleware(label: "second")],
            service: service
        )
        try await client.send(getRequest())
        let trace = try await transport.onlyCall().request.headerFields[values: HTTPField.Name("x-trace")!]
        #expect(trace == ["first", "second"])
    }
}

@Suite struct APIClientResponseTests {
    private func client(_ transport: RecordingTransport) -> APIClient {
        APIClient(
            serverURL: URL(string: "https://dataportability.googleapis.com/")!, transport: transport, service: service)
    }

    @Test func decodesSuccessfulJSON() async throws {
        let transport = RecordingTransport(responseBody: #"{"archiveJobId": "42", "resources": ["a"], "extra": 1}"#)
        let response = try await client(transport).send(try initiateRequest(), returning: InitiateResponse.self)
        #expect(response == InitiateResponse(archiveJobId: "42", resources: ["a"]))
    }

    @Test(arguments: ["", nil, "\n", " \r\n"] as [String?])
    func emptyBodyDecodesAsEmptyObject(body: String?) async throws {
        let transport = RecordingTransport(status: .noContent, responseBody: body)
        #expect(try await client(transport).send(getRequest(), returning: Empty.self) == Empty())
    }

    @Test func googleErrorKeepsEveryDetail() async throws {
        let transport = RecordingTransport(
            status: .tooManyRequests,
            responseBody: """
                {"error": {"code": 429, "message": "Quota exceeded.", "status": "RESOURCE_EXHAUSTED", "details": [
                  {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED",
                   "domain": "googleapis.com", "metadata": {"quota_limit": "PerMinute"}},
                  {"@type": "type.example.com/future.Detail", "nested": {"list": [1, true, null], "text": "x"}}
                ]}}
                """
        )
        let error = await #expect(throws: GoogleAPIError.self) {
            try await client(transport).send(try initiateRequest(), returning: InitiateResponse.self)
        }
        #expect(error?.body.starts(with: Data(#"{"error": {"code": 429"#.utf8)) == true, "the raw body is kept")
        #expect(
            error.map {
                var copy = $0; copy.body = Data(); return copy
            }
                == GoogleAPIError(
                    httpStatus: 429,
                    code: 429,
                    message: "Quota exceeded.",
                    status: "RESOURCE_EXHAUSTED",
                    details: [
                        [
                            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                            "reason": "RATE_LIMIT_EXCEEDED",
                            "domain": "googleapis.com",
                            "metadata": ["quota_limit": "PerMinute"],
                        ],
                        [
                            "@type": "type.example.com/future.Detail",
                            "nested": ["list": [1, true, nil], "text": "x"],
                        ],
                    ],
                    operationID: "dataportability.portabilityArchive.initiate"
                )
        )
        #expect(
            error?.description
                == "dataportability.portabilityArchive.initiate failed: 429 RESOURCE_EXHAUSTED: Quota exceeded."
        )
    }

    @Test func nonJSONErrorBodyBecomesTheMessage() async throws {
        let html = "<html><body>502 Bad Gateway</body></html>"
        let transport = RecordingTransport(status: .badGateway, responseBody: "\n\(html)\n")
        let error = await #expect(throws: GoogleAPIError.self) { try await client(transport).send(getRequest()) }
        #expect(error?.httpStatus == 502)
        #expect(error?.code == nil)
        #expect(error?.status == nil)
        #expect(error?.message == html)
        #expect(error?.details == [])
        #expect(error?.description == "dataportability.archiveJobs.getPortabilityArchiveState failed: 502: \(html)")
    }

    @Test func longNonJSONErrorBodiesAreCut() async throws {
        let page = String(repeating: "x", count: 5000)
        let transport = RecordingTransport(status: .badGateway, responseBody: page)
        let error = await #expect(throws: GoogleAPIError.self) { try await client(transport).send(getRequest()) }
        #expect(error?.message == String(repeating: "x", count: 1024) + "…")
    }

    @Test func emptyErrorBodyIsReported() async throws {
        let transport = RecordingTransport(status: .notFound, responseBody: nil)
        let error = await #expect(throws: GoogleAPIError.self) { try await client(transport).send(getRequest()) }
        #expect(error?.httpStatus == 404)
        #expect(error?.message == "empty response body")
    }

    @Test func invalidJSONOnSuccessIsUndecodable() async throws {
        let transport = RecordingTransport(responseBody: "{not json")
        let error = await #expect(throws: DiscoveryClientError.self) {
            try await client(transport).send(try initiateRequest(), returning: InitiateResponse.self)
        }
        guard case .undecodableResponse(let operationID, let httpStatus, let reason)? = error else {
            Issue.record("expected undecodableResponse, got \(String(describing: error))")
            return
        }
        #expect(operationID == "dataportability.portabilityArchive.initiate")
        #expect(httpStatus == 200)
        #expect(!reason.isEmpty)
        #expect(
            error?.description.hasPrefix(
                "Could not decode the 200 response of dataportability.portabilityArchive.initiate: ") == true)
    }

    @Test func wrongShapeOnSuccessIsUndecodable() async throws {
        let transport = RecordingTransport(responseBody: #"{"archiveJobId": 7}"#)
        await #expect(throws: DiscoveryClientError.self) {
            try await client(transport).send(try initiateRequest(), returning: InitiateResponse.self)
        }
    }
}

/// Failures a program can act on: statuses and headers kept, typed details, transport errors named.
@Suite struct APIClientFailureTests {
    private func client(_ transport: any ClientTransport) -> APIClient {
        APIClient(
            serverURL: URL(string: "https://dataportability.googleapis.com/")!, transport: transport, service: service)
    }

    private func getRequest() -> APIRequest {
        var path = PathBuilder()
        path.appendLiteral("/v1/archiveJobs/1/portabilityArchiveState")
        return APIRequest(
            operationID: "dataportability.archiveJobs.getPortabilityArchiveState", method: .get, path: path)
    }

    @Test func errorsKeepHeadersAndTypedDetails() async throws {
        let body = #"""
            {"error": {"code": 429, "message": "Quota exceeded.", "status": "RESOURCE_EXHAUSTED", "details": [
              {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED",
               "domain": "googleapis.com", "metadata": {"quota_limit": "ReadsPerMinute"}},
              {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "30s"},
              {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"subject": "project:1"}]},
              {"@type": "type.googleapis.com/google.rpc.BadRequest",
               "fieldViolations": [{"field": "resources[0]", "description": "unknown"}]},
              {"@type": "type.googleapis.com/google.rpc.Help", "links": [{"url": "https://example.com/quota"}]},
              {"@type": "type.googleapis.com/example.Unknown", "x": 1}]}}
            """#
        let transport = ScriptedTransport([
            .response(status: 429, headers: ["Retry-After": "30", "WWW-Authenticate": "Bearer"], body: body)
        ])
        let error = await #expect(throws: GoogleAPIError.self) { try await client(transport).send(getRequest()) }
        #expect(error?.httpStatus == 429)
        #expect(error?.headerFields[HTTPField.Name("Retry-After")!] == "30")
        #expect(error?.headerFields[.wwwAuthenticate] == "Bearer")
        #expect(error?.errorInfo?.reason == "RATE_LIMIT_EXCEEDED")
        #expect(error?.errorInfo?.metadata == ["quota_limit": "ReadsPerMinute"])
        #expect(error?.retryInfo?.delay == .seconds(30))
        #expect(error?.quotaFailure?.violations?.first?.subject == "project:1")
        #expect(error?.badRequest?.fieldViolations?.first?.field == "resources[0]")
        #expect(error?.help?.links?.first?.url == "https://example.com/quota")
        #expect(error?.preconditionFailure == nil && error?.debugInfo == nil)
        #expect(error?.details.count == 6, "unknown details stay available raw")
    }

    /// Drive, YouTube, Gmail and Calendar give their reasons in `error.errors[]`.
    @Test func theReasonsOfOlderAPIsAndTheRawBodyAreKept() async throws {
        let body = #"""
            {"error": {"code": 403, "message": "The user has exceeded their Drive storage quota",
             "errors": [{"domain": "usageLimits", "reason": "storageQuotaExceeded",
                         "message": "The user has exceeded their Drive storage quota",
                         "location": "q", "locationType": "parameter"}]}}
            """#
        let transport = ScriptedTransport([.response(status: 403, body: body)])
        let error = await #expect(throws: GoogleAPIError.self) { try await client(transport).send(getRequest()) }
        #expect(
            error?.errors == [
                GoogleAPIError.ErrorItem(
                    reason: "storageQuotaExceeded", domain: "usageLimits",
                    message: "The user has exceeded their Drive storage quota", location: "q",
                    locationType: "parameter")
            ])
        #expect(error?.reasons == ["storageQuotaExceeded"])
        #expect(error?.body == Data(body.utf8))
    }

    /// The app's token provider failed: "sign in again", never "no response from Google".
    @Test func aFailingTokenProviderIsAnAuthorizationError() async throws {
        struct RevokedGrant: Error { var code = "invalid_grant" }
        let transport = ScriptedTransport([.response(status: 200)])
        let client = APIClient(
            serverURL: URL(string: "https://dataportability.googleapis.com/")!, transport: transport,
            middlewares: [AccessTokenMiddleware(tokenProvider: { throw RevokedGrant() })], service: service)
        let error = await #expect(throws: AuthorizationError.self) { try await client.send(getRequest()) }
        #expect(error?.operationID == "dataportability.archiveJobs.getPortabilityArchiveState")
        #expect((error?.underlying as? RevokedGrant)?.code == "invalid_grant")
        #expect(error?.isTransient == false)
        #expect(await transport.calls.isEmpty, "nothing is sent, and nothing retried")

        let unreachable = APIClient(
            serverURL: URL(string: "https://dataportability.googleapis.com/")!, transport: transport,
            middlewares: [AccessTokenMiddleware(tokenProvider: { throw URLError(.cannotConnectToHost) })],
            service: service)
        let transient = await #expect(throws: AuthorizationError.self) { try await unreachable.send(getRequest()) }
        #expect(transient?.isTransient == true, "the token endpoint could not be reached: try later")

        let cancelled = APIClient(
            serverURL: URL(string: "https://dataportability.googleapis.com/")!, transport: transport,
            middlewares: [AccessTokenMiddleware(tokenProvider: { throw CancellationError() })], service: service)
        await #expect(throws: CancellationError.self) { try await cancelled.send(getRequest()) }
    }

    /// Regression: an error body over the response cap lost the status (`TooManyBytesError`).
    @Test func aHugeErrorBodyKeepsTheStatus() async throws {
        let huge = String(repeating: "x", count: 3 * 1024 * 1024)
        let transport = ScriptedTransport([.response(status: 500, body: huge)])
        let error = await #expect(throws: GoogleAPIError.self) { try await client(transport).send(getRequest()) }
        #expect(error?.httpStatus == 500)
        #expect(error?.message == String(repeating: "x", count: 1024) + "…")
    }

    /// Entity tags, as Go's `IfNoneMatch` and GTLR's `If-Match`: a current copy is a 304 that says so, a change
    /// that another writer got to first a 412; neither is retried.
    @Test func conditionalRequestsSendTheirEntityTagsAndAreNotRetried() async throws {
        let retrying = { (transport: ScriptedTransport) in
            APIClient(
                serverURL: URL(string: "https://dataportability.googleapis.com/")!, transport: transport,
                service: service, retryPolicy: .default, clock: TestClock(), jitter: { $0 })
        }
        let notModified = ScriptedTransport([.response(status: 304, body: nil)])
        let current = await #expect(throws: GoogleAPIError.self) {
            try await retrying(notModified).send(getRequest(), options: CallOptions(ifNoneMatch: #""v1""#))
        }
        #expect(current?.isNotModified == true)
        #expect(
            current?.description
                == "dataportability.archiveJobs.getPortabilityArchiveState failed: 304: not modified: the resource "
                + "still has the entity tag sent")
        let sent = try #require(await notModified.calls.first).request
        #expect(sent.headerFields[.ifNoneMatch] == #""v1""#)
        #expect(sent.headerFields[.ifMatch] == nil)
        #expect(await notModified.calls.count == 1)

        let changed = ScriptedTransport([
            .response(status: 412, body: #"{"error": {"code": 412, "message": "Precondition Failed"}}"#)
        ])
        var path = PathBuilder()
        path.appendLiteral("/v1/files/f")
        let update = APIRequest(operationID: "example.files.update", method: .put, path: path)
        let conflict = await #expect(throws: GoogleAPIError.self) {
            try await retrying(changed).send(update, options: CallOptions(ifMatch: #""v1""#))
        }
        #expect(conflict?.httpStatus == 412)
        #expect(conflict?.isNotModified == false)
        #expect(try #require(await changed.calls.first).request.headerFields[.ifMatch] == #""v1""#)
        #expect(await changed.calls.count == 1)
    }

    @Test func transportFailuresNameTheOperationAndCancellationIsCancellationError() async throws {
        let failing = ScriptedTransport([.failure(URLError(.notConnectedToInternet))])
        let error = await #expect(throws: TransportError.self) { try await client(failing).send(getRequest()) }
        #expect(error?.operationID == "dataportability.archiveJobs.getPortabilityArchiveState")
        #expect((error?.underlying as? URLError)?.code == .notConnectedToInternet)

        let cancelled = ScriptedTransport([.failure(URLError(.cancelled))])
        await #expect(throws: CancellationError.self) { try await client(cancelled).send(getRequest()) }
    }

    /// Regression: a blank 200 for a message with fields decoded as a value with every field nil.
    @Test func aBlankOKBodyIsAnErrorForAMessageWithFields() async throws {
        struct Job: Decodable, Sendable { var name: String? }
        let blank = ScriptedTransport([.response(status: 200, body: "")])
        let error = await #expect(throws: DiscoveryClientError.self) {
            _ = try await client(blank).send(getRequest(), returning: Job.self)
        }
        #expect(error?.description.contains("the response body is empty") == true)

        let empty = ScriptedTransport([.response(status: 200, body: nil)])
        #expect(try await client(empty).send(getRequest(), returning: Empty.self) == Empty())
        let noContent = ScriptedTransport([.response(status: 204, body: nil)])
        #expect(try await client(noContent).send(getRequest(), returning: Job.self).name == nil)
    }
}
