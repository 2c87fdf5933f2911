import Foundation
import OpenAPIRuntime

/// Content to upload with a method that takes media, and how to send it.
///
/// Generated clients take one in `<method>Upload(…)`:
///
/// ```swift
/// let file = try await client.files.createUpload(
///     File(name: "report.pdf"),
///     media: .file(reportURL, contentType: "application/pdf") { print($0.fractionCompleted ?? 0) }
/// )
/// ```
///
/// Content up to ``chunkSize`` goes in one request (multipart, with the method's JSON request as its first part);
/// larger content, or content of unknown size, goes in a resumable session of chunks, which continues from the
/// bytes the server has after a failed chunk, whatever the failure (see ``RetryPolicy`` for how often). Google
/// requires chunks to be multiples of 256 KiB.
public struct MediaUpload: Sendable {
    enum Source: Sendable {
        case data(Data)
        case file(URL, size: Int64)
        /// Bytes that can be read once; `length` when the caller knows it.
        case stream(HTTPBody, length: Int64?)
    }

    let source: Source
    /// The media type of the content, such as `image/png`; the method's accept list is checked against it.
    public var contentType: String
    /// The bytes of each chunk of a resumable upload, and the largest content sent in one request. 16 MiB by
    /// default, as Google's Go client; rounded up to a multiple of 256 KiB.
    public var chunkSize: Int {
        didSet { chunkSize = Self.validChunkSize(chunkSize) }
    }
    /// Sends even small content in a resumable session, when the method offers one.
    public var alwaysResumable = false
    /// Called with the bytes the server has whenever they change in a resumable upload, and once at the end.
    public var progress: (@Sendable (TransferProgress) -> Void)?

    /// Google's unit of chunk sizes.
    public static let chunkGranularity = 256 * 1024
    public static let defaultChunkSize = 16 * 1024 * 1024

    init(
        source: Source, contentType: String, chunkSize: Int = defaultChunkSize,
        progress: (@Sendable (TransferProgress) -> Void)?
    ) {
        self.source = source
        self.contentType = contentType
        self.chunkSize = Self.validChunkSize(chunkSize)
        self.progress = progress
    }

    /// Content in memory.
    public static func data(
        _ data: Data, contentType: String, progress: (@Sendable (TransferProgress) -> Void)? = nil
    ) -> MediaUpload {
        MediaUpload(source: .data(data), contentType: contentType, progress: progress)
    }

    /// The content of a file, read a chunk at a time; a chunk sent again after an interruption is read again.
    public static func file(
        _ url: URL, contentType: String, progress: (@Sendable (TransferProgress) -> Void)? = nil
    ) throws -> MediaUpload {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        return MediaUpload(source: .file(url, size: size), contentType: contentType, progress: progress)
    }

    /// Bytes from an asynchronous sequence, read once. Pass `length` when it is known: the size is then checked
    /// before anything is sent. Only the current chunk is kept, so an interrupted upload resumes when the server
    /// has at least the bytes before it.
    public static func stream<Bytes: AsyncSequence & Sendable>(
        _ bytes: Bytes, contentType: String, length: Int64? = nil,
        progress: (@Sendable (TransferProgress) -> Void)? = nil
    ) -> MediaUpload where Bytes.Element == ArraySlice<UInt8> {
        let body = HTTPBody(bytes, length: length.map { .known($0) } ?? .unknown, iterationBehavior: .single)
        return MediaUpload(source: .stream(body, length: length), contentType: contentType, progress: progress)
    }

    /// The size of the content, when known before reading it.
    public var size: Int64? {
        switch source {
        case .data(let data): Int64(data.count)
        case .file(_, let size): size
        case .stream(_, let length): length
        }
    }

    private static func validChunkSize(_ size: Int) -> Int {
        max(1, (size + chunkGranularity - 1) / chunkGranularity) * chunkGranularity
    }

    /// Whether `contentType` is one of `patterns` (`image/*`, `*/*`), without case and parameters.
    static func contentType(_ contentType: String, matchesAnyOf patterns: [String]) -> Bool {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let parts = type.lowercased().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        return patterns.contains { pattern in
            let expected = pattern.lowercased().split(separator: "/", omittingEmptySubsequences: false)
            guard expected.count == 2 else { return false }
            return (expected[0] == "*" || expected[0] == parts[0]) && (expected[1] == "*" || expected[1] == parts[1])
        }
    }
}

/// Where and what a method accepts for upload; the generated `<method>Upload(…)` describes it.
public struct MediaUploadEndpoints: Sendable {
    /// The path of one-request uploads (`uploadType=media` or `multipart`); nil when the method has none.
    let simplePath: PathBuilder?
    /// The path that starts a resumable session (`uploadType=resumable`); nil when the method has none.
    let resumablePath: PathBuilder?
    /// The MIME type patterns the method accepts.
    let accept: [String]
    /// The largest content the method accepts, in bytes.
    let maxSize: Int64?

    public init(simplePath: PathBuilder?, resumablePath: PathBuilder?, accept: [String], maxSize: Int64?) {
        self.simplePath = simplePath
        self.resumablePath = resumablePath
        self.accept = accept
        self.maxSize = maxSize
    }
}
