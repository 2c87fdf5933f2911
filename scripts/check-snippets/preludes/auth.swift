// What a reader of the DiscoveryAuth example has: an OAuth client, the files to keep tokens in and to read a service
// account key from, the scopes to ask for, and a transport.
import DataPortability
import Foundation
import OpenAPIRuntime

let clientID = "1234-abc.apps.googleusercontent.com"
let clientSecret = "GOCSPX-secret"
let tokensFile = URL(fileURLWithPath: "tokens.json")
let keyFile = URL(fileURLWithPath: "service-account.json")
let scopes: [DataPortabilityScope] = [.myactivityYoutube, .myactivityMaps]
let transport: any ClientTransport = given()
