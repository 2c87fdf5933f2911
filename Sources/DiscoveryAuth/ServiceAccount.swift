import DiscoveryRuntime
import Foundation
import OpenAPIRuntime
import _CryptoExtras

/// A service account's JSON key file, as the Google Cloud console downloads it. Its descriptions never show the
/// private key.
public struct ServiceAccountKey: Decodable, Sendable, CustomStringConvertible {
    public var clientEmail: String
    public var privateKeyID: String?
    /// The PEM of the RSA private key.
    public var privateKey: String
    /// Where the signed assertion is exchanged: `https://oauth2.googleapis.com/token`.
    public var tokenURI: URL
    public var projectID: String?

    enum CodingKeys: String, CodingKey {
        case clientEmail = "client_email", privateKeyID = "private_key_id", privateKey = "private_key"
        case tokenURI = "token_uri", projectID = "project_id"
    }

    /// Reads a key file.
    public init(contentsOf file: URL) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(contentsOf: file))
    }

    public var description: String { "ServiceAccountKey(\(clientEmail), private key redacted)" }
}

/// Access tokens of a service account: an RS256-signed JWT exchanged at the key's `token_uri` (the jwt-bearer
/// grant), refreshed shortly before they expire. Give it to `AccessTokenMiddleware`.
public struct ServiceAccountCredentials: AccessTokenProvider {
    private let cache: CachingTokenProvider

    /// - Parameters:
    ///   - scopes: The scopes to ask for, such as a generated client's scope constants.
    ///   - subject: The user to act as, with domain-wide delegation.
    ///   - transport: Sends the exchange.
    public init<Scope: RawRepresentable<String>>(
        key: ServiceAccountKey, scopes: [Scope], subject: String? = nil, transport: any ClientTransport,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        let endpoint = TokenEndpoint(url: key.tokenURI, transport: transport)
        let scope = scopes.map(\.rawValue).joined(separator: " ")
        cache = CachingTokenProvider(now: now) {
            let issued = now()
            var claims: [String: JWT.Claim] = [
                "iss": .string(key.clientEmail), "scope": .string(scope), "aud": .string(key.tokenURI.absoluteString),
                "iat": .number(Int(issued.timeIntervalSince1970)),
                "exp": .number(Int(issued.timeIntervalSince1970) + 3600),
            ]
            if let subject { claims["sub"] = .string(subject) }
            let assertion = try JWT.signed(claims, with: key)
            return try await endpoint.grant([
                ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion),
            ]).accessToken(receivedAt: issued)
        }
    }

    public func accessToken(forceRefresh: Bool) async throws -> String {
        try await cache.accessToken(forceRefresh: forceRefresh)
    }

    /// A self-signed JWT that Google's APIs accept as an access token without any exchange (AIP-4111), valid for
    /// an hour: `audience` is the API's root URL, such as `https://dataportability.googleapis.com/`.
    public static func selfSignedToken(key: ServiceAccountKey, audience: String, now: Date = Date()) throws
        -> AccessToken
    {
        let issued = Int(now.timeIntervalSince1970)
        let token = try JWT.signed(
            [
                "iss": .string(key.clientEmail), "sub": .string(key.clientEmail), "aud": .string(audience),
                "iat": .number(issued), "exp": .number(issued + 3600),
            ], with: key)
        return AccessToken(value: token, expiresAt: Date(timeIntervalSince1970: TimeInterval(issued + 3600)))
    }
}

/// JSON Web Tokens signed with RS256 (RFC 7515, 7518).
enum JWT {
    enum Claim: Encodable {
        case string(String)
        case number(Int)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let text): try container.encode(text)
            case .number(let number): try container.encode(number)
            }
        }
    }

    static func signed(_ claims: [String: Claim], with key: ServiceAccountKey) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var header: [String: Claim] = ["alg": .string("RS256"), "typ": .string("JWT")]
        if let keyID = key.privateKeyID { header["kid"] = .string(keyID) }
        let signingInput =
            try encoder.encode(header).base64URLEncoded + "." + encoder.encode(claims).base64URLEncoded
        let privateKey: _RSA.Signing.PrivateKey
        do {
            privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: key.privateKey)
        } catch {
            // The key's own error might quote the key; this one never does.
            throw OAuthError(code: nil, message: "the service account's private key is not an RSA key", httpStatus: 0)
        }
        let signature = try privateKey.signature(for: Data(signingInput.utf8), padding: .insecurePKCS1v1_5)
        return signingInput + "." + signature.rawRepresentation.base64URLEncoded
    }
}
