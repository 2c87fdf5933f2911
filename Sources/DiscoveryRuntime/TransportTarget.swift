import Foundation

extension URL {
    /// The URL as a `ClientTransport` takes it: its origin (scheme, host and port) as the base URL, and its path
    /// and query as the request's path. For URLs that arrive whole: upload sessions, signed downloads, token
    /// endpoints.
    public var transportTarget: (baseURL: URL, path: String) {
        guard var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return (self, "/") }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let pathAndQuery = path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        components.percentEncodedPath = ""
        components.percentEncodedQuery = nil
        components.percentEncodedFragment = nil
        return (components.url ?? self, pathAndQuery)
    }
}
