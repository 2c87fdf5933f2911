import DiscoverySpec

/// Collects the changes between two specs. The breaking rules are those of the generated Swift: a
/// removed declaration, a changed type or a new required argument breaks callers; an addition does not.
struct SpecComparison {
    let old: APISpec
    let new: APISpec
    private(set) var changes: [SpecChange] = []

    init(old: APISpec, new: APISpec) {
        self.old = old
        self.new = new
    }

    mutating func record(
        _ group: SpecChange.Group, _ kind: SpecChange.Kind, _ subject: String, detail: String? = nil,
        breaking: Bool, _ reason: String
    ) {
        changes.append(
            SpecChange(group: group, kind: kind, subject: subject, detail: detail, isBreaking: breaking, reason: reason)
        )
    }

    mutating func compareAll() {
        compareAPI()
        compareScopes()
        compareMethods()
        compareSchemas()
    }

    private mutating func compareAPI() {
        if old.module != new.module {
            record(
                .api, .changed, "module", detail: "\(old.module) → \(new.module)", breaking: true,
                "every generated type is renamed")
        }
        if old.rootURL != new.rootURL {
            record(
                .api, .changed, "rootURL", detail: "\(old.rootURL) → \(new.rootURL)", breaking: false,
                "requests go to the new server by default")
        }
        if old.mtlsRootURL != new.mtlsRootURL {
            record(
                .api, .changed, "mtlsRootURL", detail: "\(old.mtlsRootURL ?? "none") → \(new.mtlsRootURL ?? "none")",
                breaking: new.mtlsRootURL == nil,
                new.mtlsRootURL == nil ? "mtlsServerURL is gone" : "mtlsServerURL changes")
        }
        let oldEndpoints = Set(old.endpoints.map(\.location))
        let newEndpoints = Set(new.endpoints.map(\.location))
        for location in oldEndpoints.subtracting(newEndpoints).sorted() {
            record(
                .api, .removed, "endpoint \(location)", breaking: false,
                "locationalServerURLs no longer has it; code that expects it finds nil")
        }
        for location in newEndpoints.subtracting(oldEndpoints).sorted() {
            record(.api, .added, "endpoint \(location)", breaking: false, "a new entry in locationalServerURLs")
        }
        if old.apiVersion != new.apiVersion {
            record(
                .api, .changed, "apiVersion", detail: "\(old.apiVersion ?? "none") → \(new.apiVersion ?? "none")",
                breaking: false, Self.apiVersionReason)
        }
        if old.version != new.version {
            record(
                .api, .changed, "version", detail: "\(old.version) → \(new.version)", breaking: false,
                "only the version the client reports changes")
        }
    }

    private mutating func compareScopes() {
        let oldScopes = Dictionary(old.scopes.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        let newScopes = Dictionary(new.scopes.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        for scope in old.scopes where newScopes[scope.url] == nil {
            record(
                .scopes, .removed, Self.scopeName(scope.url), detail: scope.description, breaking: true,
                "its scope constant is gone, so code that uses it no longer compiles")
        }
        for scope in new.scopes {
            guard let previous = oldScopes[scope.url] else {
                record(
                    .scopes, .added, Self.scopeName(scope.url), detail: scope.description, breaking: false,
                    "a new scope constant")
                continue
            }
            if previous.description != scope.description {
                record(
                    .scopeDescriptions, .changed, Self.scopeName(scope.url),
                    detail: "\(previous.description) → \(scope.description)",
                    breaking: false, "only the description changed")
            }
        }
    }

    static let apiVersionReason =
        "requests ask for another version of the API's interface (x-goog-api-version); the Swift stays the same"

    /// `https://www.googleapis.com/auth/dataportability.maps.reviews` → `dataportability.maps.reviews`.
    static func scopeName(_ url: String) -> String {
        let prefix = "https://www.googleapis.com/auth/"
        return url.hasPrefix(prefix) ? String(url.dropFirst(prefix.count)) : url
    }
}
