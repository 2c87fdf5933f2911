import DiscoveryRuntime
import Foundation
import TestTransport
import Testing
import _CryptoExtras

@testable import DiscoveryAuth

private enum CloudScope: String {
    case cloudPlatform = "https://www.googleapis.com/auth/cloud-platform"
}

@Suite struct ServiceAccountTests {
    /// A key made for the test; its public half checks the signatures.
    private let privateKey = try! _RSA.Signing.PrivateKey(keySize: .bits2048)

    private var key: ServiceAccountKey {
        let json = """
            {"type": "service_account", "client_email": "robot@project.iam.gserviceaccount.com",
             "private_key_id": "key-1", "private_key": \(jsonString(privateKey.pemRepresentation)),
             "token_uri": "https://oauth.example/token", "project_id": "project"}
            """
        return try! JSONDecoder().decode(ServiceAccountKey.self, from: Data(json.utf8))
    }

    /// The JSON object of a JWT part.
    private func part(_ jwt: String, _ index: Int) throws -> [String: Any] {
        var text = String(jwt.split(separator: ".")[index]).replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return try #require(JSONSerialization.jsonObject(with: Data(base64Encoded: text)!) as? [String: Any])
    }

    private func signatureIsValid(_ jwt: String) -> Bool {
        let parts = jwt.split(separator: ".")
        var signature = String(parts[2]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(
            of: "_", with: "/")
        while signature.count % 4 != 0 { signature += "=" }
        return privateKey.publicKey.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: Data(base64Encoded: signature)!),
            for: Data("\(parts[0]).\(parts[1])".utf8), padding: .insecurePKCS1v1_5)
    }

    @Test func aSignedAssertionIsExchangedForAToken() async throws {
        let transport = ScriptedTransport([
            .response(status: 200, body: #"{"access_token": "ya29.robot", "expires_in": 3600}"#)
        ])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let credentials = ServiceAccountCredentials(
            key: key, scopes: [CloudScope.cloudPlatform], subject: "admin@example.com", transport: transport,
            now: { now })
        #expect(try await credentials.accessToken(forceRefresh: false) == "ya29.robot")

        let call = try #require(await transport.calls.first)
        #expect(call.baseURL.absoluteString == "https://oauth.example")
        #expect(call.request.path == "/token")
        let fields = formFields(call.body)
        #expect(fields["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer")
        let assertion = try #require(fields["assertion"])
        #expect(signatureIsValid(assertion))
        let header = try part(assertion, 0)
        #expect(header["alg"] as? String == "RS256" && header["kid"] as? String == "key-1")
        let claims = try part(assertion, 1)
        #expect(claims["iss"] as? String == "robot@project.iam.gserviceaccount.com")
        #expect(claims["scope"] as? String == CloudScope.cloudPlatform.rawValue)
        #expect(claims["aud"] as? String == "https://oauth.example/token")
        #expect(claims["sub"] as? String == "admin@example.com")
        #expect(claims["iat"] as? Int == 1_800_000_000 && claims["exp"] as? Int == 1_800_003_600)
    }

    @Test func aSelfSignedTokenNamesTheAPIAsAudience() throws {
        let token = try ServiceAccountCredentials.selfSignedToken(
            key: key, audience: "https://dataportability.googleapis.com/", now: Date(timeIntervalSince1970: 0))
        #expect(signatureIsValid(token.value))
        let claims = try part(token.value, 1)
        #expect(claims["aud"] as? String == "https://dataportability.googleapis.com/")
        #expect(claims["sub"] as? String == "robot@project.iam.gserviceaccount.com")
        #expect(token.expiresAt == Date(timeIntervalSince1970: 3600))
    }

    @Test func theKeyIsNeverShown() {
        #expect(!"\(key)".contains("PRIVATE KEY"))
        #expect(!String(reflecting: key).contains("PRIVATE KEY") || String(reflecting: key) == "\(key)")
    }
}

@Suite struct CredentialFileTests {
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("auth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func theFileStoreKeepsTokensForItsOwnerOnly() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = FileTokenStore(file: folder.appendingPathComponent("config/tokens.json"))
        #expect(try await store.refreshToken(for: "me") == nil)
        try await store.setRefreshToken("1//a", for: "me")
        try await store.setRefreshToken("1//b", for: "you")
        #expect(try await store.refreshToken(for: "me") == "1//a")
        let attributes = try FileManager.default.attributesOfItem(atPath: store.file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        try await store.setRefreshToken(nil, for: "me")
        #expect(try await store.refreshToken(for: "me") == nil)
        #expect(try await store.refreshToken(for: "you") == "1//b")
    }

    @Test func applicationDefaultCredentialsReadAnAuthorizedUserFile() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let gcloud = folder.appendingPathComponent("application_default_credentials.json")
        try Data(
            #"{"type": "authorized_user", "client_id": "c", "client_secret": "s", "refresh_token": "1//adc"}"#.utf8
        ).write(to: gcloud)
        let transport = ScriptedTransport([.response(status: 200, body: #"{"access_token": "ya29.adc"}"#)])
        let provider = try ApplicationDefaultCredentials.provider(
            scopes: [CloudScopeForADC.cloudPlatform], transport: transport,
            sources: .init(
                credentialsFile: folder.appendingPathComponent("missing.json"), gcloudFile: gcloud,
                metadataServer: nil, tokenEndpoint: URL(string: "https://oauth.example/token")!))
        #expect(try await provider.accessToken(forceRefresh: false) == "ya29.adc")
        #expect(formFields(await transport.calls.first?.body)["refresh_token"] == "1//adc")
    }

    @Test func applicationDefaultCredentialsFallBackToTheMetadataServer() async throws {
        let transport = ScriptedTransport([
            .response(status: 200, body: #"{"access_token": "ya29.vm", "expires_in": 60}"#)
        ])
        let provider = try ApplicationDefaultCredentials.provider(
            scopes: [CloudScopeForADC.cloudPlatform], transport: transport,
            sources: .init(credentialsFile: nil, gcloudFile: nil, metadataServer: URL(string: "http://127.0.0.1:9/")!))
        #expect(try await provider.accessToken(forceRefresh: false) == "ya29.vm")
        let call = try #require(await transport.calls.first)
        #expect(call.request.headerFields[.init("Metadata-Flavor")!] == "Google")
        #expect(
            call.request.path?.hasPrefix("/computeMetadata/v1/instance/service-accounts/default/token?scopes=") == true)
        #expect(throws: CredentialsNotFound.self) {
            _ = try ApplicationDefaultCredentials.provider(
                scopes: [CloudScopeForADC.cloudPlatform], transport: transport,
                sources: .init(credentialsFile: nil, gcloudFile: nil, metadataServer: nil))
        }
    }
}

private enum CloudScopeForADC: String {
    case cloudPlatform = "https://www.googleapis.com/auth/cloud-platform"
}

/// `text` as a JSON string literal.
private func jsonString(_ text: String) -> String {
    String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
}
