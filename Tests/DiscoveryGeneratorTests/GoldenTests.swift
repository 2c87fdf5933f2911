import DiscoveryCodegen
import DiscoverySpec
import DiscoveryYAML
import Foundation
import Testing

/// The package root, found from this file so that the tests do not depend on the working directory.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A spec and the folder that holds its expected output, both relative to the package root.
struct GoldenCase: CustomStringConvertible, Sendable {
    var specPath: String
    var expectedRoot: String

    var description: String { specPath }

    /// `spec/*.yaml` against `Generated/`, and every `Tests/Fixtures/*/spec.yaml` against its `Expected/`
    /// (other fixture folders, such as the Discovery documents, hold no spec).
    static let all: [GoldenCase] = {
        let fileManager = FileManager.default
        let specs =
            (try? fileManager.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("spec").path)) ?? []
        let fixtures =
            (try? fileManager.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Tests/Fixtures").path))
            ?? []
        let specCases = specs.filter { $0.hasSuffix(".yaml") }.sorted().map {
            GoldenCase(specPath: "spec/" + $0, expectedRoot: "Generated")
        }
        let fixtureCases = fixtures.sorted().map { "Tests/Fixtures/" + $0 }
            .filter { fileManager.fileExists(atPath: packageRoot.appendingPathComponent($0 + "/spec.yaml").path) }
            .map { GoldenCase(specPath: $0 + "/spec.yaml", expectedRoot: $0 + "/Expected") }
        return specCases + fixtureCases
    }()
}

@Suite struct GoldenTests {
    @Test func everySpecAndFixtureIsCovered() {
        let names = GoldenCase.all.map(\.specPath)
        #expect(names.contains("spec/dataportability.yaml"))
        #expect(names.contains("Tests/Fixtures/reset-20250305/spec.yaml"))
        #expect(names.contains("Tests/Fixtures/torture/spec.yaml"))
    }

    /// Generates each spec and compares every file byte for byte; `RECORD_GOLDENS=1` rewrites the expected files.
    @Test(arguments: GoldenCase.all)
    func generatedCodeMatchesGolden(_ golden: GoldenCase) throws {
        let loaded = try SpecLoader.load(
            contentsOfFile: packageRoot.appendingPathComponent(golden.specPath).path, displayPath: golden.specPath)
        let files = try ModuleGenerator.generate(loaded.spec)
        let folder = packageRoot.appendingPathComponent(golden.expectedRoot).appendingPathComponent(loaded.spec.module)
        let recording = ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        for file in files {
            let url = folder.appendingPathComponent(file.name)
            if recording {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
                continue
            }
            let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            #expect(
                file.contents == expected,
                "\(golden.expectedRoot)/\(loaded.spec.module)/\(file.name) differs (run with RECORD_GOLDENS=1 to accept):\n\(lineDiff(expected: expected, actual: file.contents))"
            )
        }
        let onDisk = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        let extra = onDisk.filter { path in
            !files.contains { $0.name == path || $0.name.hasPrefix(path + "/") }
        }
        #expect(extra.isEmpty, "files the generator does not produce: \(extra)")
    }

    @Test func generationIsDeterministic() throws {
        let path = packageRoot.appendingPathComponent("Tests/Fixtures/torture/spec.yaml").path
        let first = try ModuleGenerator.generate(SpecLoader.load(contentsOfFile: path).spec)
        let second = try ModuleGenerator.generate(SpecLoader.load(contentsOfFile: path).spec)
        #expect(first == second)
    }
}

/// The lines that differ between two texts, after their common first and last lines, as `-`/`+` lines.
func lineDiff(expected: String, actual: String, limit: Int = 40) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var prefix = 0
    while prefix < min(old.count, new.count), old[prefix] == new[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < min(old.count, new.count) - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
        suffix += 1
    }
    let removed = old[prefix..<(old.count - suffix)].prefix(limit).map { "- " + $0 }
    let added = new[prefix..<(new.count - suffix)].prefix(limit).map { "+ " + $0 }
    return (["@@ line \(prefix + 1)"] + removed + added).joined(separator: "\n")
}
