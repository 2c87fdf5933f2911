import Crypto
import DiscoveryRuntime
import Foundation
import OpenAPIRuntime

/// Google's OAuth 2.0 flow for installed apps and command-line tools (RFC 8252): the user consents in a browser,
/// which sends the code to a loopback address, and the app exchanges it, proving with PKCE (S256) that it is the
/// app that asked.
///
/// ```swift
/// let flow = InstalledAppFlow(clientID: clientID, clientSecret: secret, transport: URLSessionTransport())
/// let credentials = try await flow.authorize(scopes: [DataPortabilityScope.myactivityYoutube]) { url in
///     print("Open \(url)")
/// }
/// let client = DataPortabilityClient(transport: URLSessionTransport(),
///                                    middlewares: [AccessTokenMiddleware(credentials)])
/// ```
public struct InstalledAppFlow: Sendable {
    /// The OAuth client ID of the app, from the Google Cloud console ("Desktop app").
    public var clientID: String
    /// The client secret of a desktop client, which Google issues though it cannot stay secret in an app.
    public var clientSecret: String?
    /// `https://accounts.google.com/o/oauth2/v2/auth`; tests use a local server.
    public var authorizationEndpoint: URL
    /// `https://oauth2.googleapis.com/token`; tests use a local server.
    public var tokenEndpoint: URL
    /// `https://oauth2.googleapis.com/revoke`; tests use a local server.
    public var revocationEndpoint: URL
    let transport: any ClientTransport

    public static let googleAuthorizationEndpoint = URL(string: "https://accounts.google.com/o/oauth2/v2/auth")!
    public static let googleTokenEndpoint = URL(string: "https://oauth2.googleapis.com/token")!
    public static let googleRevocationEndpoint = URL(string: "https://oauth2.googleapis.com/revoke")!

    public init(
        clientID: String,
        clientSecret: String? = nil,
        authorizationEndpoint: URL = googleAuthorizationEndpoint,
        tokenEndpoint: URL = googleTokenEndpoint,
        revocationEndpoint: URL = googleRevocationEndpoint,
        transport: any ClientTransport
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.authorizationEndpoint = authorizationEndpoint
        self.tokenEndpoint = tokenEndpoint
        self.revocationEndpoint = revocationEndpoint
        self.transport = transport
    }

    /// What the consent page offers besides the scopes.
    public struct Options: Sendable {
        /// `access_type=offline`: a refresh token comes with the first access token. On by default.
        public var offlineAccess = true
        /// `include_granted_scopes=true`: the new grant adds to the scopes granted before. Leave it off for the
        /// Data Portability API: Google refuses the consent ("Incremental auth is not allowed for the requested
        /// scopes", Error 400: invalid_request) when the user already granted some of its scopes.
        public var includeGrantedScopes = true
        /// `prompt`, such as `consent` (always ask, and so always get a refresh token) or `select_account`.
        public var prompt: String?
        /// `login_hint`: the account to suggest.
        public var loginHint: String?

        public init(
            offlineAccess: Bool = true, includeGrantedScopes: Bool = true, prompt: String? = nil,
            loginHint: String? = nil
        ) {
            self.offlineAccess = offlineAccess
            self.includeGrantedScopes = includeGrantedScopes
            self.prompt = prompt
            self.loginHint = loginHint
        }
    }

    /// The consent page's address: where the user grants `scopes`.
    ///
    /// - Parameters:
    ///   - state: A random value that the redirect must carry back, against forged redirects.
    ///   - codeChallenge: The PKCE S256 challenge of the verifier given to ``exchange(code:verifier:redirectURI:)``.
    public func authorizationURL(
        scopes: [String], redirectURI: URL, state: String, codeChallenge: String, options: Options = Options()
    ) -> URL {
        var components = URLComponents(url: authorizationEndpoint, resolvingAgainstBaseURL: false)!
        var items = [
            URLQueryItem(name: "client_id", value: clientID),
            URLQueryItem(name: "redirect_uri", value: redirectURI.absoluteString),
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "scope", value: scopes.joined(separator: " ")),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "code_challenge", value: codeChallenge),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        if options.offlineAccess { items.append(URLQueryItem(name: "access_type", value: "offline")) }
        if options.includeGrantedScopes { items.append(URLQueryItem(name: "include_granted_scopes", value: "true")) }
        if let prompt = options.prompt { items.append(URLQueryItem(name: "prompt", value: prompt)) }
        if let hint = options.loginHint { items.append(URLQueryItem(name: "login_hint", value: hint)) }
        components.queryItems = (components.queryItems ?? []) + items
        // `+` in a query means a space to many servers; scopes are joined by spaces, so it must be escaped.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.url!
    }

    /// Exchanges the code that the redirect brought for tokens.
    public func exchange(code: String, verifier: String, redirectURI: URL) async throws -> TokenResponse {
        try await endpoint.grant(
            [
                ("grant_type", "authorization_code"), ("code", code), ("code_verifier", verifier),
                ("redirect_uri", redirectURI.absoluteString), ("client_id", clientID),
            ] + (clientSecret.map { [("client_secret", $0)] } ?? []))
    }

    /// Gets a new access token with a refresh token.
    public func refresh(refreshToken: String) async throws -> TokenResponse {
        try await endpoint.grant(
            [("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", clientID)]
                + (clientSecret.map { [("client_secret", $0)] } ?? []))
    }

    /// Revokes a refresh token (and the access tokens made from it): the grant ends. A token that is already
    /// invalid counts as revoked.
    public func revoke(refreshToken: String) async throws {
        try await TokenEndpoint(url: revocationEndpoint, transport: transport).revoke(refreshToken)
    }

    private var endpoint: TokenEndpoint { TokenEndpoint(url: tokenEndpoint, transport: transport) }

    /// The whole flow: listens on 127.0.0.1, gives the consent page's address to `open` (which opens a browser or
    /// prints it), waits for the redirect, checks its `state`, exchanges the code, and checks that every scope
    /// was granted.
    ///
    /// - Parameters:
    ///   - timeout: How long to wait for the user; the listener closes then.
    /// - Throws: ``AuthorizationRedirectError`` when the user declined or the redirect is forged,
    ///   ``MissingScopesError`` when scopes were left unchecked, ``OAuthError`` when the exchange fails.
    public func authorize<Scope: RawRepresentable<String>>(
        scopes: [Scope], options: Options = Options(), timeout: Duration = .seconds(300),
        open: @Sendable (URL) async throws -> Void
    ) async throws -> UserCredentials {
        let receiver = try LoopbackReceiver()
        defer { receiver.close() }
        let pkce = PKCE()
        let state = PKCE.randomString(length: 32)
        let scopeNames = scopes.map(\.rawValue)
        let url = authorizationURL(
            scopes: scopeNames, redirectURI: receiver.redirectURI, state: state, codeChallenge: pkce.challenge,
            options: options)
        try await open(url)
        let redirect = try await receiver.receive(timeout: timeout)
        guard redirect["state"] == state else { throw AuthorizationRedirectError.stateMismatch }
        if let error = redirect["error"] { throw AuthorizationRedirectError.denied(error) }
        guard let code = redirect["code"] else { throw AuthorizationRedirectError.missingCode }
        let tokens = try await exchange(code: code, verifier: pkce.verifier, redirectURI: receiver.redirectURI)
        let missing = scopeNames.filter { !tokens.grantedScopes.contains($0) }
        guard missing.isEmpty || tokens.scope == nil else { throw MissingScopesError(missing: missing) }
        return UserCredentials(flow: self, tokens: tokens)
    }
}

/// The redirect from the consent page did not bring a code.
public enum AuthorizationRedirectError: Error, CustomStringConvertible, Sendable {
    /// The user declined, or Google refused: `access_denied`, …
    case denied(String)
    /// The redirect's `state` is not the one sent: it did not come from this authorization.
    case stateMismatch
    case missingCode

    public var description: String {
        switch self {
        case .denied(let error): "The authorization was not granted: \(error)"
        case .stateMismatch: "The redirect does not belong to this authorization (its state differs)"
        case .missingCode: "The redirect has no authorization code"
        }
    }
}

/// Proof Key for Code Exchange (RFC 7636) with S256.
struct PKCE {
    /// 64 unreserved characters, random.
    let verifier: String
    /// BASE64URL(SHA256(verifier)), without padding.
    let challenge: String

    init(verifier: String = PKCE.randomString(length: 64)) {
        self.verifier = verifier
        self.challenge = Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded
    }

    static func randomString(length: Int) -> String {
        let characters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in characters.randomElement(using: &generator)! })
    }
}

extension Data {
    /// Base64url without padding (RFC 4648 5), as JWTs and PKCE use it.
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
