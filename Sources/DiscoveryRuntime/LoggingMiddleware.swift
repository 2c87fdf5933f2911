import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime

/// Logs each call through swift-log without leaking secrets.
///
/// At `info` (or the level given) one line per attempt: operation, method, path, status, duration. At `trace`,
/// also the request and response headers and the start of JSON bodies. `Authorization`, `Cookie`, `Set-Cookie`
/// and `Proxy-Authorization` headers are never logged, nor the values of `key`, `access_token` and similar query
/// parameters, nor JSON fields named like tokens or secrets.
public struct LoggingMiddleware: ClientMiddleware {
    private let logger: Logger
    private let level: Logger.Level

    /// The most bytes of a body logged at `trace`.
    static let maximumLoggedBodyBytes = 2048

    /// - Parameters:
    ///   - logger: Where the lines go.
    ///   - level: The level of the one line per call.
    public init(logger: Logger, level: Logger.Level = .info) {
        self.logger = logger
        self.level = level
    }

    /// Logs the request's outcome and how long it took, redacted.
    public func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let clock = ContinuousClock()
        let start = clock.now
        var metadata: Logger.Metadata = [
            "operation": "\(operationID)",
            "method": "\(request.method.rawValue)",
            "path": "\(Self.redactedPath(request.path ?? ""))",
        ]
        let traces = logger.logLevel <= .trace
        if traces {
            metadata["request.headers"] = "\(Self.redactedHeaders(request.headerFields))"
            if let body, let text = try await Self.loggedBody(body) { metadata["request.body"] = "\(text)" }
        }
        do {
            var (response, responseBody) = try await next(request, body, baseURL)
            metadata["status"] = "\(response.status.code)"
            metadata["duration"] = "\(start.duration(to: clock.now))"
            if traces {
                metadata["response.headers"] = "\(Self.redactedHeaders(response.headerFields))"
                if let body = responseBody, case .known(let length) = body.length, length <= Self.maximumLoggedBodyBytes
                {
                    let data = try await Data(collecting: body, upTo: Self.maximumLoggedBodyBytes)
                    metadata["response.body"] = "\(Self.redactedJSON(data))"
                    responseBody = HTTPBody(data)
                }
            }
            logger.log(level: level, "\(operationID) \(response.status.code)", metadata: metadata)
            return (response, responseBody)
        } catch {
            metadata["duration"] = "\(start.duration(to: clock.now))"
            metadata["error"] = "\(type(of: error))"
            logger.log(level: level, "\(operationID) failed", metadata: metadata)
            throw error
        }
    }

    static let secretHeaders: Set<HTTPField.Name> = [
        .authorization, .cookie, .setCookie, .proxyAuthorization, HTTPField.Name("x-goog-api-key")!,
    ]

    static func redactedHeaders(_ fields: HTTPFields) -> String {
        fields.map { field in
            "\(field.name.canonicalName): \(secretHeaders.contains(field.name) ? "<redacted>" : field.value)"
        }.joined(separator: ", ")
    }

    /// Query parameters whose values are credentials.
    static let secretParameters: Set<String> = ["key", "access_token", "oauth_token", "token", "client_secret", "code"]

    static func redactedPath(_ path: String) -> String {
        guard let queryStart = path.firstIndex(of: "?") else { return path }
        let query = path[path.index(after: queryStart)...].split(separator: "&", omittingEmptySubsequences: false)
            .map { item in
                let name = item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                return secretParameters.contains(name.lowercased()) ? name + "=<redacted>" : String(item)
            }
        return path[..<queryStart] + "?" + query.joined(separator: "&")
    }

    /// A replayable body's start, redacted; nil for a streamed one, which must not be read twice.
    private static func loggedBody(_ body: HTTPBody) async throws -> String? {
        guard body.iterationBehavior == .multiple, case .known(let length) = body.length,
            length <= maximumLoggedBodyBytes
        else { return nil }
        return redactedJSON(try await Data(collecting: body, upTo: maximumLoggedBodyBytes))
    }

    /// JSON with the values of token-like fields replaced; text that is not JSON is left out.
    static func redactedJSON(_ data: Data) -> String {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return "<\(data.count) bytes>"
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let redacted = (try? encoder.encode(redact(value))) ?? Data()
        return String(decoding: redacted, as: UTF8.self)
    }

    private static func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let fields):
            .object(
                fields.reduce(into: [:]) { result, field in
                    result[field.key] = isSecretField(field.key) ? "<redacted>" : redact(field.value)
                })
        case .array(let items): .array(items.map(redact))
        default: value
        }
    }

    private static func isSecretField(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return ["token", "secret", "password", "private_key", "privatekey", "assertion"].contains {
            lowered.contains($0)
        }
    }
}
