import DiscoveryCodegen
import DiscoverySpec
import DiscoveryYAML
import Foundation
import Testing

/// Every file in `InvalidSpecs/` is a spec with deliberate problems. Its `# expect:` comment lines
/// are the exact diagnostics that `lint` must report, in order, without the file name.
private let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("InvalidSpecs")

private let fileNames: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
    .filter { $0.hasSuffix(".yaml") }
    .sorted()

private func path(of fileName: String) -> String {
    folder.appendingPathComponent(fileName).path
}

/// What `lint` reports for the file, naming it `spec.yaml`.
private func diagnostics(of path: String) -> [Diagnostic] {
    do {
        let loaded = try SpecLoader.load(contentsOfFile: path, displayPath: "spec.yaml")
        return loaded.warnings + ModuleGenerator.check(loaded.spec)
    } catch {
        return error.diagnostics
    }
}

/// The `# expect: LINE:COLUMN: severity: message` lines, as full diagnostic descriptions.
private func expectedDiagnostics(of path: String) throws -> [String] {
    let prefix = "# expect: "
    return try String(contentsOfFile: path, encoding: .utf8)
        .split(whereSeparator: \.isNewline)
        .filter { $0.hasPrefix(prefix) }
        .map { "spec.yaml:" + $0.dropFirst(prefix.count) }
}

@Test(arguments: fileNames)
func invalidSpecReportsTheExpectedDiagnostics(_ fileName: String) throws {
    let expected = try expectedDiagnostics(of: path(of: fileName))
    try #require(!expected.isEmpty, "\(fileName) has no '# expect:' line")
    #expect(diagnostics(of: path(of: fileName)).map(\.description) == expected)
}

@Test func everyInvalidSpecFailsWithAnError() {
    #expect(fileNames.count >= 40)
    for fileName in fileNames {
        #expect(diagnostics(of: path(of: fileName)).contains { $0.severity == .error }, "\(fileName) has no error")
    }
}
