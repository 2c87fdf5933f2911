import DiscoveryRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// What an OAuth 2.0 token endpoint answers (RFC 6749 5.1), for every grant.
///
/// Its descriptions never show the tokens.
public struct TokenResponse: Sendable, Decodable, CustomStringConvertible {
    /// The access token, to send as `Authorization: Bearer …`.
    public var accessToken: String
    /// Seconds until the access token expires.
    public var expiresIn: Int?
    /// A token that gets new access tokens; sent only in the first exchange, and only with `access_type=offline`.
    public var refreshToken: String?
    /// The scopes granted, separated by spaces; fewer than asked for when the user unchecked some.
    public var scope: String?
    /// `Bearer`.
    public var tokenType: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", expiresIn = "expires_in", refreshToken = "refresh_token", scope
        case tokenType = "token_type"
    }

    /// The granted scopes, one by one.
    public var grantedScopes: [String] {
        (scope ?? "").split(separator: " ").map(String.init)
    }

    /// The access token and when it expires, measured from `now`.
    public func accessToken(receivedAt now: Date) -> AccessToken {
        AccessToken(value: accessToken, expiresAt: expiresIn.map { now.addingTimeInterval(TimeInterval($0)) })
    }

    public var description: String {
        "TokenResponse(redacted, expires in \(expiresIn.map(String.init) ?? "?") s, scopes: \(scope ?? "?"))"
    }
}

/// A token endpoint refused a grant, or answered something that is not a token.
public struct OAuthError: Error, CustomStringConvertible, Sendable {
    /// `invalid_grant`, `invalid_client`, …; nil when the answer was not an OAuth error.
    public var code: String?
    /// The endpoint's explanation, or what went wrong with its answer.
    public var message: String
    /// The HTTP status of the answer.
    public var httpStatus: Int

    public var description: String {
        "OAuth error \(httpStatus)" + (code.map { " \($0)" } ?? "") + ": \(message)"
    }
}

/// A granted token lacks scopes that a call needs.
public struct MissingScopesError: Error, CustomStringConvertible, Sendable {
    /// The scopes asked for but not granted.
    public var missing: [String]

    public var description: String {
        "The user did not grant these scopes: \(missing.joined(separator: ", ")). Ask again for them, or call "
            + "only methods that the granted scopes allow."
    }
}

/// Posts form-encoded grants to a token endpoint through a swift-openapi-runtime transport, so that any transport
/// (URLSession, AsyncHTTPClient, a test's) serves.
struct TokenEndpoint: Sendable {
    let url: URL
    let transport: any ClientTransport
    /// The most of an answer that is read; a token response is a few kilobytes.
    static let maximumResponseBytes = 1024 * 1024

    /// Revokes a refresh or access token (RFC 7009, Google's `oauth2.googleapis.com/revoke`); a token that is
    /// already invalid counts as revoked.
    func revoke(_ token: String) async throws {
        let (status, data) = try await post([("token", token)])
        guard (200..<300).contains(status) else {
            let error = Self.error(status: status, body: data)
            guard error.code == "invalid_token" else { throw error }
            return
        }
    }

    /// Sends the grant and decodes the token response.
    func grant(_ fields: [(String, String)]) async throws -> TokenResponse {
        let (status, data) = try await post(fields)
        guard (200..<300).contains(status) else { throw Self.error(status: status, body: data) }
        do {
            return try JSONDecoder().decode(TokenResponse.self, from: data)
        } catch {
            throw OAuthError(code: nil, message: "the answer is not a token response", httpStatus: status)
        }
    }

    private func post(_ fields: [(String, String)]) async throws -> (Int, Data) {
        var headerFields = HTTPFields()
        headerFields[.contentType] = "application/x-www-form-urlencoded"
        headerFields[.accept] = "application/json"
        let target = url.transportTarget
        let request = HTTPRequest(
            method: .post, scheme: nil, authority: nil, path: target.path, headerFields: headerFields)
        let body = HTTPBody(Data(Self.formEncoded(fields).utf8))
        let (response, responseBody) = try await transport.send(
            request, body: body, baseURL: target.baseURL, operationID: "oauth2.token")
        var data = Data()
        if let responseBody {
            for try await chunk in responseBody {
                data.append(contentsOf: chunk.prefix(Self.maximumResponseBytes - data.count))
                if data.count >= Self.maximumResponseBytes { break }
            }
        }
        return (response.status.code, data)
    }

    /// `application/x-www-form-urlencoded`: everything but unreserved characters percent-encoded.
    static func formEncoded(_ fields: [(String, String)]) -> String {
        fields.map { "\(formEscaped($0.0))=\(formEscaped($0.1))" }.joined(separator: "&")
    }

    static func formEscaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The endpoint's `{"error": …, "error_description": …}`, which never holds a token.
    private static func error(status: Int, body: Data) -> OAuthError {
        struct Body: Decodable {
            var error: String?
            var errorDescription: String?
            enum CodingKeys: String, CodingKey { case error, errorDescription = "error_description" }
        }
        let decoded = try? JSONDecoder().decode(Body.self, from: body)
        return OAuthError(
            code: decoded?.error, message: decoded?.errorDescription ?? "the token endpoint refused the grant",
            httpStatus: status)
    }
}
