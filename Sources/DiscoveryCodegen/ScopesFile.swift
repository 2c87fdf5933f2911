import DiscoverySpec

/// Renders the scope constants, so that an app asks for exactly the scopes it needs.
struct ScopesFile {
    let naming: Naming
    let access: String

    func render(into writer: inout SwiftWriter) {
        let spec = naming.spec
        let typeName = naming.scopeTypeName
        let names = naming.scopeConstantNames
        writer.line()
        writer.documentation(
            """
            An OAuth 2.0 scope of the \(spec.title).

            Ask the user only for the scopes your app uses: each method's accepted scopes are on its \
            resource, as `<method>Scopes`; any one of them allows the call.
            """)
        let conformances = ["RawRepresentable", "Hashable", "Sendable", "CustomStringConvertible"].map(naming.standard)
        writer.block("\(access) struct \(typeName): \(conformances.joined(separator: ", "))") { writer in
            writer.line("/// The scope's URL, as OAuth 2.0 expects it.")
            writer.line("\(access) let rawValue: \(naming.standard("String"))")
            writer.line()
            writer.line("\(access) init(rawValue: \(naming.standard("String"))) {")
            writer.line("    self.rawValue = rawValue")
            writer.line("}")
            writer.line()
            writer.line("\(access) var description: \(naming.standard("String")) { rawValue }")
            for (scope, name) in zip(spec.scopes, names) {
                writer.line()
                writer.documentation(
                    scope.description.isEmpty ? "`\(scope.url)`" : scope.description + "\n\n`\(scope.url)`")
                writer.line(
                    "\(access) static let \(SwiftIdentifier.escaped(name)) = \(typeName)(rawValue: \(literal: scope.url))"
                )
            }
            writer.line()
            writer.line(
                "/// The scope without `https://www.googleapis.com/auth/` and the API's name, as in the constant's name:"
            )
            writer.line(
                "/// `\(spec.name).x.y` gives `x.y` (Data Portability's `initiate` takes these as its `resources`).")
            writer.line(
                "\(access) var shortName: \(naming.standard("String")) { \(naming.standard("ScopeNames")).shortName(of: rawValue, apiName: \(literal: spec.name)) }"
            )
            writer.line()
            writer.line("/// The scope of the API whose `shortName` is `shortName`.")
            writer.line("\(access) init?(shortName: \(naming.standard("String"))) {")
            writer.line(
                "    guard let scope = Self.all.first(where: { $0.shortName == shortName }) else { return nil }")
            writer.line("    self = scope")
            writer.line("}")
            writer.line()
            writer.line("/// Every scope of the API, in the order of the spec.")
            writer.line("\(access) static let all: [\(typeName)] = [")
            for name in names {
                writer.line("    .\(SwiftIdentifier.escaped(name)),")
            }
            writer.line("]")
        }
    }
}
