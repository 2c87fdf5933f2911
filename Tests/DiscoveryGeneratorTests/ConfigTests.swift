import DiscoveryCodegen
import DiscoveryOutput
import DiscoverySpec
import DiscoveryYAML
import Foundation
import Testing

/// `discovery-generator-config.yaml`: access, names, and filtering, with errors that point into the file.
@Suite struct ConfigTests {
    private func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).yaml")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    private var specPath: String { packageRoot.appendingPathComponent("spec/dataportability.yaml").path }

    @Test func unknownKeysAndBadValuesAreErrorsWithALocation() throws {
        let path = try write("acess: public\nfilter:\n  method: [x]\naccess: open\n")
        #expect {
            try GeneratorConfig.load(contentsOfFile: path, displayPath: "config.yaml")
        } throws: { error in
            (error as? DiagnosticsError)?.diagnostics.map(\.description) == [
                "config.yaml:1:1: error: unknown key 'acess' in the config; did you mean 'access'?",
                "config.yaml:3:3: error: unknown key 'method' in 'filter'; did you mean 'methods'?",
                "config.yaml:4:9: error: 'access' must be public, package or internal, found 'open'",
            ]
        }
    }

    /// Regression: `client` was written into Client.swift as code, and `module` could name a folder outside the output.
    @Test func moduleAndClientMustBeIdentifiers() throws {
        let path = try write("module: \"../../escaped\"\nclient: \"C: Sendable {}\\nfunc pwned() {}\\nstruct D\"\n")
        #expect {
            try GeneratorConfig.load(contentsOfFile: path, displayPath: "config.yaml")
        } throws: { error in
            (error as? DiagnosticsError)?.diagnostics.map(\.description) == [
                "config.yaml:1:9: error: 'module' must be a Swift identifier starting with an upper-case letter, found \"../../escaped\"",
                "config.yaml:2:9: error: 'client' must be a Swift identifier starting with an upper-case letter, found \"C: Sendable {}\\nfunc pwned() {}\\nstruct D\"",
            ]
        }
        let reserved = try write("client: Self\n")
        #expect(throws: DiagnosticsError.self) { try GeneratorConfig.load(contentsOfFile: reserved) }
    }

    @Test func accessModuleAndClientNamesApply() throws {
        let config = try GeneratorConfig.load(
            contentsOfFile: write("access: package\nmodule: Portability\nclient: PortabilityAPI\n"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-out-\(UUID().uuidString)")
            .path
        let run = try GenerationRun(
            specPaths: [specPath], destination: .folder(folder), config: config, defaultAccess: .internal)
        let client = try #require(run.files.first { $0.path.hasSuffix("/Client.swift") }?.contents)
        #expect(client.contains("package struct PortabilityAPI: Sendable {"))
        #expect(!client.contains("public "))
        let scopes = try #require(run.files.first { $0.path.hasSuffix("/Scopes.swift") }?.contents)
        #expect(scopes.contains("package struct PortabilityScope:"))
    }

    @Test func theDefaultAccessAppliesWhenTheConfigNamesNone() throws {
        let run = try GenerationRun(
            specPaths: [specPath], destination: .folder("/nonexistent"), defaultAccess: .internal)
        let types = try #require(run.files.first { $0.path.hasSuffix("/Types.swift") }?.contents)
        #expect(types.contains("\ninternal struct PortabilityArchiveState: JSONObject {"))
    }

    @Test func filterKeepsNamedMethodsTheirSchemasAndEveryScope() throws {
        let config = try GeneratorConfig.load(
            contentsOfFile: write("filter:\n  resources: [authorization]\n  methods: [archiveJobs.retry]\n"))
        let spec = try SpecLoader.load(contentsOfFile: specPath).spec
        let filtered = try spec.filtered(by: #require(config.filter))
        #expect(
            filtered.allMethods.map(\.id) == [
                "dataportability.archiveJobs.retry", "dataportability.authorization.reset",
            ])
        #expect(
            filtered.schemas.map(\.name) == [
                "Empty", "ResetAuthorizationRequest", "RetryPortabilityArchiveRequest",
                "RetryPortabilityArchiveResponse",
            ])
        #expect(filtered.scopes.count == 73)
    }

    @Test func filterNamesMustExist() throws {
        let config = try GeneratorConfig.load(
            contentsOfFile: write("filter:\n  methods: [archiveJobs.rety]\n"), displayPath: "config.yaml")
        let spec = try SpecLoader.load(contentsOfFile: specPath, displayPath: "spec/dataportability.yaml").spec
        #expect {
            try spec.filtered(by: #require(config.filter))
        } throws: { error in
            (error as? DiagnosticsError)?.diagnostics.map(\.description)
                == [
                    "config.yaml:2:13: error: the filter names method 'archiveJobs.rety', which spec/dataportability.yaml does not define"
                ]
        }
    }
}
