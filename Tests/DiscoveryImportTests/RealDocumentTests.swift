import DiscoveryCodegen
import DiscoveryImport
import DiscoverySpec
import Foundation
import Testing

/// Every saved Data Portability revision is imported, generated and type-checked here. Of the large
/// documents, drive and youtube are imported and generated here; `scripts/typecheck-real-apis.sh` does
/// all of them, with type-checking.
@Suite struct RealDocumentTests {
    @Test(arguments: dataPortabilityRevisions + [dataPortabilityBeta])
    func dataPortabilityRevisionImportsGeneratesAndTypeChecks(_ document: String) throws {
        let (result, spec) = try importReal(document)
        #expect(
            result.warnings.map(\.message) == [
                "batch requests ('batchPath') are not supported by the generated client and are left out"
            ])
        #expect(spec.module == "DataPortability")
        let files = try ModuleGenerator.generate(spec)
        try SwiftTypeChecker.typeCheck(files, module: spec.module)
    }

    @Test func theTypeCheckerReportsErrors() {
        #expect(throws: SwiftTypeChecker.Failure.self) {
            try SwiftTypeChecker.typeCheck(
                sources: [("Bad.swift", "import DiscoveryRuntime\nlet count: Int = \"three\"\n")], module: "Bad")
        }
    }

    @Test func kitchenSinkGeneratesSwiftThatTypeChecks() throws {
        let spec = try SpecLoader.load(importJSON(KitchenSink.document).yaml, file: "spec.yaml").spec
        try SwiftTypeChecker.typeCheck(ModuleGenerator.generate(spec), module: spec.module)
    }

    /// import → generate gives the same Swift as the checked-in spec, which is itself the importer's output.
    @Test func currentRevisionRoundTripsToTheCheckedInClient() throws {
        let (result, spec) = try importReal(
            "dataportability-v1.json", discoveryURL: "https://dataportability.googleapis.com/$discovery/rest?version=v1"
        )
        let files = try ModuleGenerator.generate(spec)
        for file in files {
            let checkedIn = try String(
                contentsOf: packageRoot.appendingPathComponent("Generated/DataPortability/\(file.name)"),
                encoding: .utf8)
            #expect(file.contents == checkedIn, "Generated/DataPortability/\(file.name) differs")
        }
        let checkedInSpec = try String(
            contentsOf: packageRoot.appendingPathComponent("spec/dataportability.yaml"), encoding: .utf8)
        #expect(result.yaml == checkedInSpec, "spec/dataportability.yaml is not what `import` writes")
    }

    @Test func theHistoryHasTheDocumentedScopeAndMethodCounts() throws {
        let expected: [(document: String, scopes: Int, methods: Int)] = [
            ("history/dataportability-v1.20240308.json", 36, 4),
            ("history/dataportability-v1.20240319.json", 65, 4),
            ("history/dataportability-v1.20240410.json", 63, 4),
            ("history/dataportability-v1.20240828.json", 65, 4),
            ("history/dataportability-v1.20250305.json", 66, 6),
            ("history/dataportability-v1.20250715.json", 66, 6),
            ("dataportability-v1.json", 73, 6),
        ]
        for (document, scopes, methods) in expected {
            let spec = try importReal(document).spec
            #expect(spec.scopes.count == scopes, "\(document)")
            #expect(spec.allMethods.count == methods, "\(document)")
            #expect(spec.allMethods.allSatisfy { $0.scopes == nil }, "every method allows every scope")
        }
    }

    /// Drive and YouTube are imported and generated here; they are type-checked, with compute and aiplatform,
    /// by the script.
    @Test(arguments: [
        "drive-v3.json", "youtube-v3.json", "history/drive-v3.20220508.json", "history/youtube-v3.20220612.json",
    ])
    func largeDocumentImportsAndGenerates(_ document: String) throws {
        let (_, spec) = try importReal(document)
        #expect(!spec.allMethods.isEmpty)
        _ = try ModuleGenerator.generate(spec)
    }
}
