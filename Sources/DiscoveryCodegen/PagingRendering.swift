import DiscoverySpec

/// `<method>Pages(…)` and `<method>Items(…)` for a method that pages: sequences that call the one-page method
/// with each next page token, so that the paging logic lives once in the runtime and each method adds two
/// short bodies.
extension ClientFile {
    func renderPaging(
        _ method: Method, paging: Paging, arguments: [Argument], pageToken: Argument, response: String,
        into writer: inout SwiftWriter
    ) {
        let name = Naming.memberName(method.name)
        let forwarded = arguments.filter { $0.internalName != pageToken.internalName }
        let oneCall = arguments.map { argument in
            let value = argument.internalName == pageToken.internalName ? "pageToken" : argument.internalName
            return argument.label == "_" ? value : "\(argument.label): \(value)"
        }
        let forwardedCall = forwarded.map { $0.label == "_" ? $0.internalName : "\($0.label): \($0.internalName)" }
        let pages = "\(naming.standard("PageSequence"))<\(response)>"

        writer.line()
        writer.documentation(
            [
                "Every page of `\(name)`, each fetched when the loop reading them asks for it.",
                "The arguments are those of `\(name)`, but for `pageToken`; the sequence ends after the page without a `nextPageToken`.",
            ].joined(separator: "\n\n"))
        if method.isDeprecated { writer.line("@available(*, deprecated)") }
        renderSignature(name + "Pages", forwarded, ending: " -> \(pages)", into: &writer)
        writer.indented { writer in
            writer.line("\(pages)(operationID: \(literal: method.id)) { pageToken in")
            writer.indented { writer in
                writer.list("try await self.\(SwiftIdentifier.escaped(name))(", oneCall, ")")
            }
            writer.line(
                "} nextPageToken: { $0.\(SwiftIdentifier.escaped(Naming.propertyName(Paging.nextPageTokenField))) }")
        }
        writer.line("}")

        guard let field = paging.itemsField, let schema = method.response,
            let item = types.elementTypeName(ofArrayField: field, in: schema)
        else { return }
        let fieldMember = SwiftIdentifier.escaped(Naming.propertyName(field))
        writer.line()
        writer.documentation(
            [
                "Every element of `\(field)` on every page of `\(name)`, the pages fetched one at a time as the loop reading them asks for more.",
                "The arguments are those of `\(name)`, but for `pageToken`.",
            ].joined(separator: "\n\n"))
        if method.isDeprecated { writer.line("@available(*, deprecated)") }
        renderSignature(
            name + "Items", forwarded, ending: " -> \(naming.standard("PageItemSequence"))<\(response), \(item)>",
            into: &writer)
        writer.indented { writer in
            // `self.`: a parameter may have the name of the pages method (`searchPages`) and hide it.
            writer.list("self.\(name)Pages(", forwardedCall, ").items { $0.\(fieldMember) }")
        }
        writer.line("}")
    }
}
