import DiscoveryYAML

/// The entry point of the spec stage: a file's text in, a validated `APISpec` out.
public enum SpecLoader {
    /// A spec and the warnings found while reading it.
    public struct Result: Sendable {
        public var spec: APISpec
        public var warnings: [Diagnostic]
    }

    /// Loads and validates the spec at `path`; `displayPath` is how diagnostics name the file.
    public static func load(contentsOfFile path: String, displayPath: String? = nil) throws(DiagnosticsError) -> Result
    {
        let name = displayPath ?? path
        return try load(root: YAMLLoader.load(contentsOfFile: path, displayPath: name), file: name)
    }

    public static func load(_ text: String, file: String) throws(DiagnosticsError) -> Result {
        try load(root: YAMLLoader.load(text, file: file), file: file)
    }

    /// Throws every error (and the warnings with them) when there is at least one error.
    ///
    /// The validator runs even after parse errors, so that one run reports every problem; elements that
    /// could not be parsed are left out of the model, or kept with a neutral type when others refer to them.
    public static func load(root: Node, file: String) throws(DiagnosticsError) -> Result {
        var parser = SpecParser(file: file)
        let parsed = parser.parse(root)
        var diagnostics = parser.reader.diagnostics
        if let parsed {
            var validator = SpecValidator(spec: parsed)
            validator.validate(root: root)
            diagnostics += validator.diagnostics
        }
        diagnostics = diagnostics.enumerated().sorted {
            ($0.element.location, $0.offset) < ($1.element.location, $1.offset)
        }.map(\.element)
        guard let spec = parsed, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw DiagnosticsError(diagnostics)
        }
        return Result(spec: spec, warnings: diagnostics)
    }
}
