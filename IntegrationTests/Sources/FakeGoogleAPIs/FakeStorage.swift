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
            return .json(#"{"id": "\#(id)", "size": "\#(size)"}"#)
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
