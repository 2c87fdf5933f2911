import DiscoveryImport
import DiscoverySpec
import DiscoveryYAML
import Foundation
import Testing

/// The package root, found from this file so that the tests do not depend on the working directory.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The saved real Discovery documents, with their provenance in the folder's README.
let discoveryFolder = packageRoot.appendingPathComponent("Tests/Fixtures/discovery")

/// A real Discovery document, by its path under `discoveryFolder`.
func realDocument(_ relativePath: String) -> URL {
    discoveryFolder.appendingPathComponent(relativePath)
}

/// Every saved Data Portability revision, oldest first, v1beta last.
let dataPortabilityRevisions = [
    "history/dataportability-v1.20240308.json",
    "history/dataportability-v1.20240319.json",
    "history/dataportability-v1.20240410.json",
    "history/dataportability-v1.20240828.json",
    "history/dataportability-v1.20250305.json",
    "history/dataportability-v1.20250715.json",
    "dataportability-v1.json",
]
let dataPortabilityBeta = "history/dataportability-v1beta.20240221.json"

/// Imports a real document and loads the spec it writes.
func importReal(
    _ relativePath: String, discoveryURL: String? = nil
) throws -> (result: DiscoveryImporter.Result, spec: APISpec) {
    let url = realDocument(relativePath)
    try #require(FileManager.default.fileExists(atPath: url.path), "missing \(url.path)")
    let result = try DiscoveryImporter.importDocument(
        contentsOfFile: url.path, displayPath: relativePath, discoveryURL: discoveryURL)
    return (result, try SpecLoader.load(result.yaml, file: "spec.yaml").spec)
}

/// Imports a Discovery document given as JSON text.
func importJSON(_ json: String) throws(DiagnosticsError) -> DiscoveryImporter.Result {
    try DiscoveryImporter.importDocument(json, file: "doc.json")
}

/// The messages of the diagnostics, as `line:column: severity: message`.
func messages(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)" }
}

/// The diagnostics of a failed import, or an issue when it succeeded.
func importErrors(_ json: String) -> [String] {
    do {
        _ = try importJSON(json)
        Issue.record("the import succeeded")
        return []
    } catch {
        return messages(error.diagnostics)
    }
}
