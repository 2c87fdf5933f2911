import DiscoveryCodegen
import DiscoverySpec
import DiscoveryYAML

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The entry point of the import stage: a Google Discovery document (JSON) in, spec YAML out.
public enum DiscoveryImporter {
    /// The spec's text and what the importer had to change or leave out to write it.
    public struct Result: Sendable {
        public var yaml: String
        public var warnings: [Diagnostic]
    }

    /// Imports the Discovery document at `path`; `displayPath` is how diagnostics name it. `module` replaces
    /// the module name derived from the document; `discoveryURL`, where the document is published, is written
    /// into the spec for `scripts/refresh-apis.sh`.
    public static func importDocument(
        contentsOfFile path: String, displayPath: String? = nil, module: String? = nil, discoveryURL: String? = nil
    ) throws(DiagnosticsError) -> Result {
        let name = displayPath ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticsError([.error(at: SourceLocation(file: name, line: 1, column: 1), "cannot read the file")])
        }
        return try importDocument(
            root: JSONLoader.load(Array(data), file: name), module: module, discoveryURL: discoveryURL)
    }

    public static func importDocument(
        _ text: String, file: String, module: String? = nil, discoveryURL: String? = nil
    ) throws(DiagnosticsError) -> Result {
        try importDocument(root: JSONLoader.load(text, file: file), module: module, discoveryURL: discoveryURL)
    }

    /// The spec is validated and its names checked before it is written, as the generator would, so that the
    /// importer never writes a spec that `generate` rejects; the diagnostics point into the Discovery document.
    static func importDocument(
        root: Node, module: String?, discoveryURL: String? = nil
    ) throws(DiagnosticsError) -> Result {
        var converter = DocumentConverter()
        converter.moduleOverride = module
        converter.discoveryURL = discoveryURL
        let document = converter.convert(root)
        let diagnostics = converter.diagnostics.sorted { $0.location < $1.location }
        guard let document, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw DiagnosticsError(diagnostics)
        }
        let loaded = try SpecLoader.load(root: document.spec.node(at: root.location), file: root.location.file)
        let naming = ModuleGenerator.check(loaded.spec)
        guard naming.isEmpty else { throw DiagnosticsError(diagnostics + naming) }
        let yaml = try YAMLWriter.write(document.spec, comment: [document.comment])
        return Result(yaml: yaml, warnings: diagnostics + loaded.warnings)
    }
}
