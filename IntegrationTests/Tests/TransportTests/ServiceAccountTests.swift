import DataPortability
import DiscoveryAuth
import DiscoveryRuntime
import FakeGoogleAPIs
import Foundation
import LocalServer
import Testing
import _CryptoExtras

/// A service account's token from a token endpoint that checks the JWT against the key's public half, used by a
/// generated client.
@Suite struct ServiceAccountTests {
    @Test(arguments: Transport.allCases)
    func aSignedAssertionGetsATokenThatTheClientSends(_ transport: Transport) async throws {
        let privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let oauth = FakeOAuth(clientID: "-", accessToken: "ya29.robot", serviceAccountKey: privateKey.publicKey)
        let api = FakeDataPortability(token: "ya29.robot")
        try await withLocalServer({ oauth.reply(to: $0) }) { auth in
            try await withLocalServer({ api.reply(to: $0) }) { server in
                let keyJSON: [String: String] = [
                    "type": "service_account", "client_email": "robot@p.iam.gserviceaccount.com",
                    "private_key": privateKey.pemRepresentation,
                    "token_uri": auth.baseURL.appendingPathComponent("token").absoluteString,
                ]
                let key = try JSONDecoder().decode(
                    ServiceAccountKey.self, from: JSONSerialization.data(withJSONObject: keyJSON))
                let credentials = ServiceAccountCredentials(
                    key: key, scopes: [DataPortabilityScope.myactivityYoutube], transport: transport.make())
                let client = DataPortabilityClient(
                    serverURL: server.baseURL, transport: transport.make(),
                    middlewares: [AccessTokenMiddleware(credentials)])
                _ = try await client.authorization.reset()
                #expect(api.resetCount == 1)
                #expect(auth.requests.count == 1)
            }
        }
    }
}
