import Foundation
import LocalServer
import Samples
import Testing

/// Paths that need more than letters and single-segment wildcards reach the server exactly as Google documents
/// them, through each transport: what URLSession and AsyncHTTPClient do to `@`, `$` and `(…)` is part of the test.
@Suite struct PathTests {
    private func sentPaths(
        _ transport: Transport, _ calls: @escaping (SamplesClient) async throws -> Void
    ) async throws -> [String] {
        try await withLocalServer({ _ in .json(#"{"id": "x"}"#) }) { server in
            try await calls(SamplesClient(serverURL: server.baseURL, transport: transport.make()))
            return server.requests.map(\.path)
        }
    }

    @Test(arguments: Transport.allCases)
    func tasksListOfTheSignedInUser(_ transport: Transport) async throws {
        let paths = try await sentPaths(transport) { client in
            _ = try await client.tasklists.get(tasklist: "MTIzNDU2Nzg5")
            _ = try await client.tasklists.get(tasklist: "a/b@c")
        }
        #expect(paths == ["/tasks/v1/users/@me/lists/MTIzNDU2Nzg5", "/tasks/v1/users/@me/lists/a%2Fb%40c"])
    }

    @Test(arguments: Transport.allCases)
    func firestoreDocumentsUnderAnyDocument(_ transport: Transport) async throws {
        let paths = try await sentPaths(transport) { client in
            _ = try await client.documents.list(
                parent: "projects/p/databases/(default)/documents/a/b", collectionId: "c")
            _ = try await client.documents.list(parent: "projects/p/databases/(default)/documents", collectionId: "c")
        }
        #expect(
            paths == [
                "/v1/projects/p/databases/(default)/documents/a/b/c",
                "/v1/projects/p/databases/(default)/documents/c",
            ])
    }

    @Test(arguments: Transport.allCases)
    func healthcareOperationWithDollarAndAPIVersion(_ transport: Transport) async throws {
        try await withLocalServer({ _ in .json(#"{"id": "x"}"#) }) { server in
            let client = SamplesClient(serverURL: server.baseURL, transport: transport.make())
            let patient = "projects/p/locations/l/datasets/d/fhirStores/s/fhir/Patient/42"
            _ = try await client.patients.everything(name: patient)
            #expect(server.requests.map(\.path) == ["/v1/\(patient)/$everything"])
            #expect(server.requests.first?.header("x-goog-api-version") == "2026-10-01-preview")
            _ = try await client.tasklists.get(tasklist: "t")
            #expect(server.requests.last?.header("x-goog-api-version") == nil)
        }
    }

    @Test func valuesThatDoNotFitTheTemplateAreRejectedBeforeSending() async throws {
        let paths = try await sentPaths(.urlSession) { client in
            for parent in [
                "projects/p/databases/d", "projects/p/databases/d/documents/../x", "other/p/databases/d/documents",
            ] {
                await #expect(throws: (any Error).self) {
                    _ = try await client.documents.list(parent: parent, collectionId: "c")
                }
            }
        }
        #expect(paths.isEmpty)
    }
}
