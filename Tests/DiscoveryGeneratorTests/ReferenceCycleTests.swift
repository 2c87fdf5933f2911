import DiscoverySpec
import Testing

@testable import DiscoveryCodegen

/// Which schemas get boxed fields: those on a cycle of direct references, found in linear time.
@Suite struct ReferenceCycleTests {
    private func spec(_ schemas: [(name: String, references: [String])]) throws -> APISpec {
        var text = "name: cyc\nversion: v1\ntitle: Cycle API\nrootURL: https://cyc.googleapis.com/\nschemas:\n"
        for schema in schemas {
            text += "  \(schema.name):\n    properties:\n      id:\n        type: string\n"
            for (index, reference) in schema.references.enumerated() {
                text += "      ref\(index):\n        $ref: \(reference)\n"
            }
        }
        return try SpecLoader.load(text, file: "cyc.yaml").spec
    }

    @Test func onlySchemasOnACycleAreFound() throws {
        let graph = try spec([
            ("A", ["B"]), ("B", ["C", "D"]), ("C", ["A"]), ("D", []), ("E", ["E"]), ("F", ["A", "E"]),
        ])
        #expect(TypesFile.schemasOnReferenceCycles(graph) == ["A", "B", "C", "E"])
    }

    /// Regression: a search from every schema made a 10,000-schema cycle take a minute to generate.
    @Test func aLongCycleIsFoundWhole() throws {
        let count = 10_000
        let cycle = try spec((0..<count).map { ("S\($0)", ["S\(($0 + 1) % count)"]) })
        #expect(TypesFile.schemasOnReferenceCycles(cycle).count == count)
    }
}
