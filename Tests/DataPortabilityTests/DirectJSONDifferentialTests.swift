import DataPortability
import DiscoveryRuntime
import Foundation
import JSONDifferential
import Testing

/// The client's direct JSON reader and writer (`JSONCoding`) against `JSONDecoder` and `JSONEncoder`, on the generated
/// Data Portability types: documents made from full values, then mutated at random, must decode to equal values (or
/// fail both ways), and those values must encode to the same bytes.
@Suite struct DataPortabilityJSONDifferentialTests {
    @Test func directAndFoundationAgreeOnMutatedDocuments() {
        var differential = JSONDifferential(seed: 7)
        differential.check(
            PortabilityArchiveState.self,
            seed: PortabilityArchiveState(
                exportTime: Timestamp(seconds: 1_780_000_000, nanoseconds: 123_456_789), name: "archiveJobs/1",
                startTime: Timestamp(seconds: 0), state: .complete, urls: ["https://storage.googleapis.com/a?x=1"]),
            mutations: 800)
        differential.check(
            InitiatePortabilityArchiveRequest.self,
            seed: InitiatePortabilityArchiveRequest(
                endTime: Timestamp(seconds: 1_700_000_000), resources: ["myactivity.youtube"],
                startTime: Timestamp(seconds: 1_600_000_000, nanoseconds: 1000)),
            mutations: 600)
        differential.check(
            InitiatePortabilityArchiveResponse.self,
            seed: InitiatePortabilityArchiveResponse(accessType: .oneTime, archiveJobId: "job-1"), mutations: 400)
        differential.check(
            CheckAccessTypeResponse.self,
            seed: CheckAccessTypeResponse(oneTimeResources: ["a"], timeBasedResources: ["b", "c"]), mutations: 400)
        differential.check(
            RetryPortabilityArchiveResponse.self, seed: RetryPortabilityArchiveResponse(archiveJobId: "j"),
            mutations: 200)
        differential.check(Empty.self, seed: Empty(), mutations: 200)
        #expect(differential.disagreements.isEmpty, "\(differential.disagreements.prefix(5).joined(separator: "\n"))")
        #expect(differential.decodedBothWays > 800, "too few documents decoded: \(differential.decodedBothWays)")
        #expect(differential.failedBothWays > 800, "too few documents refused: \(differential.failedBothWays)")
    }

    /// The client reads responses directly: a body that is not JSON is `undecodableResponse`, and the reason says
    /// where the problem is.
    @Test func malformedResponseNamesWhereItIsMalformed() async throws {
        let (client, _) = makeClient(body: "{\"archiveJobId\": \"job-1\",\n \"accessType\": ONE_TIME}")
        let error = await #expect(throws: DiscoveryClientError.self) {
            try await client.portabilityArchive.initiate(.init(resources: ["myactivity.youtube"]))
        }
        guard case .undecodableResponse(_, let httpStatus, let reason)? = error else {
            Issue.record("expected undecodableResponse, got \(String(describing: error))")
            return
        }
        #expect(httpStatus == 200)
        #expect(reason.contains("Expected a string, found 'O' at line 2, column 16 (byte offset 41)."), "\(reason)")
    }

    /// Request bodies are written directly, byte for byte as JSONEncoder with sorted keys wrote them.
    @Test func requestBodiesAreTheBytesJSONEncoderWrites() throws {
        var request = InitiatePortabilityArchiveRequest(
            endTime: Timestamp(seconds: 1_700_000_000, nanoseconds: 1), resources: ["a/b", "\u{E9}\"\n"])
        request.sendNull(for: \.startTime)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(try JSONCoding.encode(request) == (try encoder.encode(request)))
        #expect(JSONCoding.isDirect(InitiatePortabilityArchiveRequest.self))
    }
}
