/// Identifies the API and the generator for the standard headers.
///
/// Google uses these headers to attribute traffic to client libraries, so every request carries them.
public struct ServiceInfo: Sendable, Hashable {
    /// The API's name, e.g. `dataportability`.
    public let apiName: String
    /// The API's version, e.g. `v1`.
    public let apiVersion: String
    /// The version of the generator that produced the client.
    public let generatorVersion: String

    /// Names the API and the generator; generated clients pass their spec's values.
    public init(apiName: String, apiVersion: String, generatorVersion: String) {
        self.apiName = apiName
        self.apiVersion = apiVersion
        self.generatorVersion = generatorVersion
    }

    /// The `User-Agent` header value.
    var userAgent: String {
        "swift-discovery-generator/\(generatorVersion) \(apiName)/\(apiVersion)"
    }

    /// The `x-goog-api-client` header value: the language version and the generator version.
    var apiClientHeader: String {
        "gl-swift/\(swiftLanguageVersion) gdcl/\(generatorVersion)"
    }
}

/// The version of the Swift compiler that built this library, as `major.minor` (`compiler`, not `swift`:
/// the language mode would say 5 under a Swift 6 compiler in Swift 5 mode).
let swiftLanguageVersion: String = {
    #if compiler(>=6.4)
        "6.4"
    #elseif compiler(>=6.3)
        "6.3"
    #elseif compiler(>=6.2)
        "6.2"
    #elseif compiler(>=6.1)
        "6.1"
    #else
        "6.0"
    #endif
}()
