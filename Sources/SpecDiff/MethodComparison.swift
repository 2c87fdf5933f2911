import DiscoverySpec

/// Methods are matched by where they are in Swift: `client.archiveJobs.cancel` is `archiveJobs.cancel`.
extension SpecComparison {
    mutating func compareMethods() {
        let oldMethods = Self.methodsByPath(old)
        let newMethods = Self.methodsByPath(new)
        for (path, method) in oldMethods where newMethods[path] == nil {
            record(.methods, .removed, path, detail: Self.ruleText(method), breaking: true, "the Swift method is gone")
        }
        for (path, method) in newMethods {
            guard let previous = oldMethods[path] else {
                record(.methods, .added, path, detail: Self.ruleText(method), breaking: false, "a new Swift method")
                continue
            }
            compare(previous, method, at: path)
        }
    }

    private static func methodsByPath(_ spec: APISpec) -> [String: Method] {
        var methods: [String: Method] = [:]
        func collect(_ list: [Method], _ resources: [Resource], prefix: [String]) {
            for method in list { methods[(prefix + [method.name]).joined(separator: ".")] = method }
            for resource in resources {
                collect(resource.methods, resource.resources, prefix: prefix + [resource.name])
            }
        }
        collect(spec.methods, spec.resources, prefix: [])
        return methods
    }

    /// `POST /v1/{name=archiveJobs/*}:cancel`, with the body when there is one.
    private static func ruleText(_ method: Method) -> String {
        var text = "\(method.httpMethod.rawValue.uppercased()) \(method.path)"
        switch method.body {
        case .none: break
        case .wholeRequest: text += " (body: *)"
        case .field(let field): text += " (body: \(field))"
        }
        return text
    }

    private mutating func compare(_ old: Method, _ new: Method, at path: String) {
        if Self.ruleText(old) != Self.ruleText(new) {
            let oldVariables = old.path.variables.map { "\($0.fieldName)=\($0.segmentTemplate)" }
            let newVariables = new.path.variables.map { "\($0.fieldName)=\($0.segmentTemplate)" }
            let bodyLabelChanged = old.request != nil && new.request != nil && old.body != new.body
            let breaking = oldVariables != newVariables || bodyLabelChanged
            record(
                .methods, .changed, path, detail: "HTTP rule: \(Self.ruleText(old)) → \(Self.ruleText(new))",
                breaking: breaking,
                breaking
                    ? "path arguments or the body's argument label change, or values that were valid are now rejected"
                    : "the Swift signature stays the same")
        }
        compareParameters(old, new, at: path)
        compareRequestAndResponse(old, new, at: path)
        compareScopes(old, new, at: path)
        comparePaging(old, new, at: path)
        compareMedia(old, new, at: path)
        if old.apiVersion != new.apiVersion {
            record(
                .methods, .changed, path,
                detail: "apiVersion: \(old.apiVersion ?? "the API's") → \(new.apiVersion ?? "the API's")",
                breaking: false, Self.apiVersionReason)
        }
        if old.isDeprecated != new.isDeprecated {
            record(
                .methods, .changed, path, detail: new.isDeprecated ? "deprecated" : "no longer deprecated",
                breaking: false,
                "only a deprecation warning changes")
        }
    }

    /// A method that stops paging loses `<method>Pages(…)` and `<method>Items(…)`; other items lose the latter's
    /// element type.
    private mutating func comparePaging(_ old: Method, _ new: Method, at path: String) {
        switch (old.paging, new.paging) {
        case (nil, nil):
            return
        case (nil, .some):
            record(.paging, .changed, path, detail: "now pages", breaking: false, "new page and item sequences")
        case (.some, nil):
            record(
                .paging, .changed, path, detail: "no longer pages", breaking: true,
                "its page and item sequences are gone")
        case (.some(let before), .some(let after)) where before.itemsField != after.itemsField:
            let items = { (field: String?) in field.map { "`\($0)`" } ?? "none" }
            record(
                .paging, .changed, path,
                detail: "paging items: \(items(before.itemsField)) → \(items(after.itemsField))",
                breaking: before.itemsField != nil, "the item sequence's element type or existence changes")
        case (.some, .some):
            return
        }
    }

    /// Losing a download or an upload removes `<method>Media(…)` or `<method>Upload(…)`; a removed upload protocol,
    /// a narrower accept list or a smaller size limit refuses content that was accepted.
    private mutating func compareMedia(_ old: Method, _ new: Method, at path: String) {
        switch (old.mediaDownload, new.mediaDownload) {
        case (nil, .some):
            record(.media, .changed, path, detail: "now downloads media", breaking: false, "a new download method")
        case (.some, nil):
            record(
                .media, .changed, path, detail: "no longer downloads media", breaking: true,
                "its download method is gone")
        case (.some(let before), .some(let after)) where before.path != after.path:
            record(
                .media, .changed, path, detail: "media download path: \(before.path) → \(after.path)",
                breaking: false,
                "the Swift signature stays the same")
        default:
            break
        }
        switch (old.mediaUpload, new.mediaUpload) {
        case (nil, .some):
            record(
                .media, .changed, path, detail: "now accepts media uploads", breaking: false, "a new upload method")
        case (.some, nil):
            record(
                .media, .changed, path, detail: "no longer accepts media uploads", breaking: true,
                "its upload method is gone")
        case (.some(let before), .some(let after)):
            if before.simplePath != nil, after.simplePath == nil {
                record(
                    .media, .changed, path, detail: "one-request uploads removed", breaking: false,
                    "uploads go through resumable sessions; the Swift signature stays the same")
            }
            if before.resumablePath != nil, after.resumablePath == nil {
                record(
                    .media, .changed, path, detail: "resumable uploads removed", breaking: true,
                    "content larger than one request or of unknown size can no longer be uploaded")
            }
            if before.accept != after.accept {
                let narrower = !Set(before.accept).isSubset(of: Set(after.accept))
                record(
                    .media, .changed, path,
                    detail:
                        "accepted media: \(before.accept.joined(separator: ", ")) → \(after.accept.joined(separator: ", "))",
                    breaking: narrower,
                    narrower ? "content of a type accepted before is refused" : "more types are accepted")
            }
            if before.maxSize != after.maxSize {
                let smaller = (after.maxSize ?? .max) < (before.maxSize ?? .max)
                let sizes = [before.maxSize, after.maxSize].map { $0.map { "\($0) bytes" } ?? "unlimited" }
                record(
                    .media, .changed, path, detail: "largest upload: \(sizes[0]) → \(sizes[1])", breaking: smaller,
                    smaller ? "content of a size accepted before is refused" : "larger content is accepted")
            }
        default:
            break
        }
    }

    private mutating func compareParameters(_ old: Method, _ new: Method, at path: String) {
        let oldParameters = Dictionary(old.parameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newParameters = Dictionary(new.parameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for parameter in old.parameters where newParameters[parameter.name] == nil {
            record(
                .parameters, .changed, path, detail: "parameter \(parameter.name) removed", breaking: true,
                "calls that pass it no longer compile")
        }
        for parameter in new.parameters {
            guard let previous = oldParameters[parameter.name] else {
                let required = parameter.isRequired ? "required" : "optional"
                record(
                    .parameters, .changed, path, detail: "parameter \(parameter.name) added (\(required))",
                    breaking: parameter.isRequired,
                    parameter.isRequired
                        ? "existing calls lack the new required argument" : "the new argument defaults to nil")
                continue
            }
            compare(previous, parameter, of: path)
        }
        let commonNames = Set(oldParameters.keys).intersection(newParameters.keys)
        let oldOrder = Self.argumentOrder(old).filter(commonNames.contains)
        let newOrder = Self.argumentOrder(new).filter(commonNames.contains)
        if oldOrder != newOrder {
            record(
                .parameters, .changed, path,
                detail: "argument order: \(oldOrder.joined(separator: ", ")) → \(newOrder.joined(separator: ", "))",
                breaking: true, "calls must pass the arguments in the new order")
        }
    }

    /// The parameters in the order of the Swift method's arguments: path variables, then required and
    /// then optional query parameters.
    private static func argumentOrder(_ method: Method) -> [String] {
        let query = method.queryParameters.filter(\.isRequired) + method.queryParameters.filter { !$0.isRequired }
        return method.path.variables.map(\.fieldName) + query.map(\.name)
    }

    private mutating func compare(_ old: Parameter, _ new: Parameter, of path: String) {
        let name = "parameter \(new.name)"
        if TypeShape(old.type) != TypeShape(new.type) || old.isRepeated != new.isRepeated {
            let oldType = TypeShape(old.type).text + (old.isRepeated ? ", repeated" : "")
            let newType = TypeShape(new.type).text + (new.isRepeated ? ", repeated" : "")
            record(
                .parameters, .changed, path, detail: "\(name) type: \(oldType) → \(newType)", breaking: true,
                "the argument's Swift type changes")
        } else if case .enumeration(let oldValues) = old.type, case .enumeration(let newValues) = new.type {
            compareEnumValues(oldValues, newValues, of: "\(path)(\(new.name))")
        }
        if old.isRequired != new.isRequired {
            record(
                .parameters, .changed, path, detail: "\(name) is now \(new.isRequired ? "required" : "optional")",
                breaking: new.isRequired,
                new.isRequired
                    ? "calls that leave it out no longer compile"
                    : "the argument becomes optional, which existing calls accept")
        }
    }

    private mutating func compareRequestAndResponse(_ old: Method, _ new: Method, at path: String) {
        switch (old.request, new.request) {
        case (nil, let added?):
            let defaults = isEmptyObject(added, in: self.new)
            record(
                .methods, .changed, path, detail: "request \(added) added", breaking: !defaults,
                defaults ? "the new request argument has a default" : "existing calls lack the new request argument")
        case (let removed?, nil):
            record(
                .methods, .changed, path, detail: "request \(removed) removed", breaking: true,
                "calls that pass a request no longer compile")
        case (let before?, let after?) where before != after:
            record(
                .methods, .changed, path, detail: "request: \(before) → \(after)", breaking: true,
                "the request argument's type changes")
        default:
            break
        }
        switch (old.response, new.response) {
        case (nil, let added?):
            record(
                .methods, .changed, path, detail: "response \(added) added", breaking: false,
                "the method now returns a value, which callers may ignore")
        case (let removed?, nil):
            record(
                .methods, .changed, path, detail: "response \(removed) removed", breaking: true,
                "code that uses the result no longer compiles")
        case (let before?, let after?) where before != after:
            record(
                .methods, .changed, path, detail: "response: \(before) → \(after)", breaking: true,
                "the result's type changes")
        default:
            break
        }
    }

    private func isEmptyObject(_ schemaName: String, in spec: APISpec) -> Bool {
        spec.schema(named: schemaName)?.type == .object([])
    }

    /// Scopes that no longer allow a method break apps that hold only those; a method that lists none
    /// allows every scope of its API.
    private mutating func compareScopes(_ old: Method, _ new: Method, at path: String) {
        guard old.scopes != nil || new.scopes != nil else { return }
        let oldScopes = Set(old.scopes ?? self.old.scopes.map(\.url))
        let newScopes = Set(new.scopes ?? self.new.scopes.map(\.url))
        for scope in oldScopes.subtracting(newScopes).sorted() {
            record(
                .methods, .changed, path, detail: "scope \(Self.scopeName(scope)) no longer allows it", breaking: true,
                "apps that hold only this scope can no longer call it")
        }
        for scope in newScopes.subtracting(oldScopes).sorted() {
            record(
                .methods, .changed, path, detail: "scope \(Self.scopeName(scope)) now allows it", breaking: false,
                "one more scope allows the call")
        }
    }
}
