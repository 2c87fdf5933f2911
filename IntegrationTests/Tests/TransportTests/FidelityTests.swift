import DiscoveryRuntime
import Foundation
import LocalServer
import Samples
import Testing

/// What Google sends comes back unchanged, what it says in an error is readable, and a failed sign-in is not a
/// network failure: through each transport, against a local server.
@Suite struct FidelityTests {
    private static let file = #"""
        {"id": "f1", "description": "old", "modifiedTime": "2024-05-01T12:00:00.123456789Z",
         "imageMediaMetadata": {"aperture": "NaN", "location": {"altitude": "-Infinity"}}}
        """#

    @Test(arguments: Transport.allCases)
    func aReadModifyWriteSendsBackWhatCameAndClearsWithNull(_ transport: Transport) async throws {
        try await withLocalServer({ _ in .json(Self.file) }) { server in
            let client = SamplesClient(serverURL: server.baseURL, transport: transport.make())
            var file = try await client.files.get(fileId: "f1")
            #expect(file.modifiedTime?.description == "2024-05-01T12:00:00.123456789Z")
            #expect(file.imageMediaMetadata?.aperture?.isNaN == true)
            #expect(file.imageMediaMetadata?.location?.altitude == -.infinity)
            file.sendNull(for: \.description)
            _ = try await client.files.update(fileId: "f1", file)
            let sent = try #require(server.requests.last)
            #expect(sent.method == "PATCH")
            #expect(
                sent.bodyText
                    == #"{"description":null,"id":"f1","imageMediaMetadata":{"aperture":"NaN","location":{"altitude":"-Infinity"}},"modifiedTime":"2024-05-01T12:00:00.123456789Z"}"#
            )
        }
    }

    @Test(arguments: Transport.allCases)
    func driveRateLimitReasonsAreRetriedAndOtherReasonsReadable(_ transport: Transport) async throws {
        let rateLimited =
            #"{"error": {"code": 403, "message": "Rate limited.", "errors": [{"domain": "usageLimits", "reason": "userRateLimitExceeded", "message": "Rate limited."}]}}"#
        let quota =
            #"{"error": {"code": 403, "message": "Quota.", "errors": [{"domain": "usageLimits", "reason": "storageQuotaExceeded", "message": "Quota."}]}}"#
        try await withLocalServer({ request in
            switch request.number {
            case 0, 1: .json(rateLimited, status: 403)
            case 2: .json(Self.file)
            default: .json(quota, status: 403)
            }
        }) { server in
            let client = SamplesClient(
                serverURL: server.baseURL, transport: transport.make(), retryPolicy: RetryPolicy(initialDelay: .zero))
            let file = try await client.files.get(fileId: "f1")
            #expect(file.id == "f1")
            #expect(server.requests.count == 3)
            let error = await #expect(throws: GoogleAPIError.self) { try await client.files.get(fileId: "f1") }
            #expect(error?.reasons == ["storageQuotaExceeded"])
            #expect(error?.errors.first?.domain == "usageLimits")
            #expect(error.map { String(decoding: $0.body, as: UTF8.self) } == quota)
            #expect(server.requests.count == 4, "storageQuotaExceeded is final")
        }
    }

    @Test(arguments: Transport.allCases)
    func aRevokedGrantIsAnAuthorizationErrorAndNothingIsSent(_ transport: Transport) async throws {
        struct InvalidGrant: Error {}
        try await withLocalServer({ _ in .json(Self.file) }) { server in
            let client = SamplesClient(
                serverURL: server.baseURL, transport: transport.make(),
                middlewares: [AccessTokenMiddleware(tokenProvider: { throw InvalidGrant() })])
            let error = await #expect(throws: AuthorizationError.self) { try await client.files.get(fileId: "f1") }
            #expect(error?.underlying is InvalidGrant)
            #expect(error?.isTransient == false)
            #expect(server.requests.isEmpty)
        }
    }
}
