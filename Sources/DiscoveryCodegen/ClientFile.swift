import DiscoverySpec

/// Renders the client: one `async throws` Swift method per API method, grouped by resource.
struct ClientFile {
    let naming: Naming
    let access: String
    let types: TypesFile

    /// Local names that generated method bodies use; parameters with these names get another internal name.
    static let localNames: Set<String> = ["path", "resumablePath", "query", "request", "apiClient", "options", "media"]

    /// The client type, with the methods and resources at the top level of the API.
    func renderClient(into writer: inout SwiftWriter) {
        let spec = naming.spec
        let client = naming.clientTypeName
        writer.line()
        var summary = "A client of the \(spec.title) \(spec.version)"
        if let revision = spec.revision { summary += " (revision \(revision))" }
        writer.documentation(
            [summary + ".", spec.description, spec.documentation.map { "Documentation: <\($0)>" }]
                .compactMap { $0 }.joined(separator: "\n\n"))
        writer.block("\(access) struct \(client): \(naming.standard("Sendable"))") { writer in
            writer.documentation("`\(spec.rootURL)`")
            writer.line(
                "\(access) static let defaultServerURL = \(naming.standard("URL"))(string: \(literal: spec.rootURL))!"
            )
            renderOtherServerURLs(into: &writer)
            writer.line()
            writer.line("let apiClient: \(naming.standard("APIClient"))")
            writer.line()
            writer.line("/// Creates a client that sends requests through `transport`, after `middlewares` in order.")
            writer.line("///")
            writer.line(
                "/// Add an `AccessTokenMiddleware` to authorize the requests. Failed idempotent requests are retried")
            writer.line("/// by `retryPolicy` (`.none` turns retries off).")
            writer.line("\(access) init(")
            writer.line("    serverURL: \(naming.standard("URL")) = defaultServerURL,")
            writer.line("    transport: any \(naming.standard("ClientTransport")),")
            writer.line("    middlewares: [any \(naming.standard("ClientMiddleware"))] = [],")
            writer.line("    retryPolicy: \(naming.standard("RetryPolicy")) = .default")
            writer.block(")") { writer in
                writer.line("self.apiClient = \(naming.standard("APIClient"))(")
                writer.line("    serverURL: serverURL,")
                writer.line("    transport: transport,")
                writer.line("    middlewares: middlewares,")
                writer.line(
                    "    service: \(naming.standard("ServiceInfo"))(apiName: \(literal: spec.name), apiVersion: \(literal: spec.version), generatorVersion: \(literal: ModuleGenerator.version)),"
                )
                writer.line("    retryPolicy: retryPolicy")
                writer.line(")")
            }
            renderMembers(methods: spec.methods, resources: spec.resources, into: &writer)
        }
    }

    /// The types of `resources`, top-level resources of the API, and of the resources within them.
    func renderResources(_ resources: [Resource], into writer: inout SwiftWriter) {
        renderResourceTypes(resources, in: naming.clientTypeName, into: &writer)
    }

    /// The mutual-TLS root and the locational roots, each a `serverURL` the client can be given.
    private func renderOtherServerURLs(into writer: inout SwiftWriter) {
        let url = naming.standard("URL")
        if let mtls = naming.spec.mtlsRootURL {
            writer.line()
            writer.documentation("`\(mtls)`: the root for clients that authenticate with mutual TLS.")
            writer.line("\(access) static let mtlsServerURL = \(url)(string: \(literal: mtls))!")
        }
        guard !naming.spec.endpoints.isEmpty else { return }
        writer.line()
        writer.documentation(
            "The roots that keep requests in one location, by location (such as `us-central1`): pass one as `serverURL`."
        )
        writer.line("\(access) static let locationalServerURLs: [\(naming.standard("String")): \(url)] = [")
        for endpoint in naming.spec.endpoints {
            writer.line(
                "    \(literal: endpoint.location): \(url)(string: \(literal: endpoint.url))!,")
        }
        writer.line("]")
    }

    private func renderResourceTypes(_ resources: [Resource], in owner: String, into writer: inout SwiftWriter) {
        for resource in resources {
            let typeName = naming.resourceTypeName(resource.name)
            writer.line()
            writer.block("extension \(owner)") { writer in
                writer.documentation("The methods of the `\(resource.name)` resource.")
                writer.block("\(access) struct \(typeName): \(naming.standard("Sendable"))") { writer in
                    writer.line("let apiClient: \(naming.standard("APIClient"))")
                    renderMembers(methods: resource.methods, resources: resource.resources, into: &writer)
                }
            }
            renderResourceTypes(resource.resources, in: owner + "." + typeName, into: &writer)
        }
    }

    private func renderMembers(methods: [Method], resources: [Resource], into writer: inout SwiftWriter) {
        for resource in resources {
            writer.line()
            writer.documentation("The methods of the `\(resource.name)` resource.")
            let typeName = naming.resourceTypeName(resource.name)
            writer.line(
                "\(access) var \(SwiftIdentifier.escaped(Naming.memberName(resource.name))): \(typeName) { \(typeName)(apiClient: apiClient) }"
            )
        }
        for method in methods {
            renderScopes(of: method, into: &writer)
            renderMethod(method, into: &writer)
            for parameter in method.parameters {
                guard case .enumeration(let values) = parameter.type else { continue }
                writer.line()
                types.renderEnum(
                    parameterEnumName(method, parameter), description: parameter.description, values: values,
                    prefixSource: parameter.name, into: &writer)
            }
        }
    }

    private func renderScopes(of method: Method, into writer: inout SwiftWriter) {
        let scopeType = naming.scopeTypeName
        let name = Naming.memberName(method.name) + "Scopes"
        writer.line()
        writer.line("/// The scopes that allow calling `\(Naming.memberName(method.name))`: any one of them is enough.")
        guard let scopes = method.scopes else {
            writer.line("\(access) static let \(name): [\(scopeType)] = \(scopeType).all")
            return
        }
        let constants = scopes.map { ".\(SwiftIdentifier.escaped(naming.scopeConstantNameByURL[$0] ?? ""))" }
        writer.list("\(access) static let \(name): [\(scopeType)] = [", constants, "]")
    }

    private func parameterEnumName(_ method: Method, _ parameter: Parameter) -> String {
        (SwiftIdentifier.upperCamel(method.name) ?? "") + (SwiftIdentifier.upperCamel(parameter.name) ?? "")
    }

    // MARK: Methods

    struct Argument {
        var label: String
        var internalName: String
        var type: String
        var defaultValue: String?
        var description: String?

        var declaration: String {
            let names = label == internalName ? SwiftIdentifier.escaped(label) : "\(label) \(internalName)"
            return "\(names): \(type)" + (defaultValue.map { " = \($0)" } ?? "")
        }
    }

    private func argument(for parameter: Parameter, in method: Method) -> Argument {
        let name = Naming.memberName(parameter.name)
        var type =
            parameter.type.isEnumeration
            ? parameterEnumName(method, parameter)
            : types.swiftType(parameter.type, nestedName: nil)
        if parameter.isRepeated { type = "[\(type)]" }
        let isOptional = !parameter.isRequired
        return Argument(
            label: SwiftIdentifier.escaped(name),
            internalName: Self.localNames.contains(name) ? name + "Parameter" : SwiftIdentifier.escaped(name),
            type: isOptional ? type + "?" : type,
            defaultValue: isOptional ? "nil" : nil,
            description: parameter.isDeprecated
                ? [parameter.description, "Deprecated."].compactMap { $0 }.joined(separator: " ")
                : parameter.description
        )
    }

    private func bodyArgument(for method: Method) -> Argument? {
        guard let request = method.request else { return nil }
        let type = SwiftIdentifier.escaped(naming.schemaTypeName(request))
        let isEmpty = naming.schema(named: request).map { $0.type == .object([]) } ?? false
        let label: String
        switch method.body {
        case .field(let field): label = SwiftIdentifier.escaped(Naming.memberName(field))
        default: label = "_"
        }
        return Argument(
            label: label,
            internalName: "request",
            type: type,
            defaultValue: isEmpty ? ".init()" : nil,
            description: "The request body."
        )
    }

    private func renderMethod(_ method: Method, into writer: inout SwiftWriter) {
        let pathArguments = method.path.variables.compactMap { variable in
            method.parameters.first { $0.name == variable.fieldName }.map { argument(for: $0, in: method) }
        }
        let queryParameters = method.queryParameters.sorted { $0.isRequired && !$1.isRequired }
        let queryArguments = queryParameters.map { argument(for: $0, in: method) }
        let optionsArgument = Argument(
            label: "options", internalName: "options", type: naming.standard("CallOptions"), defaultValue: ".init()",
            description: "Settings for this call: a timeout, more header fields, `fields`, `quotaUser`, retries.")
        let mediaArgument = Argument(
            label: "media", internalName: "media", type: naming.standard("MediaUpload"), defaultValue: nil,
            description: "The content to upload, and how: from data, a file or a stream, with progress.")
        let arguments =
            pathArguments + [bodyArgument(for: method)].compactMap { $0 } + queryArguments + [optionsArgument]
        let response = method.response.map { SwiftIdentifier.escaped(naming.schemaTypeName($0)) }

        writer.line()
        writer.documentation(methodDocumentation(method, arguments: arguments))
        if method.isDeprecated { writer.line("@available(*, deprecated)") }
        renderSignature(
            SwiftIdentifier.escaped(Naming.memberName(method.name)), arguments,
            ending: " async throws" + (response.map { " -> \($0)" } ?? ""), into: &writer)
        writer.indented { writer in
            renderBody(
                of: method, pathArguments: pathArguments, queryParameters: zip(queryParameters, queryArguments),
                response: response, into: &writer)
        }
        writer.line("}")
        if let paging = method.paging, let response,
            let index = queryParameters.firstIndex(where: { $0.name == Paging.pageTokenParameter })
        {
            renderPaging(
                method, paging: paging, arguments: arguments, pageToken: queryArguments[index], response: response,
                into: &writer)
        }
        if let download = method.mediaDownload {
            renderDownload(
                method, download: download, arguments: arguments, pathArguments: pathArguments,
                queryParameters: zip(queryParameters, queryArguments), into: &writer)
        }
        if let upload = method.mediaUpload {
            var body = bodyArgument(for: method)
            body?.defaultValue = ".init()"
            renderUpload(
                method, upload: upload,
                arguments: pathArguments + [body].compactMap { $0 } + [mediaArgument] + queryArguments
                    + [optionsArgument],
                pathArguments: pathArguments, queryParameters: zip(queryParameters, queryArguments),
                response: response, into: &writer)
        }
    }

    /// `func name(arguments)`, `ending` and the opening brace; the arguments filled onto lines when they do not fit
    /// on one.
    func renderSignature(_ name: String, _ arguments: [Argument], ending: String, into writer: inout SwiftWriter) {
        writer.list("\(access) func \(name)(", arguments.map(\.declaration), ")\(ending) {")
    }

    /// Builds the path from the template, the query from the parameters, and sends the request.
    private func renderBody(
        of method: Method,
        pathArguments: [Argument],
        queryParameters: Zip2Sequence<[Parameter], [Argument]>,
        response: String?,
        into writer: inout SwiftWriter
    ) {
        let request = renderRequest(
            of: method, path: method.path, pathArguments: pathArguments, queryParameters: queryParameters,
            into: &writer)
        if let response {
            writer.list(
                "return try await apiClient.send(", [request, "returning: \(response).self", "options: options"], ")")
        } else {
            writer.line("try await apiClient.send(\(request), options: options)")
        }
    }

    /// Writes the statements that build the variable `name` from `path`, whose variables are the method's.
    func renderPath(_ path: PathTemplate, named name: String, pathArguments: [Argument], into writer: inout SwiftWriter)
    {
        // Templates start with `/`, text that the builder can start from.
        var pieces = path.pieces[...]
        if case .literal(let text) = pieces.first {
            let binding = pieces.count == 1 ? "let" : "var"
            writer.line("\(binding) \(name) = \(naming.standard("PathBuilder"))(\(literal: text))")
            pieces = pieces.dropFirst()
        } else {
            writer.line("var \(name) = \(naming.standard("PathBuilder"))()")
        }
        var variableIndex = 0
        for piece in pieces {
            switch piece {
            case .literal(let text):
                writer.line("\(name).appendLiteral(\(literal: text))")
            case .variable(let variable):
                let value = pathArguments[variableIndex].internalName
                variableIndex += 1
                writer.line(
                    "try \(name).appendVariable(\(value), name: \(literal: variable.fieldName), template: \(literal: variable.segmentTemplate))"
                )
            }
        }
    }

    /// Writes the statements that build the path (from `path`, which has the method's variables) and the query,
    /// and returns the `APIRequest(…)` expression that sends them; `extraQuery` adds fixed query items such as
    /// `alt=media`.
    func renderRequest(
        of method: Method,
        path: PathTemplate,
        pathArguments: [Argument],
        queryParameters: Zip2Sequence<[Parameter], [Argument]>,
        extraQuery: [(name: String, value: String)] = [],
        includesBody: Bool = true,
        into writer: inout SwiftWriter
    ) -> String {
        renderPath(path, named: "path", pathArguments: pathArguments, into: &writer)
        var requestArguments = [
            "operationID: \(SwiftText.literal(method.id))", "method: .\(method.httpMethod.rawValue)", "path: path",
        ]
        if queryParameters.contains(where: { _ in true }) || !extraQuery.isEmpty {
            writer.line("var query = \(naming.standard("QueryItems"))()")
            for (parameter, argument) in queryParameters {
                writer.line("query.append(\(literal: parameter.name), \(argument.internalName))")
            }
            for item in extraQuery {
                writer.line("query.append(\(literal: item.name), \(literal: item.value))")
            }
            requestArguments.append("query: query")
        }
        if includesBody, method.request != nil { requestArguments.append("body: request") }
        if let apiVersion = method.apiVersion ?? naming.spec.apiVersion {
            requestArguments.append("apiVersion: \(SwiftText.literal(apiVersion))")
        }
        return "\(naming.standard("APIRequest"))(\(requestArguments.joined(separator: ", ")))"
    }

    private func methodDocumentation(_ method: Method, arguments: [Argument]) -> String {
        var sections = [method.description, "`\(method.httpMethod.rawValue.uppercased()) \(method.path.description)`"]
        if method.isDeprecated { sections.append("Deprecated.") }
        if method.paging != nil {
            sections.append("`\(Naming.memberName(method.name))Pages(…)` reads every page.")
        }
        sections.append(parameterList(arguments))
        return sections.compactMap { $0 }.joined(separator: "\n\n")
    }

    /// The `- Parameters:` section of a method's documentation; nil when no argument is documented.
    private func parameterList(_ arguments: [Argument]) -> String? {
        let documented = arguments.filter { $0.description != nil }
        guard !documented.isEmpty else { return nil }
        var list = "- Parameters:"
        for argument in documented {
            let lines = SwiftText.documentationLines(argument.description)
            let name = argument.label == "_" ? argument.internalName : argument.label.filter { $0 != "`" }
            list += "\n  - \(name): " + lines.joined(separator: "\n    ")
        }
        return list
    }
}

extension FieldType {
    var isEnumeration: Bool {
        if case .enumeration = self { return true }
        return false
    }
}
