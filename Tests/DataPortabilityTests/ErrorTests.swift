import DataPortability
import DiscoveryRuntime
import Foundation
import HTTPTypes
import TestTransport
import Testing

/// Error responses become `GoogleAPIError`s.
@Suite struct ErrorTests {
    @Test func resourceExhaustedKeepsEveryDetail() async throws {
        let (client, _) = makeClient(
            status: .tooManyRequests,
            body: """
                {"error": {"code": 429, "message": "Only one archive per one-time grant.", "status": "RESOURCE_EXHAUSTED",
                  "details": [
                    {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RESOURCE_EXHAUSTED",
                     "domain": "dataportability.googleapis.com", "metadata": {"resource": "myactivity.youtube"}},
                    {"@type": "type.googleapis.com/google.rpc.FutureDetail", "hint": {"retry": false, "after": [1, null]}}
                  ]}}
                """)
        let error = await #expect(throws: GoogleAPIError.self) {
            try await client.portabilityArchive.initiate(.init(resources: ["myactivity.youtube"]))
        }
        let expected = GoogleAPIError(
            httpStatus: 429,
            code: 429,
            message: "Only one archive per one-time grant.",
            status: "RESOURCE_EXHAUSTED",
            details: [
                [
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "RESOURCE_EXHAUSTED",
                    "domain": "dataportability.googleapis.com",
                    "metadata": ["resource": "myactivity.youtube"],
                ],
                [
                    "@type": "type.googleapis.com/google.rpc.FutureDetail",
                    "hint": ["retry": false, "after": [1, nil]],
                ],
            ],
            operationID: "dataportability.portabilityArchive.initiate"
        )
        #expect(error?.withoutBody == expected)
        #expect(error?.body.isEmpty == false, "the body is kept as it came")
    }

    @Test func failedPrecondition() async throws {
        let (client, _) = makeClient(
            status: .preconditionFailed,
            body: """
                {"error": {"code": 412, "message": "Wait 24 hours between archives.", "status": "FAILED_PRECONDITION"}}
                """)
        let error = await #expect(throws: GoogleAPIError.self) {
            try await client.portabilityArchive.initiate(.init(resources: ["myactivity.maps"]))
        }
        #expect(
            error?.withoutBody
                == GoogleAPIError(
                    httpStatus: 412, code: 412, message: "Wait 24 hours between archives.",
                    status: "FAILED_PRECONDITION", operationID: "dataportability.portabilityArchive.initiate"))
        #expect(
            error?.description
                == "dataportability.portabilityArchive.initiate failed: 412 FAILED_PRECONDITION: Wait 24 hours between archives."
        )
    }

    @Test func nonJSONBadGateway() async throws {
        let html = "<html><body>502 Bad Gateway</body></html>"
        let (client, _) = makeClient(status: .badGateway, body: "\(html)\n")
        let error = await #expect(throws: GoogleAPIError.self) {
            try await client.archiveJobs.retry(name: "archiveJobs/1")
        }
        #expect(
            error?.withoutBody
                == GoogleAPIError(httpStatus: 502, message: html, operationID: "dataportability.archiveJobs.retry"))
        #expect(error?.body == Data("\(html)\n".utf8))
    }

    @Test func emptyErrorBody() async throws {
        let (client, _) = makeClient(status: .serviceUnavailable, body: nil)
        let error = await #expect(throws: GoogleAPIError.self) { try await client.authorization.reset() }
        #expect(error?.httpStatus == 503)
        #expect(error?.message == "empty response body")
        #expect(error?.operationID == "dataportability.authorization.reset")
    }
}

/// Retries are on by default in the generated client; `retryPolicy` tunes them or turns them off.
@Suite struct ClientRetryTests {
    private let stateName = "archiveJobs/1/portabilityArchiveState"

    @Test func idempotentCallsAreRetriedAndThePolicyCanBeChanged() async throws {
        let transport = ScriptedTransport([
            .response(status: 503), .response(status: 200, body: #"{"name": "n", "state": "COMPLETE"}"#),
        ])
        // A zero initial delay keeps the test from waiting; the default policy is exercised by RetryTests.
        let client = DataPortabilityClient(transport: transport, retryPolicy: RetryPolicy(initialDelay: .zero))
        #expect(try await client.archiveJobs.getPortabilityArchiveState(name: stateName).state == .complete)
        #expect(await transport.calls.count == 2)

        let once = ScriptedTransport([.response(status: 503), .response(status: 200)])
        let withoutRetries = DataPortabilityClient(transport: once, retryPolicy: .none)
        await #expect(throws: GoogleAPIError.self) {
            try await withoutRetries.archiveJobs.getPortabilityArchiveState(name: stateName)
        }
        #expect(await once.calls.count == 1)
    }
}

/// Every generated method takes `options`: partial responses, quota user, header fields, retries, the response.
@Suite struct CallOptionsTests {
    @Test func optionsReachTheRequestAndTheResponseIsReported() async throws {
        let transport = ScriptedTransport([
            .response(status: 503),
            .response(status: 200, headers: ["ETag": "\"v1\""], body: #"{"state": "COMPLETE"}"#),
        ])
        let client = DataPortabilityClient(transport: transport, retryPolicy: .none)
        let seen = ResponseBox()
        let state = try await client.archiveJobs.getPortabilityArchiveState(
            name: "archiveJobs/1/portabilityArchiveState",
            options: CallOptions(
                headerFields: [HTTPField.Name("X-Goog-Request-Reason")!: "export"], fields: "state,urls",
                quotaUser: "user 7", retryPolicy: RetryPolicy(initialDelay: .zero), onResponse: { seen.set($0) }))
        #expect(state.state == .complete)
        let calls = await transport.calls
        #expect(calls.count == 2, "the per-call retry policy replaces the client's")
        #expect(
            calls[1].request.path
                == "/v1/archiveJobs/1/portabilityArchiveState?$.xgafv=2&prettyPrint=false&fields=state%2Curls&quotaUser=user%207"
        )
        #expect(calls[1].request.headerFields[HTTPField.Name("X-Goog-Request-Reason")!] == "export")
        #expect(seen.response?.status == .ok)
        #expect(seen.response?.headerFields[HTTPField.Name("ETag")!] == "\"v1\"")
    }
}

/// Holds what `onResponse` was given.
private final class ResponseBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: HTTPResponse?
    var response: HTTPResponse? { lock.withLock { stored } }
    func set(_ response: HTTPResponse) { lock.withLock { stored = response } }
}

extension GoogleAPIError {
    /// The error without its raw body, to compare what was read from it.
    var withoutBody: GoogleAPIError {
        var error = self
        error.body = Data()
        return error
    }
}
