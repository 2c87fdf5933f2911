import DiscoveryRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Downloads an archive's signed URLs: into `<name>.part`, resumed with `Range` after a dropped connection or
/// an earlier run, checked against the size the server announced, and renamed when whole.
struct Downloader {
    let transport: any ClientTransport
    let report: @Sendable (String) -> Void
    /// Connections that end early, in a row, before the download gives up.
    static let maximumInterruptions = 5

    /// Downloads the file at `signedURL`, the `index`th of the archive, into `folder`.
    func download(_ signedURL: String, index: Int, into folder: URL) async throws -> URL {
        guard let url = URL(string: signedURL), url.host != nil else {
            throw ExportError.downloadFailed("'\(signedURL)' is not a URL")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(Self.fileName(of: url, index: index))
        let partial = folder.appendingPathComponent(file.lastPathComponent + ".part")
        if !FileManager.default.fileExists(atPath: partial.path) {
            guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
                throw ExportError.downloadFailed("cannot create \(partial.path)")
            }
        }
        var interruptions = 0
        while true {
            do {
                try await resume(url, into: partial)
                break
            } catch let error as ExportError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                interruptions += 1
                guard interruptions < Self.maximumInterruptions else {
                    throw ExportError.downloadFailed("\(file.lastPathComponent): \(error)")
                }
                report("The connection dropped; resuming \(file.lastPathComponent).")
            }
        }
        _ = try? FileManager.default.removeItem(at: file)
        try FileManager.default.moveItem(at: partial, to: file)
        return file
    }

    /// Asks for the bytes after those in `partial` and appends them.
    private func resume(_ url: URL, into partial: URL) async throws {
        let handle = try FileHandle(forWritingTo: partial)
        defer { try? handle.close() }
        let have = Int64(try handle.seekToEnd())
        var headerFields = HTTPFields()
        if have > 0 { headerFields[HTTPField.Name("Range")!] = "bytes=\(have)-" }
        let target = url.transportTarget
        let request = HTTPRequest(
            method: .get, scheme: nil, authority: nil, path: target.path, headerFields: headerFields)
        let (response, body) = try await transport.send(
            request, body: nil, baseURL: target.baseURL, operationID: "archive.download")
        var total: Int64?
        switch response.status.code {
        case 206:
            // Content-Range: bytes 100-999/1000
            total = response.headerFields[HTTPField.Name("Content-Range")!]?.split(separator: "/").last.flatMap {
                Int64($0)
            }
        case 200:
            try handle.truncate(atOffset: 0)
            total = response.headerFields[.contentLength].flatMap { Int64($0) }
        case 416 where have > 0:
            return  // The file is already whole.
        default:
            throw ExportError.downloadFailed("HTTP \(response.status.code) for \(partial.lastPathComponent)")
        }
        var written = Int64(try handle.offset())
        var lastReport = written
        for try await chunk in body ?? HTTPBody() {
            try handle.write(contentsOf: chunk)
            written += Int64(chunk.count)
            if written - lastReport >= 8 * 1024 * 1024 {
                lastReport = written
                report("  \(written / 1_048_576) MiB" + (total.map { " of \($0 / 1_048_576) MiB" } ?? ""))
            }
        }
        if let total, written != total {
            throw URLError(.networkConnectionLost)  // Ended early: resume.
        }
    }

    /// The last path segment of the URL, without characters a file name cannot have.
    static func fileName(of url: URL, index: Int) -> String {
        let name = url.lastPathComponent.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        return name.isEmpty || name.hasPrefix(".") ? "archive-\(index + 1).zip" : name
    }
}
