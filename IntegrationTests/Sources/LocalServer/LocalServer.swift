import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP/1.1 server on 127.0.0.1 and a port the system picks, answering every request with its handler.
///
/// Tests start one with ``withLocalServer(_:_:)``, which stops it when the test ends, so that no server outlives
/// its test. It records what it received, and its replies can stall, drop the connection or stream large bodies,
/// as Google's servers and the networks between sometimes do; it can also drop a connection in the middle of a
/// request's body.
public final class LocalServer: Sendable {
    /// `http://127.0.0.1:<port>/`.
    public let baseURL: URL
    private let group: MultiThreadedEventLoopGroup
    private let listener: Channel
    private let serving: Task<Void, Never>
    private let received = NIOLockedValueBox<[ReceivedRequest]>([])

    /// The requests received so far, in order of arrival.
    public var requests: [ReceivedRequest] { received.withLockedValue { $0 } }

    /// The largest request body the server accepts; it closes the connection of a larger one.
    public static let maximumRequestBodyBytes = 64 * 1024 * 1024

    init(
        handler: @escaping @Sendable (ReceivedRequest) async throws -> Reply,
        cutsBody: @escaping @Sendable (ReceivedRequest) -> Int?
    ) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        self.group = group
        self.listener = server.channel
        self.baseURL = URL(string: "http://127.0.0.1:\(server.channel.localAddress?.port ?? 0)/")!
        let received = self.received
        self.serving = Task {
            await withDiscardingTaskGroup { connections in
                try? await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        connections.addTask {
                            try? await Self.serve(
                                connection, handler: handler, cutsBody: cutsBody, received: received)
                        }
                    }
                }
                connections.cancelAll()
            }
        }
    }

    /// Closes the listening socket and every connection, and waits until they are closed.
    func stop() async {
        try? await listener.close()
        serving.cancel()
        await serving.value
        try? await group.shutdownGracefully()
    }

    private static func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
        handler: @Sendable (ReceivedRequest) async throws -> Reply,
        cutsBody: @Sendable (ReceivedRequest) -> Int?,
        received: NIOLockedValueBox<[ReceivedRequest]>
    ) async throws {
        func record(_ head: HTTPRequestHead, _ body: ByteBuffer, isCut: Bool) -> ReceivedRequest {
            received.withLockedValue { requests in
                var request = ReceivedRequest(number: requests.count, head: head, body: Data(body.readableBytesView))
                request.isCut = isCut
                requests.append(request)
                return request
            }
        }
        try await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            var cut: Int?
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body.clear()
                    let number = received.withLockedValue { $0.count }
                    cut = cutsBody(ReceivedRequest(number: number, head: requestHead, body: Data()))
                    if let cut, cut <= 0 {
                        _ = try? await handler(record(requestHead, body, isCut: true))
                        return
                    }
                case .body(var chunk):
                    guard body.readableBytes + chunk.readableBytes <= maximumRequestBodyBytes else { return }
                    body.writeBuffer(&chunk)
                    if let head, let cut, body.readableBytes >= cut {
                        // The handler learns which bytes arrived; the client gets no reply, only a closed connection.
                        _ = try? await handler(
                            record(head, body.getSlice(at: body.readerIndex, length: cut)!, isCut: true))
                        return
                    }
                case .end:
                    guard let head else { return }
                    let request = record(head, body, isCut: false)
                    let reply: Reply
                    do {
                        reply = try await handler(request)
                    } catch {
                        reply = .text(500, "handler failed: \(error)")
                    }
                    // A reply with `Connection: close` ends the connection, as the client then expects.
                    let keepAlive =
                        head.isKeepAlive
                        && !reply.headers.contains { $0.0.lowercased() == "connection" && $0.1.lowercased() == "close" }
                    guard try await write(reply, to: outbound, keepAlive: keepAlive) else { return }
                }
            }
        }
    }

    /// Writes `reply`; false when the connection is to be closed.
    private static func write(
        _ reply: Reply, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, keepAlive: Bool
    ) async throws -> Bool {
        if reply.dropsConnectionBeforeReplying { return false }
        var headers = HTTPHeaders(reply.headers)
        headers.replaceOrAdd(name: "Content-Length", value: String(reply.body.count))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: reply.status)
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
        let sentBytes = min(reply.body.count, reply.dropsConnectionAfterBytes ?? .max)
        var offset = 0
        while offset < sentBytes {
            let end = min(offset + 64 * 1024, sentBytes)
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: reply.body.bytes(offset..<end)))))
            offset = end
        }
        if sentBytes < reply.body.count { return false }
        try await outbound.write(.end(nil))
        return keepAlive
    }
}

/// Runs `body` with a server answering by `handler`, and stops the server when `body` returns or throws.
public func withLocalServer<Result>(
    _ handler: @escaping @Sendable (ReceivedRequest) async throws -> Reply,
    _ body: (LocalServer) async throws -> Result
) async throws -> Result {
    try await withLocalServer(handler, cutsBody: { _ in nil }, body)
}

/// Runs `body` with a server answering by `handler` that cuts request bodies, and stops the server when `body`
/// returns or throws.
///
/// `cutsBody` is given each request's head (its body empty) and may return how many bytes of the body to read before
/// closing the connection, as a network that fails in the middle of an upload would; the handler is then called with
/// those bytes (``ReceivedRequest/isCut`` is true), and its reply is not sent.
public func withLocalServer<Result>(
    _ handler: @escaping @Sendable (ReceivedRequest) async throws -> Reply,
    cutsBody: @escaping @Sendable (ReceivedRequest) -> Int?,
    _ body: (LocalServer) async throws -> Result
) async throws -> Result {
    let server = try await LocalServer(handler: handler, cutsBody: cutsBody)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// A request as the server received it.
public struct ReceivedRequest: Sendable {
    /// The order of arrival at the server, from 0: scripted servers answer by it.
    public var number: Int
    /// `GET`, `POST`, …
    public var method: String
    /// The path and query, as sent: `/v1/archiveJobs/1/portabilityArchiveState?%24.xgafv=2`.
    public var target: String
    /// The header fields, in order.
    public var headers: [(name: String, value: String)]
    /// The whole body, or the bytes that arrived before the server cut it.
    public var body: Data
    /// Whether the server closed the connection in the middle of the body (see `withLocalServer`'s `cutsBody`).
    public var isCut = false

    init(number: Int, head: HTTPRequestHead, body: Data) {
        self.number = number
        self.method = head.method.rawValue
        self.target = head.uri
        self.headers = head.headers.map { ($0.name, $0.value) }
        self.body = body
    }

    /// The path, without the query.
    public var path: String { String(target.prefix { $0 != "?" }) }

    /// The query's items, percent-decoded.
    public var query: [String: String] {
        let items = URLComponents(string: target)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    /// The first value of the header field `name`, compared without case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What the server does with a request.
public struct Reply: Sendable {
    /// The HTTP status.
    public var status: Int
    /// Header fields besides `Content-Length`, which the server sets.
    public var headers: [(String, String)]
    /// The body.
    public var body: Body
    /// Closes the connection without answering, as a server that crashed or a dropped network would.
    public var dropsConnectionBeforeReplying = false
    /// Closes the connection after sending this many bytes of the body.
    public var dropsConnectionAfterBytes: Int?

    public init(status: Int, headers: [(String, String)] = [], body: Body = .bytes(Data())) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON reply.
    public static func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> Reply {
        Reply(
            status: status, headers: [("Content-Type", "application/json; charset=UTF-8")] + headers,
            body: .bytes(Data(text.utf8)))
    }

    /// A plain-text reply.
    public static func text(_ status: Int, _ text: String) -> Reply {
        Reply(status: status, headers: [("Content-Type", "text/plain")], body: .bytes(Data(text.utf8)))
    }

    /// Closes the connection without a reply.
    public static var dropConnection: Reply {
        var reply = Reply(status: 500)
        reply.dropsConnectionBeforeReplying = true
        return reply
    }

    /// A reply body: bytes in memory, or bytes computed from their offsets so that a large body is never held in
    /// memory whole.
    public enum Body: Sendable {
        case bytes(Data)
        case computed(count: Int, bytes: @Sendable (Range<Int>) -> [UInt8])

        var count: Int {
            switch self {
            case .bytes(let data): data.count
            case .computed(let count, _): count
            }
        }

        func bytes(_ range: Range<Int>) -> [UInt8] {
            switch self {
            case .bytes(let data): Array(data[data.startIndex + range.lowerBound..<data.startIndex + range.upperBound])
            case .computed(_, let bytes): bytes(range)
            }
        }
    }
}
