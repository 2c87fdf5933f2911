import DiscoveryRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Testing

/// A transport that records what it is asked to send and answers with a canned response.
actor RecordingTransport: ClientTransport {
    struct Call: Sendable {
        var request: HTTPRequest
        var body: Data?
        var baseURL: URL
        var operationID: String
    }

    private(set) var calls: [Call] = []
    private let response: HTTPResponse
    private let responseBody: String?

    init(status: HTTPResponse.Status = .ok, responseBody: String? = "{}") {
        self.response = HTTPResponse(status: status)
        self.responseBody = responseBody
    }

    func send(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var bodyData: Data?
        if let body {
            bodyData = try await Data(collecting: body, upTo: 1024 * 1024)
        }
        calls.append(Call(request: request, body: bodyData, baseURL: baseURL, operationID: operationID))
        return (response, responseBody.map { HTTPBody($0) })
    }

    /// The only call made, or a recorded issue.
    func onlyCall(sourceLocation: SourceLocation = #_sourceLocation) throws -> Call {
        try #require(calls.count == 1, "expected exactly one call, got \(calls.count)", sourceLocation: sourceLocation)
        return calls[0]
    }
}

/// JSON the way the client sends it: sorted keys, slashes unescaped.
func encodedJSON(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

func decodedJSON<Value: Decodable>(_ type: Value.Type, from json: String) throws -> Value {
    try JSONDecoder().decode(type, from: Data(json.utf8))
}

/// Checks that `work` throws `DecodingError.dataCorrupted` and returns its context.
@discardableResult
func expectDataCorrupted(
    sourceLocation: SourceLocation = #_sourceLocation,
    _ work: () throws -> Void
) -> DecodingError.Context? {
    let error = #expect(throws: DecodingError.self, sourceLocation: sourceLocation) { try work() }
    guard case .dataCorrupted(let context)? = error else {
        Issue.record("expected dataCorrupted, got \(String(describing: error))", sourceLocation: sourceLocation)
        return nil
    }
    return context
}
