import DataPortability
import Foundation
import HTTPTypes
import OpenAPIRuntime
import TestTransport
import Testing

@testable import DiscoveryRuntime

let testToken = "ya29.test-token"

/// A client authorized with `testToken`, whose transport answers every request with `status` and `body`.
func makeClient(
    status: HTTPResponse.Status = .ok,
    body: String? = "{}",
    serverURL: URL = DataPortabilityClient.defaultServerURL
) -> (DataPortabilityClient, RecordingTransport) {
    let transport = RecordingTransport(status: status, responseBody: body)
    let client = DataPortabilityClient(
        serverURL: serverURL,
        transport: transport,
        middlewares: [AccessTokenMiddleware { testToken }]
    )
    return (client, transport)
}

/// Every header field as `name: value`, sorted, so that a missing, extra or repeated field shows; the random ID of
/// a call that may be retried reads `ID`.
func headerLines(_ request: HTTPRequest) -> [String] {
    request.headerFields.map { "\($0.name.canonicalName): \($0.value)" }.sorted()
        .map { $0.replacing(/gccl-invocation-id\/[0-9a-f-]{36}/, with: "gccl-invocation-id/ID") }
}

/// What every call sends; one that the retry policy may send again (an idempotent one) also says which attempt it
/// is.
func expectedHeaderLines(hasBody: Bool, mayBeRetried: Bool) -> [String] {
    let attempt = mayBeRetried ? " gccl-invocation-id/ID gccl-attempt-count/1" : ""
    var lines = [
        "accept: application/json",
        "authorization: Bearer \(testToken)",
        "user-agent: swift-discovery-generator/0.1.0 dataportability/v1",
        "x-goog-api-client: gl-swift/\(swiftLanguageVersion) gdcl/0.1.0\(attempt)",
    ]
    if hasBody { lines.append("content-type: application/json") }
    return lines.sorted()
}

/// Checks everything the transport received for one call.
func expectCall(
    _ call: RecordingTransport.Call,
    method: HTTPRequest.Method,
    path: String,
    operationID: String,
    body: String?,
    baseURL: String = "https://dataportability.googleapis.com",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(call.request.method == method, sourceLocation: sourceLocation)
    #expect(call.request.scheme == nil, sourceLocation: sourceLocation)
    #expect(call.request.authority == nil, sourceLocation: sourceLocation)
    #expect(call.request.path == path + "?$.xgafv=2&prettyPrint=false", sourceLocation: sourceLocation)
    #expect(call.baseURL.absoluteString == baseURL, sourceLocation: sourceLocation)
    #expect(call.operationID == operationID, sourceLocation: sourceLocation)
    #expect(
        headerLines(call.request)
            == expectedHeaderLines(hasBody: body != nil, mayBeRetried: [.get, .put, .delete].contains(method)),
        sourceLocation: sourceLocation)
    #expect(call.body.map { String(decoding: $0, as: UTF8.self) } == body, sourceLocation: sourceLocation)
}

/// A UTC date from its parts, computed without the code under test.
func utcDate(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) throws -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
    let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    return try #require(calendar.date(from: components))
}
