import DiscoverySpec
import DiscoveryYAML

/// Resources, methods and parameters.
extension DocumentConverter {
    /// Resources sorted by name; a resource left without any method is left out.
    mutating func resources(_ node: Node?, parentPath: [String]) -> [YAMLEntry] {
        (node?.sortedEntries ?? []).compactMap { entry in
            let path = parentPath + [entry.key]
            var resource = YAMLMappingBuilder()
            resource.addMapping("methods", methods(entry.value["methods"], resourcePath: path))
            resource.addMapping("resources", resources(entry.value["resources"], parentPath: path))
            return resource.entries.isEmpty
                ? nil : YAMLEntry(key: entry.key, value: resource.value, source: entry.keyLocation)
        }
    }

    /// Methods sorted by name. A method whose HTTP mapping cannot be written is an error that names it: a client
    /// without one of the API's methods is not an import.
    mutating func methods(_ node: Node?, resourcePath: [String]) -> [YAMLEntry] {
        (node?.sortedEntries ?? []).compactMap { entry in
            method(entry, resourcePath: resourcePath).map {
                YAMLEntry(key: entry.key, value: $0, source: entry.keyLocation)
            }
        }
    }

    private mutating func method(_ entry: MappingEntry, resourcePath: [String]) -> YAMLValue? {
        let node = entry.value
        let qualifiedName = (resourcePath + [entry.key]).joined(separator: ".")
        let context = "method '\(qualifiedName)'"
        guard let verbText = node["httpMethod"]?.text, let verb = HTTPMethod(rawValue: verbText.lowercased()) else {
            fail(
                at: entry.keyLocation,
                "\(context) cannot be imported: its httpMethod is not one of GET, PUT, POST, DELETE, PATCH")
            return nil
        }
        guard let pathNode = node["path"], let path = pathNode.text else {
            fail(at: entry.keyLocation, "\(context) cannot be imported: it has no path")
            return nil
        }
        let parameterEntries = node["parameters"]?.entries ?? []
        let patterns = Dictionary(
            parameterEntries.compactMap { entry in entry.value["pattern"]?.text.map { (entry.key, $0) } },
            uniquingKeysWith: { first, _ in first })
        let conversion: PathConversion
        switch PathConversion.convert(
            path: path, flatPath: node["flatPath"]?.text, servicePath: servicePath, patterns: patterns)
        {
        case .success(let converted):
            conversion = converted
        case .failure(let failure):
            fail(at: pathNode.location, "\(context) cannot be imported: \(failure.message)")
            return nil
        }
        for note in conversion.notes {
            warn(at: pathNode.location, "\(context): \(note)")
        }

        let boundNames = conversion.boundNames
        let parameters = parameterList(node, boundNames: boundNames, context: context)
        let request = schemaReference(node["request"], role: "request", context: context)
        var http = YAMLMappingBuilder()
        http.add(verb.rawValue, .string(conversion.template))
        if request != nil {
            let hasQueryParameters = parameters.contains { !boundNames.contains($0.key) }
            let body =
                hasQueryParameters
                ? bodyFieldName(node["request"]?["parameterName"]?.text, avoiding: parameters.map(\.key)) : "*"
            http.add("body", .string(body))
        }

        var method = YAMLMappingBuilder()
        let defaultID = ([apiName] + resourcePath + [entry.key]).joined(separator: ".")
        if let id = node["id"]?.text, id != defaultID { method.add("id", .string(id)) }
        method.add("description", prose(node["description"]?.text))
        method.add("http", http.value)
        method.addMapping("parameters", parameters)
        method.add("request", request.map(YAMLValue.string))
        let response = schemaReference(node["response"], role: "response", context: context)
        method.add("response", response.map(YAMLValue.string))
        method.add("scopes", scopes(node["scopes"], context: context))
        method.addFlag("deprecated", node["deprecated"]?.isTrue ?? false)
        method.add("apiVersion", node["apiVersion"]?.text.flatMap { $0 == documentAPIVersion ? nil : .string($0) })
        method.add("paging", paging(node, response: response))
        method.add("mediaDownload", mediaDownload(node, template: conversion.template))
        method.add("mediaUpload", mediaUpload(node, template: conversion.template, context: context))
        return method.value
    }

    /// The `$ref` of a request or response, when it names a schema of the document.
    private mutating func schemaReference(_ node: Node?, role: String, context: String) -> String? {
        guard let node, let name = node["$ref"]?.text else { return nil }
        guard schemaNames.contains(name) else {
            warn(
                at: node.location,
                "the \(role) of \(context) names schema '\(name)', which the document does not define; it is left out")
            return nil
        }
        return name
    }

    /// A body field (the Swift argument label of the request) that no parameter name collides with.
    private func bodyFieldName(_ preferred: String?, avoiding parameterNames: [String]) -> String {
        let taken = Set(parameterNames.map(Self.collisionKey))
        let candidates = [preferred, "body", "requestBody"].compactMap { $0 }.filter(Self.isIdentifier)
        if let free = candidates.first(where: { !taken.contains(Self.collisionKey($0)) }) { return free }
        var number = 2
        while taken.contains(Self.collisionKey("body\(number)")) { number += 1 }
        return "body\(number)"
    }

    /// Names that could become the same Swift identifier (`page_token`, `pageToken`) share a key.
    private static func collisionKey(_ name: String) -> String {
        String(name.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// Method scopes, sorted; nothing when the method allows every scope of the API (or says nothing,
    /// which the spec reads the same way).
    private mutating func scopes(_ node: Node?, context: String) -> YAMLValue? {
        guard let node else { return nil }
        let listed = Set(node.items.compactMap(\.text))
        guard listed != apiScopes else { return nil }
        let unknown = listed.subtracting(apiScopes)
        if !unknown.isEmpty {
            warn(
                at: node.location,
                "\(context) lists scopes that the API does not declare, which are left out: \(unknown.sorted().joined(separator: ", "))"
            )
        }
        return .sequence(listed.intersection(apiScopes).sorted().map(YAMLValue.string))
    }

    // MARK: Parameters

    /// Parameters in `parameterOrder`, then the others by name. Path parameters are those the template
    /// binds, so `location` is not written.
    private mutating func parameterList(_ node: Node, boundNames: Set<String>, context: String) -> [YAMLEntry] {
        let entries = node["parameters"]?.entries ?? []
        let order = node["parameterOrder"]?.items.compactMap(\.text) ?? []
        let ordered = entries.sorted { first, second in
            let firstRank = order.firstIndex(of: first.key) ?? order.count
            let secondRank = order.firstIndex(of: second.key) ?? order.count
            return (firstRank, first.key) < (secondRank, second.key)
        }
        var parameters: [YAMLEntry] = []
        for entry in ordered {
            let isBound = boundNames.contains(entry.key)
            if entry.value["location"]?.text == "path", !isBound {
                warn(
                    at: entry.keyLocation,
                    "path parameter '\(entry.key)' of \(context) is not in its path; it is left out")
                continue
            }
            parameters.append(
                YAMLEntry(
                    key: entry.key, value: parameter(entry, isBound: isBound, context: context),
                    source: entry.keyLocation))
        }
        for name in boundNames.sorted() where !entries.contains(where: { $0.key == name }) {
            warn(
                at: node.location(of: "path"),
                "\(context) has '\(name)' in its path but no such parameter; it is imported as a required string")
            parameters.insert(
                YAMLEntry(
                    key: name,
                    value: .mapping([
                        YAMLEntry(key: "type", value: .string("string")),
                        YAMLEntry(key: "required", value: .bool(true)),
                    ])), at: 0)
        }
        return parameters
    }

    private mutating func parameter(_ entry: MappingEntry, isBound: Bool, context: String) -> YAMLValue {
        let node = entry.value
        let parameterContext = "parameter '\(entry.key)' of \(context)"
        var typeName = node["type"]?.text ?? "string"
        if !["string", "integer", "number", "boolean"].contains(typeName) {
            warn(
                at: node["type"]?.location ?? entry.keyLocation,
                "\(parameterContext) has type '\(typeName)'; it is imported as a string")
            typeName = "string"
        }
        var isRequired = node["required"]?.isTrue ?? false
        var isRepeated = node["repeated"]?.isTrue ?? false
        if isBound, !isRequired {
            warn(
                at: entry.keyLocation,
                "path \(parameterContext) is not marked required; it is imported as required, since the URL needs it")
            isRequired = true
        }
        if isBound, isRepeated {
            warn(at: entry.keyLocation, "path \(parameterContext) is marked repeated; it is imported as a single value")
            isRepeated = false
        }
        let type = scalarType(node, typeName: typeName, context: parameterContext)
        var parameter = YAMLMappingBuilder()
        pageTokenType(type.head, of: node, named: entry.key, context: parameterContext).forEach {
            parameter.add($0.key, $0.value)
        }
        parameter.addFlag("required", isRequired)
        parameter.addFlag("repeated", isRepeated)
        parameter.add("description", prose(node["description"]?.text))
        parameter.add("pattern", node["pattern"]?.text.map(YAMLValue.string))
        parameter.add("default", node["default"]?.text.map(YAMLValue.string))
        parameter.addFlag("deprecated", node["deprecated"]?.isTrue ?? false)
        parameter.add("enum", type.enumeration)
        return parameter.value
    }
}
