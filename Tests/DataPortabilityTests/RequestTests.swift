import DataPortability
import DiscoveryRuntime
import Foundation
import Testing

/// The exact HTTP request each method sends.
@Suite struct RequestTests {
    @Test func authorizationReset() async throws {
        let (client, transport) = makeClient()
        _ = try await client.authorization.reset()
        expectCall(
            try await transport.onlyCall(), method: .post, path: "/v1/authorization:reset",
            operationID: "dataportability.authorization.reset", body: "{}")
    }

    @Test func portabilityArchiveInitiate() async throws {
        let (client, transport) = makeClient(body: #"{"archiveJobId": "job-1"}"#)
        let request = InitiatePortabilityArchiveRequest(
            endTime: Timestamp(try utcDate(2024, 6, 30, 23, 59, 59)),
            resources: ["myactivity.youtube", "myactivity.maps"],
            startTime: Timestamp(try utcDate(2024, 1, 2, 3, 4, 5)) + .milliseconds(678)
        )
        _ = try await client.portabilityArchive.initiate(request)
        expectCall(
            try await transport.onlyCall(), method: .post, path: "/v1/portabilityArchive:initiate",
            operationID: "dataportability.portabilityArchive.initiate",
            body: #"{"endTime":"2024-06-30T23:59:59Z","resources":["myactivity.youtube","myactivity.maps"],"#
                + #""startTime":"2024-01-02T03:04:05.678Z"}"#)
    }

    @Test func initiateOmitsNilFields() async throws {
        let (client, transport) = makeClient()
        _ = try await client.portabilityArchive.initiate(.init(resources: ["myactivity.youtube", "myactivity.maps"]))
        let call = try await transport.onlyCall()
        #expect(
            call.body.map { String(decoding: $0, as: UTF8.self) }
                == #"{"resources":["myactivity.youtube","myactivity.maps"]}"#)
    }

    @Test func accessTypeCheck() async throws {
        let (client, transport) = makeClient()
        _ = try await client.accessType.check()
        expectCall(
            try await transport.onlyCall(), method: .post, path: "/v1/accessType:check",
            operationID: "dataportability.accessType.check", body: "{}")
    }

    @Test func archiveJobsGetPortabilityArchiveState() async throws {
        let (client, transport) = makeClient()
        _ = try await client.archiveJobs.getPortabilityArchiveState(name: "archiveJobs/job-1/portabilityArchiveState")
        expectCall(
            try await transport.onlyCall(), method: .get, path: "/v1/archiveJobs/job-1/portabilityArchiveState",
            operationID: "dataportability.archiveJobs.getPortabilityArchiveState", body: nil)
    }

    @Test func archiveJobsRetry() async throws {
        let (client, transport) = makeClient()
        _ = try await client.archiveJobs.retry(name: "archiveJobs/job-1")
        expectCall(
            try await transport.onlyCall(), method: .post, path: "/v1/archiveJobs/job-1:retry",
            operationID: "dataportability.archiveJobs.retry", body: "{}")
    }

    @Test func archiveJobsCancel() async throws {
        let (client, transport) = makeClient()
        _ = try await client.archiveJobs.cancel(name: "archiveJobs/job-1")
        expectCall(
            try await transport.onlyCall(), method: .post, path: "/v1/archiveJobs/job-1:cancel",
            operationID: "dataportability.archiveJobs.cancel", body: "{}")
    }

    @Test func customServerURLWithPathPrefixReachesTheTransport() async throws {
        let (client, transport) = makeClient(serverURL: try #require(URL(string: "http://127.0.0.1:8080/mock/")))
        _ = try await client.archiveJobs.cancel(name: "archiveJobs/7")
        expectCall(
            try await transport.onlyCall(), method: .post, path: "/v1/archiveJobs/7:cancel",
            operationID: "dataportability.archiveJobs.cancel", body: "{}", baseURL: "http://127.0.0.1:8080/mock")
    }

    @Test func defaultServerURL() {
        #expect(DataPortabilityClient.defaultServerURL.absoluteString == "https://dataportability.googleapis.com/")
    }
}
