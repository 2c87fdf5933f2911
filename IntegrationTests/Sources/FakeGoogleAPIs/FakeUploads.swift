import Foundation
import LocalServer
import NIOConcurrencyHelpers

/// Drive's upload protocols as Google's servers play them: multipart and media uploads in one request, and
/// resumable sessions whose chunks carry `Content-Range`, answered by 308 and the `Range` received so far.
/// Chosen chunks are interrupted: the server keeps half of the chunk's bytes and drops the connection, so that
/// the client must ask what arrived and go on from there. Others are cut: the server reads half of the chunk's
/// bytes, keeps them and closes the connection while the client is still sending the rest (pass ``cutsBody(_:)`` to
/// `withLocalServer`).
public final class FakeUploads: Sendable {
    /// A file as the server stored it.
    public struct StoredFile: Sendable {
        public var name: String?
        public var mimeType: String
        public var content: Data
    }

    private struct Session {
        var name: String?
        var mimeType: String
        var declaredSize: Int?
        var received = Data()
    }

    private struct State {
        var sessions: [String: Session] = [:]
        var files: [StoredFile] = []
        var chunkCount = 0
    }

    private let interruptedChunks: Set<Int>
    private let cutChunks: Set<Int>
    private let closesConnections: Bool
    private let state = NIOLockedValueBox(State())

    /// A server that interrupts the chunks numbered `interruptedChunks` after their last byte, and cuts those
    /// numbered `cutChunks` in the middle (from 1, counting every chunk sent, cut ones included). With
    /// `closesConnections`, every reply says `Connection: close`, so that each request comes on a new connection.
    public init(interruptedChunks: Set<Int> = [], cutChunks: Set<Int> = [], closesConnections: Bool = false) {
        self.interruptedChunks = interruptedChunks
        self.cutChunks = cutChunks
        self.closesConnections = closesConnections
    }

    /// For `withLocalServer`: half of the bytes of a chunk to cut.
    public func cutsBody(_ head: ReceivedRequest) -> Int? {
        guard head.method == "PUT", let range = head.header("Content-Range").flatMap(ContentRange.init),
            range.start != nil
        else { return nil }
        let number = state.withLockedValue { $0.chunkCount + 1 }
        return cutChunks.contains(number) ? range.count / 2 : nil
    }

    /// The files uploaded so far.
    public var files: [StoredFile] { state.withLockedValue { $0.files } }

    public func reply(to request: ReceivedRequest) -> Reply {
        var reply = answer(request)
        if closesConnections { reply.headers.append(("Connection", "close")) }
        return reply
    }

    private func answer(_ request: ReceivedRequest) -> Reply {
        switch (request.method, request.path, request.query["uploadType"]) {
        case ("POST", "/upload/drive/v3/files", "multipart"):
            return multipart(request)
        case ("POST", "/upload/drive/v3/files", "media"):
            return store(StoredFile(name: nil, mimeType: request.header("Content-Type") ?? "", content: request.body))
        case ("POST", "/resumable/upload/drive/v3/files", "resumable"):
            return startSession(request)
        case ("PUT", "/resumable/upload/drive/v3/files", _):
            return chunk(request)
        default:
            return FakeDataPortability.error(400, "INVALID_ARGUMENT", "Unexpected \(request.method) \(request.target).")
        }
    }

    private func store(_ file: StoredFile) -> Reply {
        state.withLockedValue { $0.files.append(file) }
        let name = file.name.map { #""name": "\#($0)", "# } ?? ""
        return .json(#"{\#(name)"id": "file-1", "mimeType": "\#(file.mimeType)", "size": "\#(file.content.count)"}"#)
    }

    /// RFC 2387: the JSON metadata, then the content with its own type.
    private func multipart(_ request: ReceivedRequest) -> Reply {
        let contentType = request.header("Content-Type") ?? ""
        guard let range = contentType.range(of: "multipart/related; boundary=") else {
            return FakeDataPortability.error(400, "INVALID_ARGUMENT", "Expected multipart/related.")
        }
        let delimiter = Data("--\(contentType[range.upperBound...])".utf8)
        var parts: [Data] = []
        var rest = request.body[...]
        while let next = rest.range(of: delimiter) {
            parts.append(Data(rest[..<next.lowerBound]))
            rest = rest[next.upperBound...]
        }
        parts.append(Data(rest))
        // Nothing before the first delimiter, two parts, and "--" after the last one.
        guard parts.count == 4, parts[0].isEmpty, parts[3] == Data("--\r\n".utf8) else {
            return FakeDataPortability.error(400, "INVALID_ARGUMENT", "Expected two parts.")
        }
        let separator = Data("\r\n\r\n".utf8)
        let sections = parts[1...2].compactMap { part -> (headers: String, body: Data)? in
            guard let split = part.range(of: separator) else { return nil }
            let body = part[split.upperBound...].dropLast(2)  // the CRLF before the next delimiter
            return (String(decoding: part[..<split.lowerBound], as: UTF8.self), Data(body))
        }
        guard sections.count == 2, sections[0].headers.contains("Content-Type: application/json"),
            let metadata = try? JSONSerialization.jsonObject(with: sections[0].body) as? [String: Any],
            let mediaType = sections[1].headers.split(separator: " ").last
        else {
            return FakeDataPortability.error(400, "INVALID_ARGUMENT", "Malformed parts.")
        }
        return store(
            StoredFile(name: metadata["name"] as? String, mimeType: String(mediaType), content: sections[1].body))
    }

    private func startSession(_ request: ReceivedRequest) -> Reply {
        guard let mimeType = request.header("X-Upload-Content-Type"), let host = request.header("Host") else {
            return FakeDataPortability.error(400, "INVALID_ARGUMENT", "X-Upload-Content-Type is required.")
        }
        let metadata = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]
        let id = state.withLockedValue { state in
            let id = "session-\(state.sessions.count + 1)"
            state.sessions[id] = Session(
                name: metadata?["name"] as? String, mimeType: mimeType,
                declaredSize: request.header("X-Upload-Content-Length").flatMap { Int($0) })
            return id
        }
        return Reply(
            status: 200, headers: [("Location", "http://\(host)/resumable/upload/drive/v3/files?upload_id=\(id)")])
    }

    private func chunk(_ request: ReceivedRequest) -> Reply {
        guard let id = request.query["upload_id"], let contentRange = request.header("Content-Range"),
            let range = ContentRange(contentRange)
        else {
            return FakeDataPortability.error(400, "INVALID_ARGUMENT", "A session and a Content-Range are required.")
        }
        return state.withLockedValue { state -> Reply in
            guard var session = state.sessions[id] else {
                return FakeDataPortability.error(404, "NOT_FOUND", "No session.")
            }
            defer { state.sessions[id] = session }
            if let start = range.start {
                let hasItsBytes = request.isCut ? request.body.count < range.count : request.body.count == range.count
                guard start == session.received.count, hasItsBytes else {
                    return FakeDataPortability.error(400, "INVALID_ARGUMENT", "The chunk does not continue the upload.")
                }
                state.chunkCount += 1
                if request.isCut {
                    session.received.append(request.body)
                    return .dropConnection
                }
                if interruptedChunks.contains(state.chunkCount) {
                    session.received.append(request.body.prefix(request.body.count / 2))
                    return .dropConnection
                }
                session.received.append(request.body)
            }
            if let total = range.total, session.received.count == total {
                guard session.declaredSize.map({ $0 == total }) ?? true else {
                    return FakeDataPortability.error(400, "INVALID_ARGUMENT", "The size differs from the declared one.")
                }
                let file = StoredFile(name: session.name, mimeType: session.mimeType, content: session.received)
                state.files.append(file)
                return .json(#"{"id": "\#(id)", "name": "\#(file.name ?? "")", "size": "\#(total)"}"#)
            }
            let committed = session.received.count
            return Reply(status: 308, headers: committed == 0 ? [] : [("Range", "bytes=0-\(committed - 1)")])
        }
    }
}

/// `bytes 0-99/1000`, `bytes 0-99/*` or `bytes */1000`.
private struct ContentRange {
    var start: Int?
    var count = 0
    var total: Int?

    init?(_ text: String) {
        guard text.hasPrefix("bytes "), let slash = text.lastIndex(of: "/") else { return nil }
        let span = text[text.index(text.startIndex, offsetBy: 6)..<slash]
        let totalText = text[text.index(after: slash)...]
        total = totalText == "*" ? nil : Int(totalText)
        if span != "*" {
            let bounds = span.split(separator: "-").compactMap { Int($0) }
            guard bounds.count == 2, bounds[0] <= bounds[1] else { return nil }
            start = bounds[0]
            count = bounds[1] - bounds[0] + 1
        }
    }
}
