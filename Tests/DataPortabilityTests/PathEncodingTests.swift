import DataPortability
import DiscoveryRuntime
import Testing

/// Path parameters are encoded through the client, and values that do not fit their template are refused.
@Suite struct PathEncodingTests {
    @Test(arguments: [
        ("archiveJobs/a b/portabilityArchiveState", "/v1/archiveJobs/a%20b/portabilityArchiveState"),
        ("archiveJobs/a?b=c/portabilityArchiveState", "/v1/archiveJobs/a%3Fb=c/portabilityArchiveState"),
        ("archiveJobs/a#frag/portabilityArchiveState", "/v1/archiveJobs/a%23frag/portabilityArchiveState"),
        ("archiveJobs/100%/portabilityArchiveState", "/v1/archiveJobs/100%25/portabilityArchiveState"),
        ("archiveJobs/café/portabilityArchiveState", "/v1/archiveJobs/caf%C3%A9/portabilityArchiveState"),
        ("archiveJobs/a-b_c.d~e/portabilityArchiveState", "/v1/archiveJobs/a-b_c.d~e/portabilityArchiveState"),
    ])
    func getStateEncodesTheName(name: String, path: String) async throws {
        let (client, transport) = makeClient()
        _ = try await client.archiveJobs.getPortabilityArchiveState(name: name)
        #expect(try await transport.onlyCall().request.path == path + "?$.xgafv=2&prettyPrint=false")
    }

    @Test(arguments: [
        ("archiveJobs/1:cancel", "/v1/archiveJobs/1%3Acancel:retry"),
        ("archiveJobs/é?#%+&", "/v1/archiveJobs/%C3%A9%3F%23%25+&:retry"),
    ])
    func retryEncodesTheName(name: String, path: String) async throws {
        let (client, transport) = makeClient()
        _ = try await client.archiveJobs.retry(name: name)
        #expect(try await transport.onlyCall().request.path == path + "?$.xgafv=2&prettyPrint=false")
    }

    @Test(arguments: [
        "other/1/portabilityArchiveState",
        "archiveJobs/../portabilityArchiveState",
        "archiveJobs/./portabilityArchiveState",
        "archiveJobs//portabilityArchiveState",
        "archiveJobs/1",
        "archiveJobs/1/portabilityArchiveState/x",
        "archiveJobs/1/other",
        "/archiveJobs/1/portabilityArchiveState",
    ])
    func getStateRefusesNamesOutsideTheTemplate(name: String) async throws {
        let (client, transport) = makeClient()
        let error = await #expect(throws: DiscoveryClientError.self) {
            try await client.archiveJobs.getPortabilityArchiveState(name: name)
        }
        #expect(
            error
                == .invalidPathParameter(name: "name", value: name, template: "archiveJobs/*/portabilityArchiveState"))
        #expect(await transport.calls.isEmpty)
    }

    @Test(arguments: ["archiveJobs/1/x", "archiveJobs/", "archiveJobs/..", "archiveJobs", "other/1", "archiveJobs/1/"])
    func retryAndCancelRefuseNamesOutsideTheTemplate(name: String) async throws {
        let (client, transport) = makeClient()
        let expected = DiscoveryClientError.invalidPathParameter(name: "name", value: name, template: "archiveJobs/*")
        #expect(
            await #expect(throws: DiscoveryClientError.self) { try await client.archiveJobs.retry(name: name) }
                == expected)
        #expect(
            await #expect(throws: DiscoveryClientError.self) { try await client.archiveJobs.cancel(name: name) }
                == expected)
        #expect(await transport.calls.isEmpty)
    }
}
