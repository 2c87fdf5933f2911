import DiscoveryAuth
import DiscoveryRuntime
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `portability-export --keep-signed-in` keeps between runs, per OAuth client: the refresh token (in a
/// ``FileTokenStore``, readable by its owner only), and beside it the scopes granted and when the last export
/// started, for `--since-last`.
///
/// Data Portability lets an app with a time-based grant export again for the granted period; without the refresh
/// token, each run would need the person's consent again.
public struct KeptSignIn: Sendable {
    /// The folder of `tokens.json` and `exports.json`.
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// Where tools keep such files: `~/Library/Application Support/portability-export` on macOS,
    /// `$XDG_CONFIG_HOME/portability-export` (by default `~/.config/portability-export`) elsewhere.
    public static var defaultFolder: URL {
        #if os(macOS)
            let base = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(
                "Library/Application Support")
        #else
            let configured = ProcessInfo.processInfo.environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            let base =
                configured.map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        #endif
        return base.appendingPathComponent("portability-export")
    }

    /// The refresh tokens, by OAuth client ID.
    var tokens: FileTokenStore { FileTokenStore(file: folder.appendingPathComponent("tokens.json")) }

    /// What is kept about a client's grant besides its refresh token.
    struct Record: Codable, Equatable {
        /// The scopes the grant covers.
        var grantedScopes: [String]
        /// When the last successful export started: the next `--since-last` export starts there.
        var lastExportTime: Timestamp?
    }

    private var recordsFile: URL { folder.appendingPathComponent("exports.json") }

    func record(for clientID: String) throws -> Record? {
        try records()[clientID]
    }

    /// Stores `record` for `clientID`, or removes it when nil; written whole to a temporary file and moved into
    /// place, owner-only as the tokens are.
    func setRecord(_ record: Record?, for clientID: String) throws {
        var records = try records()
        records[clientID] = record
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = folder.appendingPathComponent(".exports.json.\(UUID().uuidString)")
        let data = try JSONEncoder().encode(records)
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path]) }
        // rename(2) replaces the file at once, so a reader never sees half of it.
        guard rename(temporary.path, recordsFile.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: recordsFile.path])
        }
    }

    private func records() throws -> [String: Record] {
        guard FileManager.default.fileExists(atPath: recordsFile.path) else { return [:] }
        return try JSONDecoder().decode([String: Record].self, from: Data(contentsOf: recordsFile))
    }
}
