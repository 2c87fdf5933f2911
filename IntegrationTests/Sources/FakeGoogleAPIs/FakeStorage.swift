import Foundation
import LocalServer

/// Files served as Google serves media: `alt=media` on the download service returns the bytes with their
/// `Content-Length`, and a `Range: bytes=N-` request returns the rest from N with 206. The content of every
/// file is computed from offsets, so that a file of any size costs no memory.
public struct FakeStorage: Sendable {
    /// The size of each file, by ID.
    public var sizes: [String: Int]

    public init(sizes: [String: Int]) {
        self.sizes = sizes
    }

    /// Byte `offset` of every file: the number of its 64 KiB block, so that a misplaced block shows.
    public static func byte(at offset: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: offset >> 16)
    }

    /// The bytes of `range` of every file.
    public static func bytes(_ range: Range<Int>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            var offset = range.lowerBound
            while offset < range.upperBound {
                let blockEnd = min((offset >> 16 + 1) << 16, range.upperBound)
                let start = offset - range.lowerBound
                buffer[start..<start + blockEnd - offset].initialize(repeating: byte(at: offset))
                offset = blockEnd
            }
            initialized = range.count
        }
    }

    /// N of `Range: bytes=N-`.
    static func rangeStart(_ header: String?) -> Int? {
        guard let header, header.hasPrefix("bytes="), header.hasSuffix("-") else { return nil }
        return Int(header.dropFirst("bytes=".count).dropLast())
    }

    /// `/drive/v3/files/<id>` answers with the file's metadata; its content comes only from the download service,
    /// `/download/drive/v3/files/<id>?alt=media`.
    public func reply(to request: ReceivedRequest) -> Reply {
        let id = String(request.path.split(separator: "/").last ?? "")
        guard request.method == "GET", let size = sizes[id] else {
            return FakeDataPortability.error(404, "NOT_FOUND", "No file \(request.path).")
        }
        let isDownload = request.path.hasPrefix("/download/")
        guard request.query["alt"] == "media" else {
            guard !isDownload else { return FakeDataPortability.error(400, "INVALID_ARGUMENT", "alt=media is needed.") }
            // The metadata's entity tag, which `If-None-Match` is answered by: 304 while it is the same.
            let etag = "\"meta-\(id)-\(size)\""
            if request.header("If-None-Match") == etag { return Reply(status: 304, headers: [("ETag", etag)]) }
            return .json(#"{"id": "\#(id)", "size": "\#(size)"}"#, headers: [("ETag", etag)])
        }
        guard isDownload else {
            return FakeDataPortability.error(400, "INVALID_ARGUMENT", "Use the download service for media.")
        }
        let start = Self.rangeStart(request.header("Range")) ?? 0
        return Reply(
            status: start == 0 ? 200 : 206,
            headers: [("Content-Type", "application/octet-stream")],
            body: .computed(count: size - start) { FakeStorage.bytes($0.lowerBound + start..<$0.upperBound + start) })
    }
}

/// A file behind a signed URL, as Cloud Storage serves an archive's: a strong `ETag` and `Last-Modified`,
/// `Range: bytes=N-` answered with 206 and `Content-Range`, `If-Range` with another validator answered with the whole
/// file (200), and a range that starts at or past the end answered with 416.
///
/// Byte `n` of version `v` is `(n % 65536 + n / 65536 + 7 × v) % 251`: it changes from byte to byte, from one 64 KiB
/// block to the next and from one version to another (in every byte), so that a download that resumes at the wrong
/// offset, or splices two versions, shows.
public struct StoredObject: Sendable {
    public var size: Int
    public var version: Int
    /// Whether replies carry `ETag`, and `Last-Modified`: without either, a download has no validator.
    public var sendsETag = true
    public var sendsLastModified = true

    public init(size: Int, version: Int = 1) {
        self.size = size
        self.version = version
    }

    /// A strong entity tag that changes with the version.
    public var etag: String { "\"v\(version)-\(size)\"" }

    /// An HTTP date that changes with the version.
    public var lastModified: String {
        let date = Date(timeIntervalSince1970: 1_700_000_000 + Double(version) * 86_400)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    /// 0, 1, …, 250, 0, 1, …: every 64 KiB block is a slice of it, copied with `memcpy`, so that a body of gigabytes
    /// is quick to make even in a debug build.
    private static let pattern: [UInt8] = (0..<65_536 + 2 * 251).map { UInt8($0 % 251) }

    /// The bytes of `range`.
    public func bytes(_ range: Range<Int>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            Self.pattern.withUnsafeBytes { pattern in
                var offset = range.lowerBound
                while offset < range.upperBound {
                    let blockEnd = min((offset >> 16 + 1) << 16, range.upperBound)
                    let from = (offset & 0xFFFF) + ((offset >> 16) + 7 * version) % 251
                    UnsafeMutableRawPointer(buffer.baseAddress! + (offset - range.lowerBound)).copyMemory(
                        from: pattern.baseAddress! + from, byteCount: blockEnd - offset)
                    offset = blockEnd
                }
            }
            initialized = range.count
        }
    }

    /// The validator headers of every reply.
    public var validatorHeaders: [(String, String)] {
        (sendsETag ? [("ETag", etag)] : []) + (sendsLastModified ? [("Last-Modified", lastModified)] : [])
    }

    /// Whether `If-Range`, when sent, names this version: an exact strong `ETag`, or exactly `Last-Modified`.
    func matches(ifRange: String?) -> Bool {
        guard let ifRange else { return true }
        if ifRange.hasPrefix("W/") { return false }
        return (sendsETag && ifRange == etag) || (sendsLastModified && ifRange == lastModified)
    }

    /// The reply to a GET of the file.
    public func reply(to request: ReceivedRequest) -> Reply {
        guard request.method == "GET" else { return .text(405, "GET only") }
        let start =
            matches(ifRange: request.header("If-Range")) ? FakeStorage.rangeStart(request.header("Range")) ?? 0 : 0
        if start >= size && start > 0 {
            return Reply(status: 416, headers: [("Content-Range", "bytes */\(size)")] + validatorHeaders)
        }
        let object = self
        return Reply(
            status: start == 0 ? 200 : 206,
            headers: [("Content-Type", "application/zip")] + validatorHeaders
                + (start == 0 ? [] : [("Content-Range", "bytes \(start)-\(size - 1)/\(size)")]),
            body: .computed(count: size - start) { object.bytes($0.lowerBound + start..<$0.upperBound + start) })
    }
}
