import DiscoveryRuntime
import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime
import TestTransport
import Testing

/// The logging middleware logs every call, and never a credential.
@Suite struct LoggingTests {
    /// Keeps every line it is given, with its metadata rendered as text.
    private final class CapturingHandler: LogHandler, @unchecked Sendable {
        private let lock = NSLock()
        private var captured: [String] = []
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        var lines: [String] { lock.withLock { captured } }

        func log(event: LogEvent) {
            let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            lock.withLock { captured.append("\(event.level) \(event.message) " + fields.joined(separator: " ")) }
        }
    }

    @Test func logsEachCallWithoutSecrets() async throws {
        let handler = CapturingHandler()
        let logger = Logger(label: "test") { _ in handler }
        let transport = ScriptedTransport([
            .response(
                status: 200, headers: ["Set-Cookie": "session=s3cr3t"],
                body: #"{"access_token": "ya29.response-token", "name": "job"}"#)
        ])
        var request = HTTPRequest(
            method: .post, scheme: nil, authority: nil, path: "/v1/things?key=AIzaSECRET&pageSize=5")
        request.headerFields[.authorization] = "Bearer ya29.request-token"
        request.headerFields[.cookie] = "sid=cookie-secret"
        _ = try await LoggingMiddleware(logger: logger).intercept(
            request, body: HTTPBody(#"{"refresh_token": "1//refresh-secret", "resources": ["a"]}"#),
            baseURL: URL(string: "https://example.googleapis.com")!, operationID: "things.create"
        ) { request, body, baseURL in
            try await transport.send(request, body: body, baseURL: baseURL, operationID: "things.create")
        }
        let line = try #require(handler.lines.first)
        #expect(handler.lines.count == 1)
        #expect(line.hasPrefix("info things.create 200 "))
        #expect(line.contains("path=/v1/things?key=<redacted>&pageSize=5"))
        #expect(line.contains(#"request.body={"refresh_token":"<redacted>","resources":["a"]}"#))
        #expect(line.contains(#"response.body={"access_token":"<redacted>","name":"job"}"#))
        for secret in ["AIzaSECRET", "ya29", "cookie-secret", "s3cr3t", "refresh-secret"] {
            #expect(!line.contains(secret), "\(secret) leaked")
        }
    }

    @Test func withoutTraceNoHeadersOrBodiesAreLogged() async throws {
        let handler = CapturingHandler()
        handler.logLevel = .info
        let logger = Logger(label: "test") { _ in handler }
        let transport = ScriptedTransport([.failure(URLError(.timedOut))])
        let request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/v1/things")
        await #expect(throws: URLError.self) {
            _ = try await LoggingMiddleware(logger: logger).intercept(
                request, body: nil, baseURL: URL(string: "https://example.googleapis.com")!, operationID: "things.get"
            ) { request, body, baseURL in
                try await transport.send(request, body: body, baseURL: baseURL, operationID: "things.get")
            }
        }
        let line = try #require(handler.lines.first)
        #expect(line.hasPrefix("info things.get failed "))
        #expect(line.contains("error=URLError") && !line.contains("headers"))
    }
}
