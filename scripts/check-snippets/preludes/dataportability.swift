// What a reader of the Data Portability examples has: a client, an archive job's ID, and their own OAuth code.
import DataPortability
import DiscoveryRuntime
import Foundation

let client: DataPortabilityClient = given()
let jobID = "7d2f0a1c"
let tokenStore = YourOAuthCode()

/// "your OAuth code", in UsingAGeneratedClient.md.
struct YourOAuthCode {
    func freshAccessToken() async throws -> String { given() }
}
