import DiscoveryRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Downloads the files of an archive from their signed URLs: streamed to disk, resumed where they stopped, and
/// checked against the size that the server announced.
///
/// The bytes go to `<name>.part` a chunk at a time as they arrive, so memory stays bounded by the transport's
/// chunks whatever the file's size, when the transport streams response bodies: AsyncHTTPClient does, and so does
/// URLSession on Apple platforms; URLSession on Linux receives a body whole before it hands it over.
///
/// Beside the `.part`, `<name>.part.validator` keeps the validator (a strong `ETag`, else `Last-Modified`) and the
/// size of the response that started it. After a dropped connection, and in a later run that finds the `.part`, the
/// download goes on with `Range: bytes=N-` and `If-Range: <validator>`: a server whose object changed answers with
/// all of it (200), which replaces the `.part` instead of being spliced onto it, and a 206 must start at byte N or the
/// download starts over. A `.part` without a validator is resumed within the run that wrote it (with the size it
/// began with checked), but started over by a later one. The whole file is renamed to `<name>`.
///
/// A cancelled download stops at once and keeps its `.part`.
public struct Downloader: Sendable {
    /// Sends the downloads' requests.
    public let transport: any ClientTransport
    /// Tells the person what happens, a line at a time: resumptions, restarts, and the bytes so far every
    /// ``reportInterval``.
    public let report: @Sendable (String) -> Void
    /// The bytes on disk and the file's size when known, at most every quarter of a second, and when a file is whole.
    public let progress: @Sendable (_ bytes: Int64, _ totalBytes: Int64?) -> Void
    /// Attempts in a row that receive no byte (a connection refused, a 503, a drop before the body) before the
    /// download gives up; an attempt that brings bytes starts the count again.
    public var maximumAttemptsWithoutProgress = 5
    /// Attempts in all, whatever each brings, so that a server that drops every connection after a few bytes ends too.
    public var maximumAttempts = 100
    /// The wait after an attempt that brought no byte; it doubles with each such attempt in a row, up to 16 times.
    public var retryDelay: Duration = .seconds(1)
    /// How often ``report`` gets the bytes so far.
    public var reportInterval: Duration = .seconds(10)

    public init(
        transport: any ClientTransport, report: @escaping @Sendable (String) -> Void,
        progress: @escaping @Sendable (_ bytes: Int64, _ totalBytes: Int64?) -> Void = { _, _ in }
    ) {
        self.transport = transport
        self.report = report
        self.progress = progress
    }

    /// Downloads the file at `signedURL`, the `index`th of the archive (from 0), into `folder`, and returns where it
    /// is.
    ///
    /// - Throws: ``ExportError/downloadFailed(_:)`` when the URL is not one, the server refuses it (an expired
    ///   signature is a 403), the sizes disagree, the file cannot be written, or the attempts run out;
    ///   `CancellationError` when the task is cancelled, with the `.part` kept.
    public func download(_ signedURL: String, index: Int, into folder: URL) async throws -> URL {
        guard let url = URL(string: signedURL), url.host != nil else {
            throw ExportError.downloadFailed("'\(signedURL)' is not a URL")
        }
        let name = Self.fileName(of: url, index: index)
        let file = folder.appendingPathComponent(name)
        let part: PartFile
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            part = try PartFile(for: file)
        } catch let error as ExportError {
            throw error
        } catch {
            throw ExportError.downloadFailed("cannot write \(file.path).part: \(error)")
        }
        defer { part.close() }
        switch part.found {
        case .resumable:
            report("Resuming \(name) at \(Self.size(part.size, of: part.totalSize)) from an earlier run.")
        case .unverifiable:
            report("Starting \(name) over: the .part an earlier run left has no validator to check it against.")
        case .nothing:
            break
        }
        var attempts = 0
        var attemptsWithoutProgress = 0
        var meter = Meter(downloader: self, name: name)
        while true {
            try Task.checkCancellation()
            attempts += 1
            let receivedBefore = part.received
            var problem: String?
            var isInterruption = false
            do {
                switch try await attempt(url, name: name, part: part, meter: &meter) {
                case .complete:
                    try part.finish(as: file, name: name)
                    progress(part.size, part.size)
                    report("Downloaded \(name) (\(Self.size(part.size, of: nil))).")
                    return file
                case .more:
                    problem = nil
                case .startOver(let reason):
                    report("Starting \(name) over: \(reason).")
                    try part.startOver(validator: nil, totalSize: nil)
                    problem = reason
                }
            } catch let error as Interruption {
                if Task.isCancelled { throw CancellationError() }
                problem = error.description
                isInterruption = true
            }
            let madeProgress = part.received > receivedBefore
            attemptsWithoutProgress = madeProgress ? 0 : attemptsWithoutProgress + 1
            guard attemptsWithoutProgress < maximumAttemptsWithoutProgress, attempts < maximumAttempts else {
                let kept =
                    part.size > 0 && part.validator != nil
                    ? "; \(Self.size(part.size, of: part.totalSize)) stay in \(name).part for the next run" : ""
                throw ExportError.downloadFailed(
                    "\(name): \(problem ?? "too many partial answers") (gave up after \(attempts) attempt(s), "
                        + "\(attemptsWithoutProgress) in a row without a byte)\(kept)")
            }
            guard isInterruption, let problem else { continue }
            if madeProgress {
                report("\(name): \(problem); resuming at \(Self.size(part.size, of: part.totalSize)).")
            } else {
                report("\(name): \(problem); trying again.")
                try await Task.sleep(for: retryDelay * (1 << min(attemptsWithoutProgress - 1, 4)))
            }
        }
    }

    /// What one request did.
    private enum Outcome {
        /// The file is whole.
        case complete
        /// The server sent a part of the range asked for; the next request asks for the rest.
        case more
        /// The bytes on disk cannot be continued; the next request starts from the first byte.
        case startOver(String)
    }

    /// A failure that another request may get past: a transport error, a body that ends early, a 5xx.
    private struct Interruption: Error, CustomStringConvertible {
        let description: String
    }

    /// Asks for the bytes after those in `part` and appends them.
    private func attempt(_ url: URL, name: String, part: PartFile, meter: inout Meter) async throws -> Outcome {
        let offset = part.size
        var headerFields = HTTPFields()
        // The bytes as stored: a transport that decompresses would make offsets and sizes disagree.
        headerFields[.acceptEncoding] = "identity"
        if offset > 0 {
            headerFields[.range] = "bytes=\(offset)-"
            if let validator = part.validator { headerFields[.ifRange] = validator }
        }
        let target = url.transportTarget
        let request = HTTPRequest(
            method: .get, scheme: nil, authority: nil, path: target.path, headerFields: headerFields)
        let response: HTTPResponse
        let body: HTTPBody?
        do {
            (response, body) = try await transport.send(
                request, body: nil, baseURL: target.baseURL, operationID: Self.operationID)
        } catch {
            throw Interruption(description: "\(error)")
        }
        let contentLength = response.headerFields[.contentLength].flatMap { Int64($0) }
        /// The size of the file once this response's body has arrived.
        let end: Int64?
        switch response.status.code {
        case 200:
            if offset > 0 {
                report("\(name) changed on the server (or the server ignores ranges): downloading all of it again.")
            }
            try part.startOver(validator: response.rangeValidator, totalSize: contentLength)
            end = contentLength
        case 206:
            guard let range = ContentRange(response.headerFields[.contentRange]), let first = range.first,
                let last = range.last
            else {
                return .startOver("a partial answer to bytes=\(offset)- has no byte range")
            }
            guard first == offset else {
                return .startOver("asked for the bytes from \(offset), the server sent those from \(first)")
            }
            if let total = range.total, let known = part.totalSize, total != known {
                return .startOver("its size was \(known) bytes and is now \(total)")
            }
            if let contentLength, contentLength != last - first + 1 {
                throw ExportError.downloadFailed(
                    "\(name): the server announced bytes \(first)-\(last) (\(last - first + 1) bytes) but a "
                        + "Content-Length of \(contentLength)")
            }
            if offset == 0 {
                try part.startOver(validator: response.rangeValidator, totalSize: range.total)
            } else if part.totalSize == nil {
                part.totalSize = range.total
            }
            end = last + 1
        case 416 where offset > 0:
            // Nothing after byte `offset`: whole if that is the size; else the bytes on disk are not the file's.
            let total = ContentRange(response.headerFields[.contentRange])?.total ?? part.totalSize
            guard total == offset else {
                return .startOver(
                    "the server has no byte \(offset) (the file is \(total.map { "\($0)" } ?? "?") bytes)")
            }
            return .complete
        case 408, 429, 500, 502, 503, 504:
            throw Interruption(description: "HTTP \(response.status.code)")
        default:
            let hint = response.status.code == 403 ? " (the signed URL may have expired: export again)" : ""
            throw ExportError.downloadFailed("\(name): HTTP \(response.status.code)\(hint)")
        }
        meter.begin(part)
        if let body {
            var chunks = body.makeAsyncIterator()
            while true {
                let next: ArraySlice<UInt8>?
                do {
                    next = try await chunks.next()
                } catch {
                    throw Interruption(description: "\(error)")
                }
                try Task.checkCancellation()
                guard let chunk = next else { break }
                if let end, part.size + Int64(chunk.count) > end {
                    throw ExportError.downloadFailed(
                        "\(name): the server sent more than the \(end - offset) bytes it announced")
                }
                try part.append(chunk, name: name)
                meter.tick(part)
            }
        }
        if let end, part.size < end {
            throw Interruption(description: "the connection ended after \(part.size - offset) of \(end - offset) bytes")
        }
        if let total = part.totalSize, part.size < total { return .more }
        return .complete
    }

    static let operationID = "archive.download"

    /// The last path segment of the URL, without characters a file name cannot have.
    static func fileName(of url: URL, index: Int) -> String {
        let name = url.lastPathComponent.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        return name.isEmpty || name.hasPrefix(".") ? "archive-\(index + 1).zip" : name
    }

    /// `12.3 MiB of 40.0 MiB`.
    static func size(_ bytes: Int64, of total: Int64?) -> String {
        func mebibytes(_ bytes: Int64) -> String {
            let tenths = (bytes * 10 + 524_288) / 1_048_576
            return "\(tenths / 10).\(tenths % 10) MiB"
        }
        return mebibytes(bytes) + (total.map { " of " + mebibytes($0) } ?? "")
    }
}

/// Calls the downloader's `progress` and `report` at their intervals while bytes arrive.
private struct Meter {
    let downloader: Downloader
    let name: String
    private var lastProgress = ContinuousClock.now
    private var lastReport = ContinuousClock.now

    init(downloader: Downloader, name: String) {
        self.downloader = downloader
        self.name = name
    }

    mutating func begin(_ part: PartFile) {
        lastProgress = .now
        downloader.progress(part.size, part.totalSize)
    }

    mutating func tick(_ part: PartFile) {
        let now = ContinuousClock.now
        guard now - lastProgress >= .milliseconds(250) else { return }
        lastProgress = now
        downloader.progress(part.size, part.totalSize)
        if now - lastReport >= downloader.reportInterval {
            lastReport = now
            downloader.report("  \(name): \(Downloader.size(part.size, of: part.totalSize))")
        }
    }
}

/// `<name>.part`, open for writing, and `<name>.part.validator` beside it: what a later run needs to resume.
final class PartFile {
    /// What was on disk before the download began.
    enum Found {
        case nothing
        /// A `.part` with a validator: it is resumed.
        case resumable
        /// A `.part` without one: it is emptied.
        case unverifiable
    }

    let url: URL
    let validatorURL: URL
    let found: Found
    private let handle: FileHandle
    /// The bytes in the `.part`.
    private(set) var size: Int64
    /// The bytes written in this run.
    private(set) var received: Int64 = 0
    /// `If-Range`'s value for the bytes in the `.part`, from the response that started it.
    private(set) var validator: String?
    /// The file's size, from the response that started the `.part` (or the first that said).
    var totalSize: Int64?

    init(for file: URL) throws {
        url = file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".part")
        validatorURL = url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".validator")
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: url.path) {
            guard fileManager.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
        handle = try FileHandle(forWritingTo: url)
        let size = Int64(try handle.seekToEnd())
        self.size = size
        let saved = (try? String(contentsOf: validatorURL, encoding: .utf8)).flatMap(Self.parse)
        if size == 0 {
            found = .nothing
        } else if let saved, saved.totalSize.map({ size <= $0 }) ?? true {
            found = .resumable
            (validator, totalSize) = saved
        } else {
            found = .unverifiable
            try startOver(validator: nil, totalSize: nil)
        }
    }

    /// Empties the `.part`, and records the validator and size of the response that starts it again.
    func startOver(validator: String?, totalSize: Int64?) throws {
        size = 0
        self.validator = validator
        self.totalSize = totalSize
        do {
            try handle.truncate(atOffset: 0)
            try handle.seek(toOffset: 0)
            if let validator {
                let text = "If-Range: \(validator)\n" + (totalSize.map { "Size: \($0)\n" } ?? "")
                try Data(text.utf8).write(to: validatorURL, options: .atomic)
            } else if FileManager.default.fileExists(atPath: validatorURL.path) {
                try FileManager.default.removeItem(at: validatorURL)
            }
        } catch {
            throw ExportError.downloadFailed("cannot write \(url.path): \(error)")
        }
    }

    func append(_ chunk: ArraySlice<UInt8>, name: String) throws {
        do {
            try handle.write(contentsOf: chunk)
        } catch {
            throw ExportError.downloadFailed("cannot write \(url.path): \(error)")
        }
        size += Int64(chunk.count)
        received += Int64(chunk.count)
    }

    /// Checks the size on disk, and renames the `.part` to `file`.
    func finish(as file: URL, name: String) throws {
        let fileManager = FileManager.default
        do {
            try handle.synchronize()
            let onDisk = (try fileManager.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
            guard onDisk == size, totalSize.map({ $0 == size }) ?? true else {
                throw ExportError.downloadFailed(
                    "\(name): \(onDisk.map { "\($0)" } ?? "?") bytes on disk, \(size) received, "
                        + "\(totalSize.map { "\($0)" } ?? "?") announced")
            }
            close()
            if fileManager.fileExists(atPath: file.path) { try fileManager.removeItem(at: file) }
            try fileManager.moveItem(at: url, to: file)
            try? fileManager.removeItem(at: validatorURL)
        } catch let error as ExportError {
            throw error
        } catch {
            throw ExportError.downloadFailed("cannot write \(file.path): \(error)")
        }
    }

    private var isClosed = false

    func close() {
        guard !isClosed else { return }
        isClosed = true
        try? handle.close()
    }

    /// `If-Range: "abc"` and `Size: 1000`, a line each.
    static func parse(_ text: String) -> (validator: String, totalSize: Int64?)? {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard let validator = fields["If-Range"], !validator.isEmpty else { return nil }
        guard let size = fields["Size"] else { return (validator, nil) }
        guard let totalSize = Int64(size) else { return nil }
        return (validator, totalSize)
    }
}
