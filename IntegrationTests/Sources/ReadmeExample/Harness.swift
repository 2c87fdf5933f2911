import DiscoveryRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime
import OpenAPIURLSession

/// What the README example runs against instead of Google: a local server and a fixed token.
public enum ReadmeExampleHarness {
    /// The server that the example's `URLSessionTransport()` sends to.
    @TaskLocal public static var serverURL = URL(string: "http://127.0.0.1:9/")!
    /// The token that the example's `fetchToken()` returns.
    public static let token = "readme-example-token"
}

/// The README's `URLSessionTransport()`: the real one, sending to the host and port of
/// ``ReadmeExampleHarness/serverURL`` instead of Google's.
struct URLSessionTransport: ClientTransport {
    private let transport = OpenAPIURLSession.URLSessionTransport()

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws
        -> (HTTPResponse, HTTPBody?)
    {
        var local = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)!
        local.scheme = ReadmeExampleHarness.serverURL.scheme
        local.host = ReadmeExampleHarness.serverURL.host
        local.port = ReadmeExampleHarness.serverURL.port
        return try await transport.send(request, body: body, baseURL: local.url!, operationID: operationID)
    }
}

/// The README's "your OAuth code".
func fetchToken() async throws -> AccessToken {
    AccessToken(value: ReadmeExampleHarness.token, expiresAt: Date() + 3600)
}
