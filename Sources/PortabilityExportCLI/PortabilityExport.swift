import ArgumentParser
import Foundation
import PortabilityExport

#if canImport(Darwin)
    import OpenAPIURLSession
    /// Apple's URLSession streams response bodies; Linux's receives each whole, so AsyncHTTPClient serves there.
    typealias PlatformTransport = URLSessionTransport
#else
    import OpenAPIAsyncHTTPClient
    typealias PlatformTransport = AsyncHTTPClientTransport
#endif

/// `portability-export`: exports a person's Google data with the Data Portability API, from consent to reset.
@main
struct PortabilityExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portability-export",
        abstract: "Export your Google data with the Data Portability API: consent, archive, download, reset.",
        discussion: """
            Create an OAuth client ID of type "Desktop app" in the Google Cloud console (APIs & Services > \
            Credentials), enable the Data Portability API, and pass the client's ID and secret. The consent page \
            opens in a browser (or its address is printed); the files go to --out.

            With --keep-signed-in the refresh token is kept (owner-only) in \(KeptSignIn.defaultFolder.path), so \
            that later runs need no consent while the grant lasts, and --since-last exports only what is new since \
            the last export; --sign-out ends the grant.

            Exit status: 0 done, 2 unknown resource groups, 3 one-time access already used, 4 a time-based export \
            ran in the last 24 hours, 5 the archive job failed, 6 a download failed, 7 consent refused, 130 \
            interrupted, 1 anything else.
            """)

    @Argument(help: "Resource groups such as myactivity.youtube; none means all of them.")
    var resourceGroups: [String] = []

    @Option(help: "The OAuth client ID (Desktop app).")
    var clientID: String

    @Option(help: "The OAuth client secret; also read from PORTABILITY_CLIENT_SECRET.")
    var clientSecret: String?

    @Option(help: "The folder for the archive's files.")
    var out: String = "takeout"

    @Flag(help: "Keep the authorization instead of resetting it after the download.")
    var noReset = false

    @Flag(help: "Print the consent page's address instead of opening a browser.")
    var noBrowser = false

    @Flag(help: "On Ctrl-C while the archive is being made, cancel the archive job.")
    var cancelJobOnInterrupt = false

    @Flag(help: "Keep the sign-in for later runs (no reset), which then need no consent while the grant lasts.")
    var keepSignedIn = false

    @Flag(help: "Export only what is new since the last export of a kept sign-in.")
    var sinceLast = false

    @Flag(help: "End the kept sign-in (revoke it at Google and forget it), and export nothing.")
    var signOut = false

    @Option(help: .hidden) var authorizationEndpoint: String?
    @Option(help: .hidden) var tokenEndpoint: String?
    @Option(help: .hidden) var revocationEndpoint: String?
    @Option(help: .hidden) var signInFolder: String?
    @Option(help: .hidden) var server: String?
    @Option(help: .hidden) var pollSeconds: Int?

    func run() async throws {
        var configuration = Exporter.Configuration(
            clientID: clientID,
            clientSecret: clientSecret ?? ProcessInfo.processInfo.environment["PORTABILITY_CLIENT_SECRET"],
            resourceGroups: resourceGroups, outputFolder: URL(fileURLWithPath: out))
        configuration.resetsAuthorization = !noReset
        configuration.cancelsJobWhenCancelled = cancelJobOnInterrupt
        configuration.keptSignIn = KeptSignIn(
            folder: signInFolder.map { URL(fileURLWithPath: $0) } ?? KeptSignIn.defaultFolder)
        configuration.keepsSignedIn = keepSignedIn
        configuration.exportsSinceLast = sinceLast
        if let revocationEndpoint { configuration.revocationEndpoint = try Self.url(revocationEndpoint) }
        if let authorizationEndpoint { configuration.authorizationEndpoint = try Self.url(authorizationEndpoint) }
        if let tokenEndpoint { configuration.tokenEndpoint = try Self.url(tokenEndpoint) }
        if let server { configuration.serverURL = try Self.url(server) }
        if let pollSeconds { configuration.pollInterval = .seconds(pollSeconds) }
        let noBrowser = noBrowser
        let progressDisplay = ProgressDisplay()
        let exporter = Exporter(
            configuration: configuration, transport: PlatformTransport(),
            openConsentPage: { url in
                say("Open this page to allow the export:\n\(url)")
                if !noBrowser { Self.openBrowser(url) }
            },
            report: { line in
                progressDisplay.clear(); say(line)
            },
            progress: { progressDisplay.show($0) })
        if signOut {
            let wasSignedIn = try await exporter.signOut()
            say(wasSignedIn ? "Signed out: the kept authorization is revoked." : "No sign-in is kept.")
            return
        }
        let export = Task { try await exporter.run() }
        // Ctrl-C cancels the export (and, with --cancel-job-on-interrupt, the job) instead of killing it mid-write.
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT)
        interrupt.setEventHandler { export.cancel() }
        interrupt.resume()
        defer { interrupt.cancel() }
        do {
            let files = try await export.value
            progressDisplay.clear()
            say("Done: \(files.count) file(s) in \(out).")
        } catch let error as ExportError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(error.exitCode)
        } catch is CancellationError {
            FileHandle.standardError.write(Data("Interrupted; files already downloaded stay in \(out).\n".utf8))
            throw ExitCode(130)
        }
    }

    private static func url(_ text: String) throws -> URL {
        guard let url = URL(string: text) else { throw ValidationError("'\(text)' is not a URL") }
        return url
    }

    /// `open` on macOS, `xdg-open` elsewhere; the printed address serves when neither works.
    private static func openBrowser(_ url: URL) {
        let process = Process()
        #if os(macOS)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
            process.arguments = [url.absoluteString]
        #else
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["xdg-open", url.absoluteString]
        #endif
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}

/// Writes a line to standard output at once: `print` buffers when the output is not a terminal (a pipe, a container
/// without a TTY, CI), and the consent page's address would not show until the program ends.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
