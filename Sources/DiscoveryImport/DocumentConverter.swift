import DiscoveryCodegen
import DiscoveryYAML

/// Converts the node tree of a Discovery document into the spec's YAML values.
///
/// It never stops at the first problem: what the spec format cannot say is mapped to the nearest thing
/// it can, or left out, with a warning that points into the document. Only a document that is not a
/// Discovery document at all is an error.
struct DocumentConverter {
    private(set) var diagnostics: [Diagnostic] = []
    /// Every schema of the document, to check references where they are written.
    var schemaNames: Set<String> = []
    /// The document's `schemas`, for what a method's response says about it (paging).
    var schemas: Node?
    /// The API's own scopes; a method that lists all of them says nothing in the spec.
    var apiScopes: Set<String> = []
    var apiName = ""
    var servicePath = ""
    /// The document's `apiVersion`; a method that asks for the same one says nothing in the spec.
    var documentAPIVersion: String?
    /// The module name to write instead of the derived one, so that a module keeps its name across
    /// revisions whose titles differ.
    var moduleOverride: String?
    /// Where the document is published, written as the spec's `discoveryURL`.
    var discoveryURL: String?
    /// Warnings that would repeat for every field, reported once with a count.
    var repeatedWarnings: [String: (location: SourceLocation, count: Int)] = [:]

    mutating func warn(at location: SourceLocation, _ message: String) {
        diagnostics.append(.warning(at: location, message))
    }

    mutating func fail(at location: SourceLocation, _ message: String) {
        diagnostics.append(.error(at: location, message))
    }

    /// Counts a warning that applies to many places; `reportOncePerDocument` gives it once, with the count.
    mutating func warnOnce(at location: SourceLocation, _ message: String) {
        if let seen = repeatedWarnings[message] {
            repeatedWarnings[message] = (seen.location, seen.count + 1)
        } else {
            repeatedWarnings[message] = (location, 1)
        }
    }

    /// The spec and the comment to put above it; nil when the document cannot be imported.
    mutating func convert(_ root: Node) -> (spec: YAMLValue, comment: String)? {
        guard root.isMapping else {
            fail(at: root.location, "expected a Discovery document (a JSON object), found \(root.kindDescription)")
            return nil
        }
        if let kind = root["kind"]?.text, kind != "discovery#restDescription" {
            fail(at: root.location(of: "kind"), "expected a Discovery REST description, found kind '\(kind)'")
        }
        for key in ["name", "version"] where root[key]?.text == nil {
            fail(at: root.location, "the Discovery document has no '\(key)'")
        }
        guard let rawName = root["name"]?.text, let version = root["version"]?.text, let rootURL = rootURL(root)
        else {
            return nil
        }
        apiName = specName(rawName, at: root.location(of: "name"))
        documentAPIVersion = root["apiVersion"]?.text
        schemas = root["schemas"]
        schemaNames = Set(schemas?.entries.map(\.key) ?? [])
        let scopeEntries = root["auth"]?["oauth2"]?["scopes"]?.sortedEntries ?? []
        apiScopes = Set(scopeEntries.map(\.key))
        let title = root["title"]?.text ?? rawName

        var spec = YAMLMappingBuilder()
        spec.add("name", .string(apiName))
        spec.add("version", .string(version))
        spec.add("title", .string(title))
        spec.add("description", prose(root["description"]?.text))
        spec.add("revision", root["revision"]?.text.map(YAMLValue.string))
        spec.add("discoveryURL", discoveryURL.map(YAMLValue.string))
        spec.add("rootURL", .string(rootURL))
        spec.add("apiVersion", documentAPIVersion.map(YAMLValue.string))
        spec.add("mtlsRootURL", root["mtlsRootUrl"]?.text.flatMap { isRootURL($0) ? YAMLValue.string($0) : nil })
        spec.addMapping("endpoints", endpoints(root["endpoints"]))
        spec.add("documentation", root["documentationLink"]?.text.map(YAMLValue.string))
        let derivedModule = Self.moduleName(canonicalName: root["canonicalName"]?.text, title: title, name: apiName)
        spec.add("module", .string(moduleOverride ?? derivedModule))
        spec.addMapping(
            "scopes",
            scopeEntries.map { entry in
                YAMLEntry(
                    key: entry.key, value: .string(entry.value["description"]?.text ?? ""), source: entry.keyLocation)
            })
        spec.addMapping("methods", methods(root["methods"], resourcePath: []))
        spec.addMapping("resources", resources(root["resources"], parentPath: []))
        spec.addMapping(
            "schemas",
            (root["schemas"]?.sortedEntries ?? []).map {
                YAMLEntry(key: $0.key, value: schema($0), source: $0.keyLocation)
            })
        reportOncePerDocument(root)

        var comment = "\(title) \(version)"
        if let revision = root["revision"]?.text { comment += ", revision \(revision)" }
        comment += ", imported from Google's Discovery document by `discovery-generator import`."
        return (spec.value, comment)
    }

    /// The root URL, and `servicePath` as a side effect: `rootUrl` and `servicePath` when the document has them,
    /// as every current one does. Older documents have only `baseUrl` (root and service path in one) or only
    /// `basePath`, which Google's Go generator resolves against `https://www.googleapis.com/`; both are
    /// split the same way, with a warning that says where the root came from.
    private mutating func rootURL(_ root: Node) -> String? {
        if let rootURL = root["rootUrl"]?.text {
            servicePath = root["servicePath"]?.text ?? ""
            return rootURL
        }
        let key = root["baseUrl"]?.text != nil ? "baseUrl" : "basePath"
        guard let base = root[key]?.text else {
            fail(at: root.location, "the Discovery document has no 'rootUrl', 'baseUrl' or 'basePath'")
            return nil
        }
        let url = key == "baseUrl" ? base : "https://www.googleapis.com/" + base.drop(while: { $0 == "/" })
        let afterScheme = url.hasPrefix("https://") ? url.dropFirst("https://".count) : nil
        guard let afterScheme, let slash = afterScheme.firstIndex(of: "/"), slash > afterScheme.startIndex else {
            fail(at: root.location(of: key), "'\(key)' is not an https URL with a path: '\(base)'")
            return nil
        }
        servicePath = String(afterScheme[afterScheme.index(after: slash)...])
        let rootURL = String(url[..<slash]) + "/"
        warn(
            at: root.location(of: key),
            "the document has no 'rootUrl'; the root URL \(rootURL) and the service path '\(servicePath)' come from '\(key)'"
        )
        return rootURL
    }

    /// Locational endpoints by location, sorted; an endpoint that is not an https root is left out with a warning.
    private mutating func endpoints(_ node: Node?) -> [YAMLEntry] {
        var byLocation: [String: YAMLEntry] = [:]
        for item in node?.items ?? [] {
            guard let location = item["location"]?.text, let url = item["endpointUrl"]?.text else { continue }
            let isLocation =
                !location.isEmpty
                && location.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            guard isRootURL(url), isLocation else {
                warn(
                    at: item.location,
                    "endpoint '\(url)' in '\(location)' is not an https root ending with '/' in a location name; it is left out"
                )
                continue
            }
            if let first = byLocation[location], case .string(let kept) = first.value {
                warn(
                    at: item.location,
                    "a second endpoint for location '\(location)' (\(url)) is left out; the first one, \(kept), is kept"
                )
                continue
            }
            byLocation[location] = YAMLEntry(key: location, value: .string(url), source: item.location)
        }
        return byLocation.keys.sorted().compactMap { byLocation[$0] }
    }

    private func isRootURL(_ url: String) -> Bool {
        url.hasPrefix("https://") && url.hasSuffix("/") && !url.contains("?") && !url.contains("#")
    }

    /// Batch requests, which have no place in the spec, and the warnings counted by `warnOnce`.
    private mutating func reportOncePerDocument(_ root: Node) {
        if let batch = root.entries.first(where: { $0.key == "batchPath" }) {
            warn(
                at: batch.keyLocation,
                "batch requests ('batchPath') are not supported by the generated client and are left out")
        }
        for (message, seen) in repeatedWarnings.sorted(by: { ($0.value.location, $0.key) < ($1.value.location, $1.key) }
        ) {
            warn(at: seen.location, seen.count == 1 ? message : "\(message) (\(seen.count) places)")
        }
    }

    /// The spec's `name` is lower-case letters and digits; Discovery names nearly always are.
    private mutating func specName(_ name: String, at location: SourceLocation) -> String {
        let cleaned = String(name.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        if cleaned != name {
            warn(
                at: location,
                "the API name '\(name)' is written as '\(cleaned)': a spec name has only lower-case letters and digits")
        }
        return cleaned
    }

    /// `Data Portability` → `DataPortability`; without a usable canonical name, the title without "API",
    /// which is also the spec's default. A name that generated code imports (`Logging`) gets `API` after it.
    static func moduleName(canonicalName: String?, title: String, name: String) -> String {
        let module = derivedModuleName(canonicalName: canonicalName, title: title, name: name)
        return ModuleGenerator.importedModules.contains(module) ? module + "API" : module
    }

    private static func derivedModuleName(canonicalName: String?, title: String, name: String) -> String {
        func upperCamel(_ text: String) -> String {
            text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map {
                $0.prefix(1).uppercased() + $0.dropFirst()
            }.joined()
        }
        func isUsable(_ module: String) -> Bool {
            module.first?.isLetter == true && module.first?.isUppercase == true && module.allSatisfy { $0.isASCII }
        }
        if let canonicalName, isUsable(upperCamel(canonicalName)) { return upperCamel(canonicalName) }
        var words = title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        if words.last == "API" { words.removeLast() }
        let fromTitle = upperCamel(words.joined(separator: " "))
        return isUsable(fromTitle) ? fromTitle : name.prefix(1).uppercased() + name.dropFirst()
    }

    /// A description, with the spaces at line ends removed (the generated documentation drops them too),
    /// so that multi-line text can be written as a readable block.
    func prose(_ text: String?) -> YAMLValue? {
        guard var text, !text.isEmpty else { return nil }
        // Lines lose their trailing spaces; both are ASCII, so the text is read as bytes.
        let result = text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var pendingSpaces = 0
            for byte in bytes {
                switch byte {
                case UInt8(ascii: " "):
                    pendingSpaces += 1
                case UInt8(ascii: "\n"):
                    pendingSpaces = 0
                    result.append(byte)
                default:
                    if pendingSpaces > 0 {
                        result.append(contentsOf: repeatElement(UInt8(ascii: " "), count: pendingSpaces))
                        pendingSpaces = 0
                    }
                    result.append(byte)
                }
            }
            return result
        }
        return .text(String(decoding: result, as: UTF8.self))
    }
}
