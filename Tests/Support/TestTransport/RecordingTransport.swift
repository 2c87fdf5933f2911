import Foundation
import HTTPTypes
import OpenAPIRuntime

/// A transport for tests: records what it is asked to send and answers with a canned status and body.
public actor RecordingTransport: ClientTransport {
    public struct Call: Sendable {
        public var request: HTTPRequest
        public var body: Data?
        public var baseURL: URL
        public var operationID: String

        /// A call as a transport receives it, with its body read (up to 1 MiB).
        init(request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws {
            self.request = request
            self.body = if let body { try await Data(collecting: body, upTo: 1024 * 1024) } else { nil }
            self.baseURL = baseURL
            self.operationID = operationID
        }
    }

    /// Thrown by `onlyCall()` when the client made no call or several.
    public struct UnexpectedCallCount: Error, CustomStringConvertible {
        public var count: Int
        public var description: String { "expected exactly one call, got \(count)" }
    }

    public private(set) var calls: [Call] = []
    private let status: HTTPResponse.Status
    private let responseBody: String?

    public init(status: HTTPResponse.Status = .ok, responseBody: String? = "{}") {
        self.status = status
        self.responseBody = responseBody
    }

    public func send(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String
    ) async throws -> (HTTPResponse, HTTPBody?) {
        calls.append(try await Call(request: request, body: body, baseURL: baseURL, operationID: operationID))
        return (HTTPResponse(status: status), responseBody.map { HTTPBody($0) })
    }

    /// The only call made.
    public func onlyCall() throws -> Call {
        guard calls.count == 1 else { throw UnexpectedCallCount(count: calls.count) }
        return calls[0]
    }
}
