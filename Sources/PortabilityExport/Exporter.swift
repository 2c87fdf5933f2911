import DataPortability
import DiscoveryAuth
import DiscoveryRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// A person's Data Portability export, from consent to reset: authorize the resource groups' scopes, start the
/// archive, wait for it, download every file of it, and reset the authorization.
public struct Exporter: Sendable {
    /// What to export and where.
    public struct Configuration: Sendable {
        /// The OAuth client ID of a "Desktop app" client from the Google Cloud console.
        public var clientID: String
        public var clientSecret: String?
        /// Resource groups such as `myactivity.youtube`; empty means every group of the API.
        public var resourceGroups: [String]
        /// Where the archive's files go.
        public var outputFolder: URL
        /// Calls `authorization.reset` after the download, which ends one-time access. On by default.
        public var resetsAuthorization = true
        /// Starts a failed job again once with `archiveJobs.retry`. On by default.
        public var retriesFailedJob = true
        /// Cancels the archive job (`archiveJobs.cancel`) when the export is cancelled while it waits, as on Ctrl-C.
        public var cancelsJobWhenCancelled = false
        /// The first wait between polls of the job's state; it doubles up to `maximumPollInterval`.
        public var pollInterval: Duration = .seconds(5)
        public var maximumPollInterval: Duration = .seconds(60)
        public var authorizationEndpoint = InstalledAppFlow.googleAuthorizationEndpoint
        public var tokenEndpoint = InstalledAppFlow.googleTokenEndpoint
        public var serverURL = DataPortabilityClient.defaultServerURL

        public init(clientID: String, clientSecret: String? = nil, resourceGroups: [String], outputFolder: URL) {
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.resourceGroups = resourceGroups
            self.outputFolder = outputFolder
        }
    }

    let configuration: Configuration
    let transport: any ClientTransport
    let openConsentPage: @Sendable (URL) async throws -> Void
    let report: @Sendable (String) -> Void
    let sleep: @Sendable (Duration) async throws -> Void

    /// - Parameters:
    ///   - transport: Sends every request: OAuth, the API, the downloads.
    ///   - openConsentPage: Opens the consent page in a browser, or prints its address.
    ///   - report: Shows progress to the person.
    public init(
        configuration: Configuration, transport: any ClientTransport,
        openConsentPage: @escaping @Sendable (URL) async throws -> Void,
        report: @escaping @Sendable (String) -> Void,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.configuration = configuration
        self.transport = transport
        self.openConsentPage = openConsentPage
        self.report = report
        self.sleep = sleep
    }

    /// The files written, in the order of the archive's URLs.
    @discardableResult
    public func run() async throws -> [URL] {
        let scopes = try Self.scopes(for: configuration.resourceGroups)
        let flow = InstalledAppFlow(
            clientID: configuration.clientID, clientSecret: configuration.clientSecret,
            authorizationEndpoint: configuration.authorizationEndpoint, tokenEndpoint: configuration.tokenEndpoint,
            transport: transport)
        let credentials = try await flow.authorize(scopes: scopes, open: openConsentPage)
        report("Authorized \(scopes.count) resource group(s).")
        let client = DataPortabilityClient(
            serverURL: configuration.serverURL, transport: transport, middlewares: [AccessTokenMiddleware(credentials)])
        let urls = try await archive(scopes.map(\.shortName), with: client)
        var files: [URL] = []
        for (index, url) in urls.enumerated() {
            report("Downloading file \(index + 1) of \(urls.count)…")
            let downloader = Downloader(transport: transport, report: report)
            files.append(try await downloader.download(url, index: index, into: configuration.outputFolder))
        }
        if configuration.resetsAuthorization {
            _ = try await client.authorization.reset()
            report("Reset the authorization: the app's access has ended.")
        }
        return files
    }

    /// The scopes of `groups`, or of every group when there are none.
    static func scopes(for groups: [String]) throws -> [DataPortabilityScope] {
        guard !groups.isEmpty else { return DataPortabilityScope.all }
        let unknown = groups.filter { DataPortabilityScope(shortName: $0) == nil }
        guard unknown.isEmpty else { throw ExportError.unknownResourceGroups(unknown) }
        return groups.compactMap { DataPortabilityScope(shortName: $0) }
    }

    /// Starts the archive and waits for it; the signed URLs of its files.
    private func archive(_ groups: [String], with client: DataPortabilityClient) async throws -> [String] {
        let job: InitiatePortabilityArchiveResponse
        do {
            job = try await client.portabilityArchive.initiate(InitiatePortabilityArchiveRequest(resources: groups))
        } catch let error as GoogleAPIError
            where error.status == "RESOURCE_EXHAUSTED" && error.errorInfo?.reason != "RATE_LIMIT_EXCEEDED"
        {
            throw ExportError.oneTimeAccessUsed(error.message)
        } catch let error as GoogleAPIError where error.status == "FAILED_PRECONDITION" {
            throw ExportError.tooSoon(error.message)
        }
        guard let jobID = job.archiveJobId else { throw ExportError.noJob }
        report("Started archive job \(jobID).")
        do {
            return try await wait(forJob: jobID, with: client)
        } catch is CancellationError where configuration.cancelsJobWhenCancelled {
            // The cancelled task cannot send; a new one can, and is awaited before the error goes on.
            let cancelled = Task.detached { try await client.archiveJobs.cancel(name: "archiveJobs/\(jobID)") }
            _ = try? await cancelled.value
            report("Cancelled archive job \(jobID).")
            throw CancellationError()
        }
    }

    /// Polls the job until it completes, starting a failed one again once; the signed URLs of its files.
    private func wait(forJob firstJobID: String, with client: DataPortabilityClient) async throws -> [String] {
        var jobID = firstJobID
        var retried = false
        var interval = configuration.pollInterval
        var polls = 0
        while true {
            let state = try await client.archiveJobs.getPortabilityArchiveState(
                name: "archiveJobs/\(jobID)/portabilityArchiveState")
            polls += 1
            switch state.state {
            case .complete?:
                report("The archive is ready: \(state.urls?.count ?? 0) file(s).")
                return state.urls ?? []
            case .failed? where configuration.retriesFailedJob && !retried:
                retried = true
                report("The archive job failed; starting it again.")
                guard let next = try await client.archiveJobs.retry(name: "archiveJobs/\(jobID)").archiveJobId else {
                    throw ExportError.noJob
                }
                jobID = next
            case .inProgress?:
                report("Waiting for the archive (check \(polls), next in \(interval))…")
                try await sleep(interval)
                interval = min(interval * 2, configuration.maximumPollInterval)
            default:
                throw ExportError.jobEnded(state.state?.rawValue ?? "unknown")
            }
        }
    }
}

/// What stops an export, each with its own exit status.
public enum ExportError: Error, CustomStringConvertible, Sendable {
    case unknownResourceGroups([String])
    case oneTimeAccessUsed(String)
    case tooSoon(String)
    case noJob
    case jobEnded(String)
    case downloadFailed(String)

    /// The exit status of `portability-export`.
    public var exitCode: Int32 {
        switch self {
        case .unknownResourceGroups: 2
        case .oneTimeAccessUsed: 3
        case .tooSoon: 4
        case .noJob, .jobEnded: 5
        case .downloadFailed: 6
        }
    }

    public var description: String {
        switch self {
        case .unknownResourceGroups(let groups):
            "Unknown resource groups: \(groups.joined(separator: ", ")). Known: "
                + DataPortabilityScope.all.map(\.shortName).joined(separator: ", ")
        case .oneTimeAccessUsed(let message):
            "This authorization's one-time access was already used (\(message)). Run again to authorize anew."
        case .tooSoon(let message):
            "A time-based export of these groups ran in the last 24 hours (\(message)). Try again later."
        case .noJob: "The API started no archive job."
        case .jobEnded(let state): "The archive job ended as \(state)."
        case .downloadFailed(let reason): "A download failed: \(reason)"
        }
    }
}
