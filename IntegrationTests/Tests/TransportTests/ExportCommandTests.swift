import FakeGoogleAPIs
import Foundation
import LocalServer
import Testing

/// The `portability-export` executable itself, as a person runs it.
@Suite struct ExportCommandTests {
    /// The binary that `scripts/check-integration.sh` built: `PORTABILITY_EXPORT_BINARY`, else the main package's
    /// debug build.
    private static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["PORTABILITY_EXPORT_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                ".build/debug/portability-export")
    }

    /// Through a pipe (`| tee`, a container without a terminal, CI), the consent page's address shows at once, not
    /// when the program ends.
    @Test func theConsentAddressArrivesThroughAPipeWithinASecond() async throws {
        let oauth = FakeOAuth(clientID: "client-1", accessToken: "ya29.command")
        try await withLocalServer({ oauth.reply(to: $0) }) { auth in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("command-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = [
                "--client-id", "client-1", "--client-secret", "s", "--no-browser",
                "--authorization-endpoint", auth.baseURL.appendingPathComponent("o/oauth2/v2/auth").absoluteString,
                "--token-endpoint", auth.baseURL.appendingPathComponent("token").absoluteString,
                "--sign-in-folder", folder.path, "--out", folder.path, "myactivity.youtube",
            ]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            let started = ContinuousClock.now
            try process.run()
            defer {
                process.terminate()
                process.waitUntilExit()
            }
            let reader = PipeLines(output.fileHandleForReading)
            var consentLine: String?
            while consentLine == nil, started.duration(to: .now) < .seconds(1) {
                consentLine = reader.lines.first { $0.contains("/o/oauth2/v2/auth?") }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(consentLine != nil, "no consent address within a second; output so far: \(reader.lines)")
            #expect(consentLine?.contains("include_granted_scopes") == false)
        }
    }
}

/// The lines written to a pipe so far, read as they arrive.
private final class PipeLines: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    init(_ handle: FileHandle) {
        handle.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else {
                handle.readabilityHandler = nil
                return
            }
            self.lock.withLock { self.text += String(decoding: data, as: UTF8.self) }
        }
    }

    var lines: [String] { lock.withLock { text.split(separator: "\n").map(String.init) } }
}
