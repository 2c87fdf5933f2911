import Crypto
import Foundation
import LocalServer
import NIOConcurrencyHelpers
import _CryptoExtras

/// Google's OAuth 2.0 endpoints for installed apps: the consent page redirects at once to the app's loopback
/// address with a code, and the token endpoint gives tokens only for the code, the redirect URI and the PKCE
/// verifier that match what the consent page was given. As Google does for Data Portability, the consent page
/// refuses `include_granted_scopes=true` when some of the scopes are granted already ("Incremental auth is not
/// allowed"); the revocation endpoint ends the grant and its refresh token.
public final class FakeOAuth: Sendable {
    private struct Grant {
        var challenge: String
        var redirectURI: String
        var scope: String
    }

    private let clientID: String
    private let accessToken: String
    private let serviceAccountKey: _RSA.Signing.PublicKey?
    private let grants = NIOLockedValueBox<[String: Grant]>([:])
    /// The scopes granted and not revoked, and the refresh tokens revoked.
    private let granted = NIOLockedValueBox<(scopes: Set<String>, revoked: [String])>(([], []))

    /// The refresh tokens revoked so far.
    public var revokedTokens: [String] { granted.withLockedValue { $0.revoked } }

    /// An OAuth server for `clientID` that hands out `accessToken`, and to the service account whose public key is
    /// `serviceAccountKey`.
    public init(clientID: String, accessToken: String, serviceAccountKey: _RSA.Signing.PublicKey? = nil) {
        self.clientID = clientID
        self.accessToken = accessToken
        self.serviceAccountKey = serviceAccountKey
    }

    public func reply(to request: ReceivedRequest) -> Reply {
        switch (request.method, request.path) {
        case ("GET", "/o/oauth2/v2/auth"): return consent(request.query)
        case ("POST", "/token"): return token(Self.form(request.body))
        case ("POST", "/revoke"): return revoke(Self.form(request.body))
        default: return .text(404, "not found")
        }
    }

    private func consent(_ query: [String: String]) -> Reply {
        guard query["client_id"] == clientID, query["response_type"] == "code",
            query["code_challenge_method"] == "S256", let challenge = query["code_challenge"],
            let redirect = query["redirect_uri"], redirect.hasPrefix("http://127.0.0.1:"), let state = query["state"]
        else { return .text(400, "invalid consent request") }
        var location = URLComponents(string: redirect)!
        let scopes = Set((query["scope"] ?? "").split(separator: " ").map(String.init))
        let isIncremental = query["include_granted_scopes"] == "true"
        if isIncremental, !granted.withLockedValue({ $0.scopes.isDisjoint(with: scopes) }) {
            location.queryItems = [
                URLQueryItem(name: "error", value: "invalid_request"),
                URLQueryItem(
                    name: "error_description", value: "Incremental auth is not allowed for the requested scopes"),
                URLQueryItem(name: "state", value: state),
            ]
            return Reply(status: 302, headers: [("Location", location.url!.absoluteString)])
        }
        let code = grants.withLockedValue { grants in
            let code = "4/code-\(grants.count + 1)"
            grants[code] = Grant(challenge: challenge, redirectURI: redirect, scope: query["scope"] ?? "")
            return code
        }
        location.queryItems = [URLQueryItem(name: "code", value: code), URLQueryItem(name: "state", value: state)]
        return Reply(status: 302, headers: [("Location", location.url!.absoluteString)])
    }

    private func token(_ form: [String: String]) -> Reply {
        if form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer" {
            return jwtBearer(form["assertion"] ?? "")
        }
        guard form["client_id"] == clientID else { return Self.error("invalid_client") }
        switch form["grant_type"] {
        case "authorization_code":
            guard let code = form["code"], let grant = grants.withLockedValue({ $0.removeValue(forKey: code) }),
                form["redirect_uri"] == grant.redirectURI, let verifier = form["code_verifier"],
                Self.challenge(of: verifier) == grant.challenge
            else { return Self.error("invalid_grant") }
            granted.withLockedValue { $0.scopes.formUnion(grant.scope.split(separator: " ").map(String.init)) }
            return .json(
                #"{"access_token": "\#(accessToken)", "expires_in": 3599, "refresh_token": "1//refresh", "scope": "\#(grant.scope)", "token_type": "Bearer"}"#
            )
        case "refresh_token"
        where form["refresh_token"] == "1//refresh" && !revokedTokens.contains("1//refresh"):
            return .json(#"{"access_token": "\#(accessToken)", "expires_in": 3599, "token_type": "Bearer"}"#)
        default:
            return Self.error("unsupported_grant_type")
        }
    }

    /// RFC 7009: the token is revoked, and the grant's scopes with it.
    private func revoke(_ form: [String: String]) -> Reply {
        guard let token = form["token"], !token.isEmpty else { return Self.error("invalid_request") }
        granted.withLockedValue {
            $0.revoked.append(token)
            $0.scopes = []
        }
        return .json("{}")
    }

    /// A service account's assertion: an RS256 JWT that the key's public half verifies, for this endpoint,
    /// not expired.
    private func jwtBearer(_ assertion: String) -> Reply {
        let parts = assertion.split(separator: ".").map(String.init)
        guard let key = serviceAccountKey, parts.count == 3, let signature = Self.base64URLDecoded(parts[2]),
            key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: Data("\(parts[0]).\(parts[1])".utf8),
                padding: .insecurePKCS1v1_5),
            let claimsData = Self.base64URLDecoded(parts[1]),
            let claims = try? JSONSerialization.jsonObject(with: claimsData) as? [String: Any],
            (claims["aud"] as? String)?.hasSuffix("/token") == true,
            let expiry = claims["exp"] as? Int, expiry > Int(Date().timeIntervalSince1970)
        else { return Self.error("invalid_grant") }
        return .json(#"{"access_token": "\#(accessToken)", "expires_in": 3599, "token_type": "Bearer"}"#)
    }

    private static func base64URLDecoded(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    static func challenge(of verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func form(_ body: Data) -> [String: String] {
        let items = URLComponents(string: "http://x/?" + String(decoding: body, as: UTF8.self))?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    private static func error(_ code: String) -> Reply {
        .json(#"{"error": "\#(code)", "error_description": "Bad Request"}"#, status: 400)
    }
}
