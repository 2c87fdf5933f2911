import DiscoverySpec
import DiscoveryYAML

/// The entry point of the import stage: a Google Discovery document (JSON) in, spec YAML out.
public enum DiscoveryImporter {
    /// The spec's text and what the importer had to change or leave out to write it.
    public struct Result: Sendable {
        public var yaml: String
        public var warnings: [Diagnostic]
    }

    /// Imports the Discovery document at `path`; `displayPath` is how diagnostics name it, and `outputPath`
    /// how they name the spec written from it. `module` replaces the module name derived from the document.
    public static func importDocument(
        contentsOfFile path: String, displayPath: String? = nil, outputPath: String = "<output>", module: String? = nil
    ) throws(DiagnosticsError) -> Result {
        let name = displayPath ?? path
        return try importDocument(
            root: YAMLLoader.load(contentsOfFile: path, displayPath: name), outputPath: outputPath, module: module)
    }

    public static func importDocument(
        _ text: String, file: String, outputPath: String = "<output>", module: String? = nil
    ) throws(DiagnosticsError) -> Result {
        try importDocument(root: YAMLLoader.load(text, file: file), outputPath: outputPath, module: module)
    }

    /// The written spec is loaded back and validated, so that the importer never writes a spec that
    /// the generator rejects; such an error is the importer's bug and points into the output.
    static func importDocument(root: Node, outputPath: String, module: String?) throws(DiagnosticsError) -> Result {
        var converter = DocumentConverter()
        converter.moduleOverride = module
        let document = converter.convert(root)
        let diagnostics = converter.diagnostics.sorted { $0.location < $1.location }
        guard let document, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw DiagnosticsError(diagnostics)
        }
        let yaml = try YAMLWriter.write(document.spec, comment: [document.comment])
        let loaded = try SpecLoader.load(yaml, file: outputPath)
        return Result(yaml: yaml, warnings: diagnostics + loaded.warnings)
    }
}
