import DiscoveryRuntime
import Foundation
import TestTransport
import Testing
import _CryptoExtras

@testable import DiscoveryAuth

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

private enum TestScope: String {
    case youtube = "https://www.googleapis.com/auth/dataportability.myactivity.youtube"
    case maps = "https://www.googleapis.com/auth/dataportability.myactivity.maps"
}

/// The values of a form-encoded body.
func formFields(_ body: Data?) -> [String: String] {
    let items = URLComponents(string: "http://x/?" + String(decoding: body ?? Data(), as: UTF8.self))?.queryItems ?? []
    return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
}

@Suite struct InstalledAppFlowTests {
    private func flow(_ transport: ScriptedTransport) -> InstalledAppFlow {
        InstalledAppFlow(
            clientID: "client-1.apps.googleusercontent.com", clientSecret: "secret-1",
            tokenEndpoint: URL(string: "https://oauth.example/token")!, transport: transport)
    }

    @Test func theConsentURLAsksForExactlyTheScopesWithPKCE() throws {
        let url = flow(ScriptedTransport([])).authorizationURL(
            scopes: [TestScope.youtube.rawValue, TestScope.maps.rawValue],
            redirectURI: URL(string: "http://127.0.0.1:5000/")!, state: "st+ate", codeChallenge: "challenge",
            options: .init(prompt: "consent", loginHint: "a+b@example.com"))
        let items = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems)
        let query = Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        #expect(url.absoluteString.hasPrefix("https://accounts.google.com/o/oauth2/v2/auth?"))
        #expect(query["scope"] == "\(TestScope.youtube.rawValue) \(TestScope.maps.rawValue)")
        #expect(query["code_challenge_method"] == "S256")
        #expect(query["access_type"] == "offline")
        #expect(query["include_granted_scopes"] == "true")
        #expect(query["prompt"] == "consent")
        #expect(query["login_hint"] == "a+b@example.com")
        #expect(query["state"] == "st+ate")
        #expect(query["redirect_uri"] == "http://127.0.0.1:5000/")
        #expect(!url.absoluteString.contains("+"))
    }

    @Test func theChallengeIsTheSHA256OfTheVerifierInBase64URL() {
        // Computed independently with Python's hashlib and base64.urlsafe_b64encode.
        #expect(
            PKCE(verifier: "dBjftJeZ4CVP-mJ92K9qjH1pbXcXgaSnVVqoYoLpLuPY").challenge
                == "jiTCyI6lLIdarabhNaoKxhKl9GTQ_I5y25tSAsHK6wc")
        let random = PKCE()
        #expect(random.verifier.count == 64)
        #expect(random.verifier != PKCE().verifier)
    }

    @Test func theWholeFlowReceivesTheCodeOnLoopbackAndRefreshesLater() async throws {
        let transport = ScriptedTransport([
            .response(
                status: 200,
                body:
                    #"{"access_token": "ya29.first", "expires_in": 3599, "refresh_token": "1//refresh", "scope": "\#(TestScope.youtube.rawValue) \#(TestScope.maps.rawValue)", "token_type": "Bearer"}"#
            ),
            .response(status: 200, body: #"{"access_token": "ya29.second", "expires_in": 3599}"#),
        ])
        let consent = ConsentURL()
        let credentials = try await flow(transport).authorize(scopes: [TestScope.youtube, .maps]) { url in
            consent.url = url
            try await Self.followRedirect(of: url, code: "4/code")
        }
        #expect(credentials.refreshToken == "1//refresh")
        #expect(try await credentials.accessToken(forceRefresh: false) == "ya29.first")
        #expect(try await credentials.accessToken(forceRefresh: true) == "ya29.second")

        let calls = await transport.calls
        let exchange = formFields(calls[0].body)
        #expect(exchange["grant_type"] == "authorization_code")
        #expect(exchange["code"] == "4/code")
        let consentQuery = try #require(consent.url.flatMap { URLComponents(url: $0, resolvingAgainstBaseURL: false) })
        let challenge = consentQuery.queryItems?.first { $0.name == "code_challenge" }?.value
        #expect(PKCE(verifier: exchange["code_verifier"] ?? "").challenge == challenge)
        #expect(exchange["redirect_uri"] == consentQuery.queryItems?.first { $0.name == "redirect_uri" }?.value)
        let refresh = formFields(calls[1].body)
        #expect(refresh["grant_type"] == "refresh_token")
        #expect(refresh["refresh_token"] == "1//refresh")
        #expect(refresh["client_secret"] == "secret-1")
        #expect(calls[1].request.headerFields[.contentType] == "application/x-www-form-urlencoded")
    }

    @Test func uncheckedScopesAreNamed() async throws {
        let transport = ScriptedTransport([
            .response(status: 200, body: #"{"access_token": "t", "scope": "\#(TestScope.youtube.rawValue)"}"#)
        ])
        let error = await #expect(throws: MissingScopesError.self) {
            _ = try await flow(transport).authorize(scopes: [TestScope.youtube, .maps]) { url in
                try await Self.followRedirect(of: url, code: "c")
            }
        }
        #expect(error?.missing == [TestScope.maps.rawValue])
        #expect(error?.description.contains("dataportability.myactivity.maps") == true)
    }

    @Test func aForgedOrDeclinedRedirectIsRefused() async throws {
        await #expect(throws: AuthorizationRedirectError.self) {
            _ = try await flow(ScriptedTransport([])).authorize(scopes: [TestScope.youtube]) { url in
                try await Self.followRedirect(of: url, code: "c", state: "forged")
            }
        }
        await #expect(throws: AuthorizationRedirectError.self) {
            _ = try await flow(ScriptedTransport([])).authorize(scopes: [TestScope.youtube]) { url in
                try await Self.followRedirect(of: url, error: "access_denied")
            }
        }
    }

    @Test func refusalsAndTokensNeverShowSecrets() async throws {
        let transport = ScriptedTransport([
            .response(status: 400, body: #"{"error": "invalid_grant", "error_description": "Bad Request"}"#)
        ])
        let error = await #expect(throws: OAuthError.self) {
            _ = try await flow(transport).refresh(refreshToken: "1//secret-refresh")
        }
        #expect(error?.code == "invalid_grant")
        #expect(error?.description.contains("secret") == false)
        let tokens = try JSONDecoder().decode(
            TokenResponse.self, from: Data(#"{"access_token": "ya29.secret", "refresh_token": "1//x"}"#.utf8))
        #expect(!"\(tokens)".contains("ya29") && !"\(tokens)".contains("1//x"))
    }

    /// What a browser does after consent: follow the redirect to the loopback listener.
    static func followRedirect(
        of consentURL: URL, code: String? = nil, state: String? = nil, error: String? = nil
    ) async throws {
        let query = URLComponents(url: consentURL, resolvingAgainstBaseURL: false)?.queryItems ?? []
        let redirect = try #require(query.first { $0.name == "redirect_uri" }?.value)
        var components = try #require(URLComponents(string: redirect))
        components.queryItems = [
            code.map { URLQueryItem(name: "code", value: $0) },
            error.map { URLQueryItem(name: "error", value: $0) },
            URLQueryItem(name: "state", value: state ?? query.first { $0.name == "state" }?.value),
        ].compactMap { $0 }
        // The request runs after `open` returns, as a browser's would.
        Task.detached {
            _ = try? await URLSession.shared.data(from: components.url!)
        }
    }
}

/// The consent URL that `open` was given.
private final class ConsentURL: @unchecked Sendable {
    private let lock = NSLock()
    private var value: URL?

    var url: URL? {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
