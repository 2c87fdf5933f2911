import DataPortability
import DiscoveryRuntime
import Foundation
import Testing

/// What each method returns for a successful response.
@Suite struct ResponseTests {
    @Test func portabilityArchiveState() async throws {
        let (client, _) = makeClient(
            body: """
                {"name": "archiveJobs/job-1/portabilityArchiveState", "state": "COMPLETE",
                 "urls": ["https://storage.googleapis.com/a?sig=1", "https://storage.googleapis.com/b?sig=2"],
                 "startTime": "2026-07-01T00:00:00+02:00", "exportTime": "2026-07-20T10:11:12.123456789Z"}
                """)
        let state = try await client.archiveJobs.getPortabilityArchiveState(
            name: "archiveJobs/job-1/portabilityArchiveState")
        #expect(state.name == "archiveJobs/job-1/portabilityArchiveState")
        #expect(state.state == .complete)
        #expect(state.urls == ["https://storage.googleapis.com/a?sig=1", "https://storage.googleapis.com/b?sig=2"])
        #expect(state.startTime?.date == (try utcDate(2026, 6, 30, 22, 0, 0)))
        let exportTime = try #require(state.exportTime)
        #expect(exportTime == Timestamp(try utcDate(2026, 7, 20, 10, 11, 12)) + .nanoseconds(123_456_789))
        #expect(exportTime.description == "2026-07-20T10:11:12.123456789Z", "nanoseconds are kept")
    }

    @Test func initiateResponse() async throws {
        let (client, _) = makeClient(body: #"{"archiveJobId": "job-1", "accessType": "ACCESS_TYPE_ONE_TIME"}"#)
        let response = try await client.portabilityArchive.initiate(.init(resources: ["myactivity.youtube"]))
        #expect(response == InitiatePortabilityArchiveResponse(accessType: .oneTime, archiveJobId: "job-1"))
    }

    @Test func unknownEnumValueIsKeptAndReEncoded() async throws {
        let json = #"{"accessType":"ACCESS_TYPE_FOREVER","archiveJobId":"job-1"}"#
        let (client, _) = makeClient(body: json)
        let response = try await client.portabilityArchive.initiate(.init())
        #expect(response.accessType?.rawValue == "ACCESS_TYPE_FOREVER")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(response), as: UTF8.self) == json)
    }

    @Test func unknownStateIsKept() async throws {
        let (client, _) = makeClient(body: #"{"state": "PAUSED"}"#)
        let state = try await client.archiveJobs.getPortabilityArchiveState(
            name: "archiveJobs/1/portabilityArchiveState")
        #expect(state.state?.rawValue == "PAUSED")
        #expect(state.state?.rawValue == "PAUSED")
    }

    @Test(arguments: ["{}", "", nil] as [String?])
    func resetAcceptsAnEmptyResponse(body: String?) async throws {
        let (client, transport) = makeClient(body: body)
        #expect(try await client.authorization.reset() == Empty())
        #expect(try await transport.onlyCall().operationID == "dataportability.authorization.reset")
    }

    @Test func checkAccessTypeResponse() async throws {
        let (client, _) = makeClient(
            body: """
                {"oneTimeResources": ["myactivity.youtube"], "timeBasedResources": ["myactivity.maps", "myactivity.search"]}
                """)
        let response = try await client.accessType.check()
        #expect(response.oneTimeResources == ["myactivity.youtube"])
        #expect(response.timeBasedResources == ["myactivity.maps", "myactivity.search"])
    }

    @Test func retryAndCancelResponses() async throws {
        let (client, _) = makeClient(body: #"{"archiveJobId": "job-2"}"#)
        #expect(try await client.archiveJobs.retry(name: "archiveJobs/job-1").archiveJobId == "job-2")
        #expect(try await client.archiveJobs.cancel(name: "archiveJobs/job-1") == CancelPortabilityArchiveResponse())
    }

    @Test func malformedTimestampIsUndecodable() async throws {
        let (client, _) = makeClient(body: #"{"exportTime": "yesterday"}"#)
        let error = await #expect(throws: DiscoveryClientError.self) {
            try await client.archiveJobs.getPortabilityArchiveState(name: "archiveJobs/1/portabilityArchiveState")
        }
        guard case .undecodableResponse(let operationID, let httpStatus, _)? = error else {
            Issue.record("expected undecodableResponse, got \(String(describing: error))")
            return
        }
        #expect(operationID == "dataportability.archiveJobs.getPortabilityArchiveState")
        #expect(httpStatus == 200)
    }
}
