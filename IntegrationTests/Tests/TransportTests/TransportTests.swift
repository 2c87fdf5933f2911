import DataPortability
import DiscoveryRuntime
import FakeGoogleAPIs
import Foundation
import LocalServer
import Logging
import NIOConcurrencyHelpers
import Testing

/// The generated Data Portability client and the runtime over real HTTP, once through each transport.
@Suite struct TransportTests {
    @Test(arguments: Transport.allCases)
    func requestsAreExactOnTheWire(_ transport: Transport) async throws {
        let api = FakeDataPortability(
            token: testToken, pollsUntilComplete: 0, archiveURLs: ["https://storage.example/a.zip"])
        try await withLocalServer({ api.reply(to: $0) }) { server in
            let client = makeClient(transport, server: server)
            let job = try await client.portabilityArchive.initiate(
                InitiatePortabilityArchiveRequest(resources: ["myactivity.youtube", "myactivity.maps"]))
            let id = try #require(job.archiveJobId)
            let state = try await client.archiveJobs.getPortabilityArchiveState(
                name: "archiveJobs/\(id)/portabilityArchiveState",
                options: CallOptions(fields: "state,urls", quotaUser: "user 1"))
            _ = try await client.authorization.reset()

            #expect(state.state == .complete)
            #expect(state.urls == ["https://storage.example/a.zip"])
            let requests = server.requests
            #expect(requests.map(\.method) == ["POST", "GET", "POST"])
            #expect(requests[0].path == "/v1/portabilityArchive:initiate")
            let sent = try JSONSerialization.jsonObject(with: requests[0].body) as? [String: [String]]
            #expect(sent == ["resources": ["myactivity.youtube", "myactivity.maps"]])
            #expect(requests[0].header("Content-Type")?.hasPrefix("application/json") == true)
            #expect(requests[1].path == "/v1/archiveJobs/job-1/portabilityArchiveState")
            #expect(
                requests[1].query == [
                    "$.xgafv": "2", "prettyPrint": "false", "fields": "state,urls", "quotaUser": "user 1",
                ])
            #expect(requests[2].path == "/v1/authorization:reset")
            for request in requests {
                #expect(request.header("Authorization") == "Bearer \(testToken)")
                #expect(request.header("x-goog-api-client")?.contains("gdcl/0.1.0") == true)
                #expect(request.header("User-Agent")?.contains("swift-discovery-generator") == true)
            }
        }
    }

    @Test(arguments: Transport.allCases)
    func aGetIsRetriedAfterUnavailableAndADroppedConnection(_ transport: Transport) async throws {
        try await withLocalServer({ request in
            switch request.number {
            // A dropped first connection: URLSession retries a dropped reused connection by itself.
            case 0: .dropConnection
            case 1: FakeDataPortability.error(503, "UNAVAILABLE", "Try again.").adding(("Retry-After", "0"))
            default: stateReply("COMPLETE")
            }
        }) { server in
            let counter = AttemptCounter()
            let client = makeClient(transport, server: server, middlewares: [counter])
            let state = try await client.archiveJobs.getPortabilityArchiveState(
                name: "archiveJobs/1/portabilityArchiveState")
            #expect(state.state == .complete)
            #expect(counter.attempts == 3)
            #expect(server.requests.count == 3)
        }
    }

    @Test(arguments: Transport.allCases)
    func aPostIsNeverSentTwice(_ transport: Transport) async throws {
        try await withLocalServer({ request in
            request.number == 0 ? .dropConnection : FakeDataPortability.error(503, "UNAVAILABLE", "Try again.")
        }) { server in
            let client = makeClient(transport, server: server)
            let dropped = await thrownError { _ = try await client.authorization.reset() }
            #expect((dropped as? TransportError)?.operationID == "dataportability.authorization.reset")
            let unavailable = await thrownError { _ = try await client.authorization.reset() }
            #expect((unavailable as? GoogleAPIError)?.httpStatus == 503)
            #expect(server.requests.count == 2)
        }
    }

    @Test(arguments: Transport.allCases)
    func aRefusedConnectionIsRetriedThenReported(_ transport: Transport) async throws {
        let closedURL = try await withLocalServer({ _ in .text(200, "") }) { $0.baseURL }
        let counter = AttemptCounter()
        // AsyncHTTPClient tries to connect again by itself until its timeout, then reports the last failure.
        let client = DataPortabilityClient(
            serverURL: closedURL, transport: transport.make(timeout: .milliseconds(100)), middlewares: [counter],
            retryPolicy: RetryPolicy(maximumAttempts: 3, initialDelay: .zero))
        let error = await thrownError {
            _ = try await client.archiveJobs.getPortabilityArchiveState(name: "archiveJobs/1/portabilityArchiveState")
        }
        let transportError = try #require(error as? TransportError, "\(String(describing: error))")
        #expect(transportError.operationID == "dataportability.archiveJobs.getPortabilityArchiveState")
        #expect(counter.attempts == 3)
    }

    @Test(arguments: Transport.allCases)
    func cancellationEndsAWaitingCallWithCancellationError(_ transport: Transport) async throws {
        try await withLocalServer({ _ in
            try await Task.sleep(for: .seconds(10))
            return stateReply("COMPLETE")
        }) { server in
            let client = makeClient(transport, server: server)
            let call = Task {
                try await client.archiveJobs.getPortabilityArchiveState(name: "archiveJobs/1/portabilityArchiveState")
            }
            for _ in 0..<500 where server.requests.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            #expect(server.requests.count == 1)
            call.cancel()
            let error = await thrownError { _ = try await call.value }
            #expect(error is CancellationError, "\(String(describing: error))")
        }
    }

    @Test(arguments: Transport.allCases)
    func errorsCarryStatusHeadersAndTypedDetails(_ transport: Transport) async throws {
        try await withLocalServer({ request in
            switch request.number {
            case 0:
                FakeDataPortability.error(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", reason: "RATE_LIMIT_EXCEEDED")
                    .adding(("Retry-After", "120"))
            case 1: FakeDataPortability.error(429, "RESOURCE_EXHAUSTED", "One-time access has already been used.")
            default:
                Reply(
                    status: 500,
                    body: .computed(count: 65 * 1024 * 1024 + 1) { Array(repeating: 0x61, count: $0.count) })
            }
        }) { server in
            let client = makeClient(transport, server: server, retryPolicy: .none)
            let request = InitiatePortabilityArchiveRequest(resources: ["myactivity.youtube"])
            let rateLimited = try #require(
                await thrownError { _ = try await client.portabilityArchive.initiate(request) } as? GoogleAPIError)
            #expect(rateLimited.httpStatus == 429)
            #expect(rateLimited.errorInfo?.reason == "RATE_LIMIT_EXCEEDED")
            #expect(rateLimited.headerFields[.init("Retry-After")!] == "120")
            let exhausted = try #require(
                await thrownError { _ = try await client.portabilityArchive.initiate(request) } as? GoogleAPIError)
            #expect(exhausted.status == "RESOURCE_EXHAUSTED")
            #expect(exhausted.errorInfo == nil)
            let huge = try #require(
                await thrownError { _ = try await client.authorization.reset() } as? GoogleAPIError)
            #expect(huge.httpStatus == 500)
        }
    }

    @Test(arguments: Transport.allCases)
    func anEmptyOKBodyForAMessageWithFieldsIsAnError(_ transport: Transport) async throws {
        try await withLocalServer({ _ in .text(200, "") }) { server in
            let client = makeClient(transport, server: server)
            let error = await thrownError {
                _ = try await client.archiveJobs.getPortabilityArchiveState(
                    name: "archiveJobs/1/portabilityArchiveState")
            }
            guard case .undecodableResponse(_, 200, _) = error as? DiscoveryClientError else {
                Issue.record("expected undecodableResponse, got \(String(describing: error))")
                return
            }
        }
    }

    @Test(arguments: Transport.allCases)
    func aRejectedTokenIsRefreshedOnceAndNeverLogged(_ transport: Transport) async throws {
        let api = FakeDataPortability(token: "ya29.fresh-token", pollsUntilComplete: 0)
        try await withLocalServer({ api.reply(to: $0) }) { server in
            let fetches = NIOLockedValueBox(0)
            let tokens = CachingTokenProvider {
                let count = fetches.withLockedValue {
                    $0 += 1; return $0
                }
                return AccessToken(value: count == 1 ? "ya29.stale-token" : "ya29.fresh-token", expiresAt: nil)
            }
            let lines = LogCapture()
            var logger = Logger(label: "test") { _ in lines }
            logger.logLevel = .trace
            let client = DataPortabilityClient(
                serverURL: server.baseURL, transport: transport.make(),
                middlewares: [AccessTokenMiddleware(tokens), LoggingMiddleware(logger: logger)])
            _ = try await client.authorization.reset()

            #expect(fetches.withLockedValue { $0 } == 2)
            #expect(
                server.requests.map { $0.header("Authorization") } == [
                    "Bearer ya29.stale-token", "Bearer ya29.fresh-token",
                ])
            #expect(!lines.text.isEmpty)
            #expect(!lines.text.contains("stale-token") && !lines.text.contains("fresh-token"))
        }
    }
}

extension Reply {
    func adding(_ header: (String, String)) -> Reply {
        var reply = self
        reply.headers.append(header)
        return reply
    }
}

/// Keeps every logged line, metadata included.
final class LogCapture: LogHandler, @unchecked Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var text: String { lines.withLockedValue { $0.joined(separator: "\n") } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.withLockedValue { $0.append("\(event.message) \(event.metadata ?? [:])") }
    }
}
