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
        /// Calls `authorization.reset` after the download, which ends one-time access. On by default; a kept
        /// sign-in is never reset, since reset revokes the grant.
        public var resetsAuthorization = true
        /// Where a sign-in is kept between runs. When it holds one for this client that covers the resource
        /// groups, the export uses it instead of asking for consent.
        public var keptSignIn: KeptSignIn?
        /// Keeps this run's sign-in in ``keptSignIn`` for the next run (and does not reset it).
        public var keepsSignedIn = false
        /// Exports only what is new since the last successful export kept in ``keptSignIn`` (Data Portability's
        /// `startTime`).
        public var exportsSinceLast = false
        /// Starts a failed job again once with `archiveJobs.retry`. On by default.
        public var retriesFailedJob = true
        /// Cancels the archive job (`archiveJobs.cancel`) when the export is cancelled while it waits, as on Ctrl-C.
        public var cancelsJobWhenCancelled = false
        /// The first wait between polls of the job's state; it doubles up to `maximumPollInterval`.
        public var pollInterval: Duration = .seconds(5)
        public var maximumPollInterval: Duration = .seconds(60)
        public var authorizationEndpoint = InstalledAppFlow.googleAuthorizationEndpoint
        public var tokenEndpoint = InstalledAppFlow.googleTokenEndpoint
        public var revocationEndpoint = InstalledAppFlow.googleRevocationEndpoint
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
    let progress: @Sendable (ExportProgress) -> Void
    let sleep: @Sendable (Duration) async throws -> Void

    /// - Parameters:
    ///   - transport: Sends every request: OAuth, the API, the downloads.
    ///   - openConsentPage: Opens the consent page in a browser, or prints its address.
    ///   - report: Tells the person what happens, a line at a time.
    ///   - progress: Where the archive job and the downloads are, for a progress display.
    public init(
        configuration: Configuration, transport: any ClientTransport,
        openConsentPage: @escaping @Sendable (URL) async throws -> Void,
        report: @escaping @Sendable (String) -> Void,
        progress: @escaping @Sendable (ExportProgress) -> Void = { _ in },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.configuration = configuration
        self.transport = transport
        self.openConsentPage = openConsentPage
        self.report = report
        self.progress = progress
        self.sleep = sleep
    }

    private var flow: InstalledAppFlow {
        InstalledAppFlow(
            clientID: configuration.clientID, clientSecret: configuration.clientSecret,
            authorizationEndpoint: configuration.authorizationEndpoint, tokenEndpoint: configuration.tokenEndpoint,
            revocationEndpoint: configuration.revocationEndpoint, transport: transport)
    }

    /// The files written, in the order of the archive's URLs.
    @discardableResult
    public func run() async throws -> [URL] {
        let scopes = try Self.scopes(for: configuration.resourceGroups)
        let (credentials, record) = try await signIn(scopes)
        let client = DataPortabilityClient(
            serverURL: configuration.serverURL, transport: transport, middlewares: [AccessTokenMiddleware(credentials)])
        var startTime: Timestamp?
        if configuration.exportsSinceLast {
            startTime = record?.lastExportTime
            report(
                startTime.map { "Exporting what is new since \($0)." }
                    ?? "No earlier export is kept for --since-last: exporting everything.")
        }
        let exportTime = Timestamp.now
        let urls = try await archive(scopes.map(\.shortName), since: startTime, with: client)
        var files: [URL] = []
        let progress = self.progress
        for (index, url) in urls.enumerated() {
            report("Downloading file \(index + 1) of \(urls.count)…")
            let downloader = Downloader(
                transport: transport, report: report,
                progress: { bytes, total in
                    progress(.downloading(file: index + 1, files: urls.count, bytes: bytes, totalBytes: total))
                })
            files.append(try await downloader.download(url, index: index, into: configuration.outputFolder))
        }
        if let kept = configuration.keptSignIn, var record {
            record.lastExportTime = exportTime
            try kept.setRecord(record, for: configuration.clientID)
            report("Kept the sign-in for the next run (portability-export --sign-out ends it).")
        } else if configuration.resetsAuthorization {
            _ = try await client.authorization.reset()
            report("Reset the authorization: the app's access has ended.")
        }
        return files
    }

    /// Revokes the sign-in kept for this client and forgets it; whether there was one.
    @discardableResult
    public func signOut() async throws -> Bool {
        guard let kept = configuration.keptSignIn,
            let refreshToken = try await kept.tokens.refreshToken(for: configuration.clientID)
        else { return false }
        try await flow.revoke(refreshToken: refreshToken)
        try await forget(kept)
        return true
    }

    private func forget(_ kept: KeptSignIn) async throws {
        try await kept.tokens.setRefreshToken(nil, for: configuration.clientID)
        try kept.setRecord(nil, for: configuration.clientID)
    }

    /// The kept sign-in when it covers `scopes` and still works; else the person's consent, kept when asked to.
    /// The record is what is kept about the grant, nil when nothing is.
    private func signIn(
        _ scopes: [DataPortabilityScope]
    ) async throws -> (UserCredentials, KeptSignIn.Record?) {
        let clientID = configuration.clientID
        if let kept = configuration.keptSignIn, let refreshToken = try await kept.tokens.refreshToken(for: clientID) {
            let record = try kept.record(for: clientID) ?? KeptSignIn.Record(grantedScopes: [])
            if scopes.allSatisfy({ record.grantedScopes.contains($0.rawValue) }) {
                let credentials = UserCredentials(
                    flow: flow, refreshToken: refreshToken, grantedScopes: record.grantedScopes)
                do {
                    _ = try await credentials.accessToken(forceRefresh: false)
                    report("Signed in with the kept authorization: no consent needed.")
                    return (credentials, record)
                } catch let error as OAuthError where error.code == "invalid_grant" {
                    report("The kept authorization has ended; asking for consent again.")
                    try await forget(kept)
                }
            } else {
                // A new consent for scopes of which some are granted is refused, so the old grant goes first.
                report("The kept authorization does not cover these resource groups; ending it first.")
                try await signOut()
            }
        }
        let credentials = try await consent(scopes)
        report("Authorized \(scopes.count) resource group(s).")
        guard configuration.keepsSignedIn, let kept = configuration.keptSignIn else { return (credentials, nil) }
        guard let refreshToken = credentials.refreshToken else {
            report("Google gave no refresh token, so the sign-in cannot be kept.")
            return (credentials, nil)
        }
        let record = KeptSignIn.Record(
            grantedScopes: credentials.grantedScopes.isEmpty ? scopes.map(\.rawValue) : credentials.grantedScopes)
        try await kept.tokens.setRefreshToken(refreshToken, for: clientID)
        try kept.setRecord(record, for: clientID)
        return (credentials, record)
    }

    /// The consent page, without `include_granted_scopes`: Data Portability refuses it when some of the scopes
    /// were granted before (after a run that did not reset), which Google's troubleshooting page documents.
    private func consent(_ scopes: [DataPortabilityScope]) async throws -> UserCredentials {
        do {
            return try await flow.authorize(
                scopes: scopes, options: InstalledAppFlow.Options(includeGrantedScopes: false), open: openConsentPage)
        } catch AuthorizationRedirectError.denied(let code) where code == "invalid_request" {
            throw ExportError.consentRefused(
                "Google refused the consent request (invalid_request). If its page said \"Incremental auth is not "
                    + "allowed for the requested scopes\", this app still holds an earlier grant: remove its access at "
                    + "https://myaccount.google.com/permissions (or run portability-export --sign-out), then run again."
            )
        }
    }

    /// The scopes of `groups`, or of every group when there are none.
    static func scopes(for groups: [String]) throws -> [DataPortabilityScope] {
        guard !groups.isEmpty else { return DataPortabilityScope.all }
        let unknown = groups.filter { DataPortabilityScope(shortName: $0) == nil }
        guard unknown.isEmpty else { throw ExportError.unknownResourceGroups(unknown) }
        return groups.compactMap { DataPortabilityScope(shortName: $0) }
    }

    /// Starts the archive (of what is new since `startTime`, when given) and waits for it; the signed URLs of its
    /// files.
    private func archive(
        _ groups: [String], since startTime: Timestamp?, with client: DataPortabilityClient
    ) async throws -> [String] {
        let job: InitiatePortabilityArchiveResponse
        do {
            job = try await client.portabilityArchive.initiate(
                InitiatePortabilityArchiveRequest(resources: groups, startTime: startTime))
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
                progress(.waitingForArchive(checks: polls, nextCheckIn: interval))
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
    case consentRefused(String)

    /// The exit status of `portability-export`.
    public var exitCode: Int32 {
        switch self {
        case .unknownResourceGroups: 2
        case .oneTimeAccessUsed: 3
        case .tooSoon: 4
        case .noJob, .jobEnded: 5
        case .downloadFailed: 6
        case .consentRefused: 7
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
        case .consentRefused(let message): message
        }
    }
}

/// Where an export is, for a progress display.
public enum ExportProgress: Sendable, Equatable {
    /// The archive is being made: the job was checked `checks` times, and will be again in `nextCheckIn`.
    case waitingForArchive(checks: Int, nextCheckIn: Duration)
    /// File `file` (from 1) of `files` is downloading: `bytes` of `totalBytes` (when known) are on disk.
    case downloading(file: Int, files: Int, bytes: Int64, totalBytes: Int64?)
}
