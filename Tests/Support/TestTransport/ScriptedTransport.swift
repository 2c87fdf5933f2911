import Foundation
import HTTPTypes
import OpenAPIRuntime

/// A `ClientTransport` that answers each call with the next of a list of outcomes, and records the calls.
public actor ScriptedTransport: ClientTransport {
    /// One answer: a response, or a failure that means no response arrived.
    public enum Outcome: Sendable {
        case response(status: Int, headers: [String: String] = [:], body: String? = "{}")
        case failure(any Error)
    }

    public private(set) var calls: [RecordingTransport.Call] = []
    private var outcomes: [Outcome]

    public init(_ outcomes: [Outcome]) {
        self.outcomes = outcomes
    }

    public func send(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String
    ) async throws -> (HTTPResponse, HTTPBody?) {
        calls.append(try await .init(request: request, body: body, baseURL: baseURL, operationID: operationID))
        guard !outcomes.isEmpty else { return (HTTPResponse(status: .internalServerError), nil) }
        switch outcomes.removeFirst() {
        case .response(let status, let headers, let body):
            var fields = HTTPFields()
            for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
            return (HTTPResponse(status: .init(code: status), headerFields: fields), body.map { HTTPBody($0) })
        case .failure(let error):
            throw error
        }
    }
}

/// A clock whose sleeps return at once and move its time forward, recording each wait.
public final class TestClock: Clock, @unchecked Sendable {
    public struct Instant: InstantProtocol {
        public var offset: Duration
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var waits: [Duration] = []

    public init() {}

    public var now: Instant { lock.withLock { current } }
    public var minimumResolution: Duration { .nanoseconds(1) }
    /// Every wait so far, in order.
    public var sleeps: [Duration] { lock.withLock { waits } }

    /// Moves time forward, as a slow request would.
    public func advance(by duration: Duration) {
        lock.withLock { current = current.advanced(by: duration) }
    }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        lock.withLock {
            waits.append(current.duration(to: deadline))
            if current < deadline { current = deadline }
        }
    }
}
