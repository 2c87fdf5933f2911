import FakeGoogleAPIs
import Foundation
import LocalServer
import ReadmeExample
import Testing

/// The README's Data Portability example, run against the fake Data Portability server: it must finish (it
/// handles every error itself) in each situation the API puts an app in.
@Suite struct ReadmeExampleTests {
    @Test func itExportsThenResets() async throws {
        let api = FakeDataPortability(
            token: ReadmeExampleHarness.token, pollsUntilComplete: 2, archiveURLs: ["https://storage.example/1.zip"])
        try await withLocalServer({ api.reply(to: $0) }) { server in
            await ReadmeExampleHarness.$serverURL.withValue(server.baseURL) { await runReadmeExample() }
            #expect(
                server.requests.map { "\($0.method) \($0.path)" } == [
                    "POST /v1/portabilityArchive:initiate",
                    "GET /v1/archiveJobs/job-1/portabilityArchiveState",
                    "GET /v1/archiveJobs/job-1/portabilityArchiveState",
                    "GET /v1/archiveJobs/job-1/portabilityArchiveState",
                    "POST /v1/authorization:reset",
                ])
            #expect(api.resetCount == 1)
        }
    }

    @Test func itStopsWhenOneTimeAccessWasUsed() async throws {
        let api = FakeDataPortability(token: ReadmeExampleHarness.token, pollsUntilComplete: 0)
        try await withLocalServer({ api.reply(to: $0) }) { server in
            await ReadmeExampleHarness.$serverURL.withValue(server.baseURL) { await runReadmeExample() }
            await ReadmeExampleHarness.$serverURL.withValue(server.baseURL) { await runReadmeExample() }
            #expect(server.requests.count == 4)  // initiate, poll, reset; then one refused initiate
            #expect(api.resetCount == 1)
        }
    }

    @Test func itStopsWhenRateLimitedOrTheJobFails() async throws {
        try await withLocalServer({ _ in
            FakeDataPortability.error(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", reason: "RATE_LIMIT_EXCEEDED")
        }) { server in
            await ReadmeExampleHarness.$serverURL.withValue(server.baseURL) { await runReadmeExample() }
            #expect(server.requests.count == 1)
        }
        let api = FakeDataPortability(token: ReadmeExampleHarness.token, pollsUntilComplete: 0, failsFirstJob: true)
        try await withLocalServer({ api.reply(to: $0) }) { server in
            await ReadmeExampleHarness.$serverURL.withValue(server.baseURL) { await runReadmeExample() }
            #expect(server.requests.count == 2)
            #expect(api.resetCount == 0)
        }
    }

    @Test func itStopsWhenNoServerAnswers() async throws {
        let closedURL = try await withLocalServer({ _ in .text(200, "") }) { $0.baseURL }
        await ReadmeExampleHarness.$serverURL.withValue(closedURL) { await runReadmeExample() }
    }
}
