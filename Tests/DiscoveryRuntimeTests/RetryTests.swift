import Foundation
import HTTPTypes
import OpenAPIRuntime
import TestTransport
import Testing

@testable import DiscoveryRuntime

/// The retry middleware, on a scripted transport and a test clock: no test sleeps.
@Suite struct RetryTests {
    private let clock = TestClock()

    /// A middleware whose jitter always picks the ceiling, so that waits are predictable.
    private func middleware(_ policy: RetryPolicy = .default) -> RetryMiddleware {
        RetryMiddleware(policy: policy, clock: clock, jitter: { $0 })
    }

    private func send(
        _ method: HTTPRequest.Method = .get,
        body: HTTPBody? = nil,
        through transport: ScriptedTransport,
        policy: RetryPolicy = .default
    ) async throws -> HTTPResponse {
        let request = HTTPRequest(method: method, scheme: nil, authority: nil, path: "/v1/things")
        let (response, _) = try await middleware(policy).intercept(
            request, body: body, baseURL: URL(string: "https://example.googleapis.com")!, operationID: "things.get"
        ) { request, body, baseURL in
            try await transport.send(request, body: body, baseURL: baseURL, operationID: "things.get")
        }
        return response
    }

    @Test func retriesRetryableStatusesWithExponentialBackoff() async throws {
        let transport = ScriptedTransport([
            .response(status: 503), .response(status: 429), .response(status: 500), .response(status: 200),
        ])
        #expect(try await send(through: transport).status == .ok)
        #expect(await transport.calls.count == 4)
        #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(4)])
    }

    /// As Google's Go client: every attempt of one call carries the call's ID and its number in
    /// `x-goog-api-client`, after what the client put there; another call has another ID; a call that cannot be
    /// retried carries neither.
    @Test func attemptsSayWhichCallTheyBelongToAndTheirNumber() async throws {
        let transport = ScriptedTransport([.response(status: 503), .response(status: 200), .response(status: 200)])
        _ = try await send(through: transport)
        _ = try await send(through: transport)
        let values = await transport.calls.map { $0.request.headerFields[.googleAPIClient] ?? "" }
        let marks = values.compactMap {
            $0.wholeMatch(of: /gccl-invocation-id\/([0-9a-f-]{36}) gccl-attempt-count\/(\d)/)
        }
        #expect(marks.map { String($0.2) } == ["1", "2", "1"], "\(values)")
        #expect(marks.count == 3 && marks[0].1 == marks[1].1 && marks[1].1 != marks[2].1)

        let posted = ScriptedTransport([.response(status: 200)])
        _ = try await send(.post, through: posted)
        #expect(await posted.calls.first?.request.headerFields[.googleAPIClient] == nil)

        var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/v1/things")
        request.headerFields[.googleAPIClient] = "gl-swift/6.3 gdcl/0.1.0"
        let marked = RetryMiddleware.marking(request, invocationID: "abc", attempt: 3)
        #expect(
            marked.headerFields[.googleAPIClient]
                == "gl-swift/6.3 gdcl/0.1.0 gccl-invocation-id/abc gccl-attempt-count/3")
    }

    @Test func stopsAfterTheLastAttemptAndReturnsItsResponse() async throws {
        let transport = ScriptedTransport(Array(repeating: .response(status: 502), count: 10))
        #expect(try await send(through: transport).status.code == 502)
        #expect(await transport.calls.count == 5)
        #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(4), .seconds(8)])
    }

    @Test func doesNotRetryOtherStatusesOrPostUnlessAllowed() async throws {
        let notFound = ScriptedTransport([.response(status: 404), .response(status: 200)])
        #expect(try await send(through: notFound).status == .notFound)
        let post = ScriptedTransport([.response(status: 503), .response(status: 200)])
        #expect(try await send(.post, through: post).status == .serviceUnavailable)
        #expect(await post.calls.count == 1, "a POST that may have been applied is never sent twice")

        let allowed = ScriptedTransport([.response(status: 503), .response(status: 200)])
        var policy = RetryPolicy.default
        policy.retriesNonIdempotentRequests = true
        #expect(try await send(.post, body: HTTPBody("{\"a\":1}"), through: allowed, policy: policy).status == .ok)
        let bodies = await allowed.calls.map { $0.body.map { String(decoding: $0, as: UTF8.self) } }
        #expect(bodies == ["{\"a\":1}", "{\"a\":1}"], "the body is sent again, whole")
    }

    @Test func honoursRetryAfterAndRetryInfo() async throws {
        let retryInfo = #"""
            {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [
              {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "3.5s"}]}}
            """#
        let transport = ScriptedTransport([
            .response(status: 503, headers: ["Retry-After": "7"]), .response(status: 429, body: retryInfo),
            .response(status: 503, headers: ["Retry-After": "3600"]), .response(status: 200),
        ])
        #expect(try await send(through: transport, policy: RetryPolicy(deadline: nil)).status == .ok)
        #expect(clock.sleeps == [.seconds(7), .milliseconds(3500), .seconds(32)], "Retry-After is capped")
        #expect(
            RetryMiddleware.retryAfterDelay(
                "Wed, 21 Oct 2026 07:28:30 GMT", now: Date(timeIntervalSince1970: 1_792_567_680)) == .seconds(30))
    }

    @Test func retriesTransportFailuresThatMeanNoResponse() async throws {
        let transport = ScriptedTransport([
            .failure(URLError(.networkConnectionLost)), .failure(POSIXError(.ECONNRESET)), .response(status: 200),
        ])
        #expect(try await send(through: transport).status == .ok)
        let other = ScriptedTransport([.failure(URLError(.badURL)), .response(status: 200)])
        await #expect(throws: URLError.self) { try await send(through: other) }
        #expect(await other.calls.count == 1)
    }

    @Test func theDeadlineEndsRetries() async throws {
        let transport = ScriptedTransport(Array(repeating: .response(status: 503), count: 10))
        let policy = RetryPolicy(maximumAttempts: 10, deadline: .seconds(10))
        #expect(try await send(through: transport, policy: policy).status.code == 503)
        #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(4)], "1 + 2 + 4 s; 8 s more would pass 10 s")
    }

    @Test func cancellationStopsTheWaitAtOnce() async throws {
        let transport = ScriptedTransport([.response(status: 503), .response(status: 200)])
        let task = Task { try await send(through: transport) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func streamedBodiesAreSentOnce() async throws {
        let transport = ScriptedTransport([.response(status: 503), .response(status: 200)])
        let stream = HTTPBody(
            AsyncStream<HTTPBody.ByteChunk> { $0.finish() }, length: .unknown, iterationBehavior: .single)
        #expect(try await send(.put, body: stream, through: transport).status.code == 503)
    }
}

/// `CallOptions.timeout` ends a call that takes too long, measured on the client's clock.
@Suite struct CallTimeoutTests {
    /// Never answers: it waits until its task is cancelled.
    private struct SilentTransport: ClientTransport {
        func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws
            -> (HTTPResponse, HTTPBody?)
        {
            try await Task.sleep(for: .seconds(3600))
            return (HTTPResponse(status: .ok), nil)
        }
    }

    @Test func aCallThatTakesTooLongTimesOut() async throws {
        let client = APIClient(
            serverURL: URL(string: "https://example.googleapis.com/")!, transport: SilentTransport(),
            service: ServiceInfo(apiName: "example", apiVersion: "v1", generatorVersion: "1.0.0"),
            clock: TestClock(), jitter: { $0 })
        var path = PathBuilder()
        path.appendLiteral("/v1/things")
        let request = APIRequest(operationID: "example.things.get", method: .get, path: path)
        let error = await #expect(throws: DiscoveryClientError.self) {
            try await client.send(request, options: CallOptions(timeout: .seconds(5)))
        }
        #expect(error == .timedOut(operationID: "example.things.get", timeout: .seconds(5)))
    }
}

/// The 403s of Google's older APIs whose reason says "slow down" are retried, as Drive's guide asks.
@Suite struct RateLimitReasonTests {
    private let clock = TestClock()

    private static func forbidden(reason: String) -> ScriptedTransport.Outcome {
        .response(
            status: 403,
            body: #"{"error": {"code": 403, "message": "Slow down.", "errors": [{"domain": "usageLimits", "reason": ""#
                + reason + #"", "message": "Slow down."}]}}"#)
    }

    private func send(
        _ method: HTTPRequest.Method = .get, through transport: ScriptedTransport, policy: RetryPolicy = .default
    ) async throws -> HTTPResponse {
        let request = HTTPRequest(method: method, scheme: nil, authority: nil, path: "/drive/v3/files")
        let (response, _) = try await RetryMiddleware(policy: policy, clock: clock, jitter: { $0 }).intercept(
            request, body: nil, baseURL: URL(string: "https://www.googleapis.com")!, operationID: "drive.files.list"
        ) { request, body, baseURL in
            try await transport.send(request, body: body, baseURL: baseURL, operationID: "drive.files.list")
        }
        return response
    }

    @Test(arguments: ["userRateLimitExceeded", "rateLimitExceeded"])
    func rateLimitReasonsAreRetriedWithBackoff(reason: String) async throws {
        let transport = ScriptedTransport([
            Self.forbidden(reason: reason), Self.forbidden(reason: reason), .response(status: 200),
        ])
        #expect(try await send(through: transport).status == .ok)
        #expect(clock.sleeps == [.seconds(1), .seconds(2)])
    }

    @Test func otherReasonsAndPostAreFinalAndTheBodyStillReadable() async throws {
        let quota = ScriptedTransport([Self.forbidden(reason: "storageQuotaExceeded"), .response(status: 200)])
        #expect(try await send(through: quota).status == .forbidden)
        #expect(await quota.calls.count == 1)
        let post = ScriptedTransport([Self.forbidden(reason: "userRateLimitExceeded"), .response(status: 200)])
        #expect(try await send(.post, through: post).status == .forbidden)
        #expect(await post.calls.count == 1, "a POST is not sent twice")
    }

    @Test func thePolicyDecidesWhichReasons() async throws {
        var policy = RetryPolicy.default
        policy.retryableReasons = []
        let none = ScriptedTransport([Self.forbidden(reason: "userRateLimitExceeded"), .response(status: 200)])
        #expect(try await send(through: none, policy: policy).status == .forbidden)
        policy.retryableReasons = ["dailyLimitExceeded"]
        let daily = ScriptedTransport([Self.forbidden(reason: "dailyLimitExceeded"), .response(status: 200)])
        #expect(try await send(through: daily, policy: policy).status == .ok)
    }
}
