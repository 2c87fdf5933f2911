import DiscoveryRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Google's Application Default Credentials: the credentials of wherever the code runs, found in the order
/// Google's own libraries look.
///
/// 1. The file named by `GOOGLE_APPLICATION_CREDENTIALS`.
/// 2. gcloud's `application_default_credentials.json` (`gcloud auth application-default login`).
/// 3. The metadata server of Compute Engine, Cloud Run, GKE and the others.
///
/// Files may hold a user's grant (`authorized_user`) or a service account key (`service_account`).
public enum ApplicationDefaultCredentials {
    /// Where to look; the defaults are Google's, and tests point each one at local files and servers.
    public struct Sources: Sendable {
        /// The file named by `GOOGLE_APPLICATION_CREDENTIALS`.
        public var credentialsFile: URL?
        /// gcloud's file: `~/.config/gcloud/application_default_credentials.json`, or under `%APPDATA%` on Windows.
        public var gcloudFile: URL?
        /// `http://metadata.google.internal/`; nil to skip the metadata server.
        public var metadataServer: URL?
        /// `https://oauth2.googleapis.com/token`, for `authorized_user` files.
        public var tokenEndpoint: URL

        public init(
            credentialsFile: URL?, gcloudFile: URL?, metadataServer: URL?,
            tokenEndpoint: URL = InstalledAppFlow.googleTokenEndpoint
        ) {
            self.credentialsFile = credentialsFile
            self.gcloudFile = gcloudFile
            self.metadataServer = metadataServer
            self.tokenEndpoint = tokenEndpoint
        }

        /// Google's places, read from this process's environment.
        public static var standard: Sources {
            let environment = ProcessInfo.processInfo.environment
            let home = environment["HOME"].map { URL(fileURLWithPath: $0) }
            let configuration =
                environment["CLOUDSDK_CONFIG"].map { URL(fileURLWithPath: $0) }
                ?? home?.appendingPathComponent(".config/gcloud")
            return Sources(
                credentialsFile: environment["GOOGLE_APPLICATION_CREDENTIALS"].map { URL(fileURLWithPath: $0) },
                gcloudFile: configuration?.appendingPathComponent("application_default_credentials.json"),
                metadataServer: URL(string: "http://metadata.google.internal/"))
        }
    }

    /// The first credentials found, as a token provider for `scopes`.
    ///
    /// - Throws: ``CredentialsNotFound`` naming every place looked at, or the error of a file that is there but
    ///   cannot be used.
    public static func provider<Scope: RawRepresentable<String>>(
        scopes: [Scope], transport: any ClientTransport, sources: Sources = .standard
    ) throws -> any AccessTokenProvider {
        for file in [sources.credentialsFile, sources.gcloudFile].compactMap({ $0 })
        where FileManager.default.fileExists(atPath: file.path) {
            return try fromFile(file, scopes: scopes, transport: transport, tokenEndpoint: sources.tokenEndpoint)
        }
        if let server = sources.metadataServer {
            return MetadataServerCredentials(server: server, scopes: scopes.map(\.rawValue), transport: transport)
        }
        throw CredentialsNotFound(
            looked: [sources.credentialsFile, sources.gcloudFile].compactMap { $0?.path })
    }

    private static func fromFile<Scope: RawRepresentable<String>>(
        _ file: URL, scopes: [Scope], transport: any ClientTransport, tokenEndpoint: URL
    ) throws -> any AccessTokenProvider {
        let data = try Data(contentsOf: file)
        let kind = try JSONDecoder().decode(CredentialsFile.self, from: data)
        switch kind.type {
        case "service_account":
            let key = try JSONDecoder().decode(ServiceAccountKey.self, from: data)
            return ServiceAccountCredentials(key: key, scopes: scopes, transport: transport)
        case "authorized_user":
            guard let clientID = kind.clientID, let refreshToken = kind.refreshToken else {
                throw OAuthError(code: nil, message: "\(file.path) lacks client_id or refresh_token", httpStatus: 0)
            }
            let flow = InstalledAppFlow(
                clientID: clientID, clientSecret: kind.clientSecret, tokenEndpoint: tokenEndpoint, transport: transport)
            return UserCredentials(flow: flow, refreshToken: refreshToken)
        default:
            throw OAuthError(
                code: nil,
                message: "\(file.path) holds credentials of type '\(kind.type ?? "none")', "
                    + "not service_account or authorized_user", httpStatus: 0)
        }
    }
}

/// The kind of a credentials file, and what an `authorized_user` one holds.
private struct CredentialsFile: Decodable {
    var type: String?
    var clientID: String?
    var clientSecret: String?
    var refreshToken: String?

    enum CodingKeys: String, CodingKey {
        case type, clientID = "client_id", clientSecret = "client_secret", refreshToken = "refresh_token"
    }
}

/// No Application Default Credentials: no file and no metadata server.
public struct CredentialsNotFound: Error, CustomStringConvertible, Sendable {
    /// The files looked for.
    public var looked: [String]

    public var description: String {
        "No Application Default Credentials: none of \(looked.joined(separator: ", ")) exists, and the metadata "
            + "server is not used. Set GOOGLE_APPLICATION_CREDENTIALS or run `gcloud auth application-default login`."
    }
}

/// Tokens of the service account attached to the machine, from its metadata server.
struct MetadataServerCredentials: AccessTokenProvider {
    private let cache: CachingTokenProvider

    init(server: URL, scopes: [String], transport: any ClientTransport) {
        cache = CachingTokenProvider {
            var headerFields = HTTPFields()
            headerFields[HTTPField.Name("Metadata-Flavor")!] = "Google"
            let scope =
                scopes.joined(separator: ",").addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""
            let request = HTTPRequest(
                method: .get, scheme: nil, authority: nil,
                path: "/computeMetadata/v1/instance/service-accounts/default/token"
                    + (scopes.isEmpty ? "" : "?scopes=\(scope)"),
                headerFields: headerFields)
            let base = URL(
                string: server.absoluteString.hasSuffix("/")
                    ? String(server.absoluteString.dropLast()) : server.absoluteString)!
            let (response, body) = try await transport.send(
                request, body: nil, baseURL: base, operationID: "metadata.token")
            let data = try await Data(collecting: body ?? HTTPBody(), upTo: TokenEndpoint.maximumResponseBytes)
            guard response.status.kind == .successful,
                let tokens = try? JSONDecoder().decode(TokenResponse.self, from: data)
            else {
                throw OAuthError(
                    code: nil, message: "the metadata server gave no token", httpStatus: response.status.code)
            }
            return tokens.accessToken(receivedAt: Date())
        }
    }

    func accessToken(forceRefresh: Bool) async throws -> String {
        try await cache.accessToken(forceRefresh: forceRefresh)
    }
}
