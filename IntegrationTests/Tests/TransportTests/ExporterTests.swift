import DiscoveryRuntime
import FakeGoogleAPIs
import Foundation
import LocalServer
import NIOConcurrencyHelpers
import PortabilityExport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `portability-export`'s whole run against local fakes of Google's OAuth, Data Portability and storage servers:
/// consent, a job that takes three polls, two archive files (one of whose connections drops halfway), reset.
@Suite struct ExporterTests {
    private static let token = "ya29.exporter"
    private static let sizes = ["part-1.zip": 3 * 1024 * 1024 + 17, "part-2.zip": 70_000]

    /// Signed-URL downloads: `Range: bytes=N-` answered with 206, and the first request for part-1 dropped
    /// after half of its bytes.
    private static func storage(_ request: ReceivedRequest) -> Reply {
        let name = String(request.path.split(separator: "/").last ?? "")
        guard request.method == "GET", request.query["signature"] == "s", let size = sizes[name] else {
            return .text(403, "not signed")
        }
        let start = request.header("Range").flatMap { Int($0.dropFirst("bytes=".count).dropLast()) } ?? 0
        var reply = Reply(
            status: start == 0 ? 200 : 206,
            headers: start == 0 ? [] : [("Content-Range", "bytes \(start)-\(size - 1)/\(size)")],
            body: .computed(count: size - start) { FakeStorage.bytes($0.lowerBound + start..<$0.upperBound + start) })
        if request.number == 0 { reply.dropsConnectionAfterBytes = size / 2 }
        return reply
    }

    private func withFakes(
        _ api: @escaping @Sendable (URL) -> FakeDataPortability,
        oauth: FakeOAuth = FakeOAuth(clientID: "client-1.apps.googleusercontent.com", accessToken: token),
        _ body: (Exporter.Configuration, FakeDataPortability, LocalServer) async throws -> Void
    ) async throws {
        try await withLocalServer({ Self.storage($0) }) { storage in
            let dataPortability = api(storage.baseURL)
            try await withLocalServer({ oauth.reply(to: $0) }) { auth in
                try await withLocalServer({ dataPortability.reply(to: $0) }) { server in
                    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                        "export-\(UUID().uuidString)")
                    defer { try? FileManager.default.removeItem(at: folder) }
                    var configuration = Exporter.Configuration(
                        clientID: "client-1.apps.googleusercontent.com", clientSecret: "secret",
                        resourceGroups: ["myactivity.youtube", "myactivity.maps"], outputFolder: folder)
                    configuration.authorizationEndpoint = auth.baseURL.appendingPathComponent("o/oauth2/v2/auth")
                    configuration.tokenEndpoint = auth.baseURL.appendingPathComponent("token")
                    configuration.revocationEndpoint = auth.baseURL.appendingPathComponent("revoke")
                    configuration.serverURL = server.baseURL
                    try await body(configuration, dataPortability, storage)
                }
            }
        }
    }

    private func exporter(_ configuration: Exporter.Configuration, consents: ConsentPages? = nil) -> Exporter {
        Exporter(
            configuration: configuration, transport: Transport.asyncHTTPClient.make(),
            openConsentPage: { url in
                consents?.append(url)
                // The browser: the consent page redirects to the exporter's loopback listener.
                Task.detached { _ = try? await URLSession.shared.data(from: url) }
            },
            report: { _ in }, sleep: { _ in })
    }

    @Test func consentArchiveDownloadAndReset() async throws {
        try await withFakes({ storage in
            FakeDataPortability(
                token: Self.token, pollsUntilComplete: 2,
                archiveURLs: ["part-1.zip", "part-2.zip"].map { storage.absoluteString + "archive/\($0)?signature=s" })
        }) { configuration, api, storage in
            let files = try await exporter(configuration).run()
            #expect(files.map(\.lastPathComponent) == ["part-1.zip", "part-2.zip"])
            for file in files {
                let size = try #require(Self.sizes[file.lastPathComponent])
                #expect(try Data(contentsOf: file) == Data(FakeStorage.bytes(0..<size)), "\(file.lastPathComponent)")
            }
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: configuration.outputFolder.path).sorted()
                    == ["part-1.zip", "part-2.zip"])
            #expect(storage.requests.contains { $0.header("Range") != nil }, "the dropped download was resumed")
            #expect(api.resetCount == 1)
        }
    }

    @Test func aFailedJobIsRetriedAndUsedAccessIsReported() async throws {
        try await withFakes({ _ in FakeDataPortability(token: Self.token, pollsUntilComplete: 0, failsFirstJob: true) })
        {
            configuration, api, _ in
            #expect(try await exporter(configuration).run().isEmpty)
            #expect(api.resetCount == 1)
            do {
                try await exporter(configuration).run()
                Issue.record("a second export with used one-time access succeeded")
            } catch let error as ExportError {
                #expect(error.exitCode == 3)
            }
        }
    }

    @Test func cancellingWhileTheArchiveIsMadeCancelsTheJob() async throws {
        try await withFakes({ _ in FakeDataPortability(token: Self.token, pollsUntilComplete: 1000) }) {
            configuration, api, _ in
            var configuration = configuration
            configuration.cancelsJobWhenCancelled = true
            let exporter = Exporter(
                configuration: configuration, transport: Transport.asyncHTTPClient.make(),
                openConsentPage: { url in Task.detached { _ = try? await URLSession.shared.data(from: url) } },
                report: { _ in }, sleep: { _ in try await Task.sleep(for: .seconds(10)) })
            let export = Task { try await exporter.run() }
            for _ in 0..<500 where api.pollCount == 0 { try await Task.sleep(for: .milliseconds(10)) }
            export.cancel()
            await #expect(throws: CancellationError.self) { try await export.value }
            #expect(api.cancelledJobs == ["job-1"])
        }
    }

    @Test func unknownResourceGroupsAreNamedBeforeAnything() async throws {
        var configuration = Exporter.Configuration(
            clientID: "c", resourceGroups: ["myactivity.youtub"], outputFolder: URL(fileURLWithPath: "/nonexistent"))
        configuration.tokenEndpoint = URL(string: "http://127.0.0.1:9/token")!
        let error = await #expect(throws: ExportError.self) { try await exporter(configuration).run() }
        #expect(error?.exitCode == 2)
        #expect(error?.description.contains("myactivity.youtube") == true)
    }

    /// After a run that did not reset, some scopes are granted: Google refuses `include_granted_scopes` then (the
    /// fake does too), so the exporter never sends it.
    @Test func aSecondConsentAfterNoResetLeavesOutIncludeGrantedScopes() async throws {
        try await withFakes({ _ in FakeDataPortability(token: Self.token, pollsUntilComplete: 0, isTimeBased: true) }) {
            configuration, api, _ in
            var configuration = configuration
            configuration.resetsAuthorization = false
            let consents = ConsentPages()
            try await exporter(configuration, consents: consents).run()
            try await exporter(configuration, consents: consents).run()
            #expect(consents.urls.count == 2)
            #expect(consents.urls.allSatisfy { !$0.absoluteString.contains("include_granted_scopes") })
            #expect(api.resetCount == 0)
        }
    }

    /// `--keep-signed-in`, then `--since-last`: the second export needs no consent and starts where the first did;
    /// `--sign-out` revokes the grant, and the next run asks for consent again.
    @Test func aKeptSignInNeedsNoConsentAndExportsWhatIsNew() async throws {
        let oauth = FakeOAuth(clientID: "client-1.apps.googleusercontent.com", accessToken: Self.token)
        try await withFakes(
            { _ in FakeDataPortability(token: Self.token, pollsUntilComplete: 0, isTimeBased: true) }, oauth: oauth
        ) { configuration, api, _ in
            let folder = configuration.outputFolder.appendingPathComponent("sign-in")
            var keeping = configuration
            keeping.keptSignIn = KeptSignIn(folder: folder)
            keeping.keepsSignedIn = true
            let consents = ConsentPages()
            let before = Date()
            try await exporter(keeping, consents: consents).run()
            #expect(consents.urls.count == 1)
            #expect(api.resetCount == 0, "a kept sign-in is not reset")
            let tokens = folder.appendingPathComponent("tokens.json")
            let permissions = try FileManager.default.attributesOfItem(atPath: tokens.path)[.posixPermissions]
            #expect((permissions as? NSNumber)?.intValue == 0o600)

            var sinceLast = configuration
            sinceLast.keptSignIn = KeptSignIn(folder: folder)
            sinceLast.exportsSinceLast = true
            try await exporter(sinceLast, consents: consents).run()
            #expect(consents.urls.count == 1, "no consent with a kept sign-in")
            #expect(api.initiateStartTimes.count == 2)
            #expect(api.initiateStartTimes.first == .some(nil))
            let startTime = try #require(api.initiateStartTimes.last ?? nil)
            let start = try Timestamp(jsonWire: startTime).date
            #expect(start >= before.addingTimeInterval(-1) && start <= Date(), "the first export's start: \(startTime)")

            #expect(try await exporter(sinceLast).signOut())
            #expect(oauth.revokedTokens == ["1//refresh"])
            #expect(try await !exporter(sinceLast).signOut(), "nothing is kept any more")
            try await exporter(sinceLast, consents: consents).run()
            #expect(consents.urls.count == 2, "after signing out, consent is needed again")
        }
    }
}

/// The consent pages an exporter opened.
final class ConsentPages: Sendable {
    private let box = NIOLockedValueBox<[URL]>([])
    var urls: [URL] { box.withLockedValue { $0 } }
    func append(_ url: URL) { box.withLockedValue { $0.append(url) } }
}
