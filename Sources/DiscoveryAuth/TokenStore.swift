import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where an app keeps a user's refresh token between runs: the Keychain, a database, a file.
public protocol TokenStore: Sendable {
    /// The refresh token stored for `account`, or nil.
    func refreshToken(for account: String) async throws -> String?
    /// Stores `refreshToken` for `account`, replacing any; nil removes it.
    func setRefreshToken(_ refreshToken: String?, for account: String) async throws
}

/// A token store for command-line tools: one JSON file, readable and writable by its owner only (0600),
/// written whole to a temporary file and moved into place.
public struct FileTokenStore: TokenStore {
    /// The file, such as `~/.config/portability-export/tokens.json`.
    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    public func refreshToken(for account: String) async throws -> String? {
        try read()[account]
    }

    public func setRefreshToken(_ refreshToken: String?, for account: String) async throws {
        var tokens = try read()
        tokens[account] = refreshToken
        let data = try JSONEncoder().encode(tokens)
        let folder = file.deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString)")
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600])
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        // rename(2) replaces the file at once, so a reader never sees half of it.
        guard rename(temporary.path, file.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
    }

    private func read() throws -> [String: String] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [:] }
        return try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
    }
}
