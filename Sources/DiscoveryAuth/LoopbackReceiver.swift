import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Receives the consent page's redirect on 127.0.0.1 and a port the system picks (RFC 8252 7.3), shows the user
/// a short page, and hands over the redirect's query.
///
/// It answers only on the loopback interface, reads at most 16 KiB of each request, waits for each connection
/// for at most 5 s, and gives up when the time for the user runs out or the task is cancelled.
final class LoopbackReceiver: @unchecked Sendable {
    /// `http://127.0.0.1:<port>/`, the redirect URI given to the consent page.
    let redirectURI: URL
    private let listener: Int32
    private let lock = NSLock()
    private var isClosed = false

    init() throws {
        #if canImport(Glibc)
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let listener = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard listener >= 0 else { throw LoopbackError.cannotListen(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, 8) == 0
                    && getsockname(listener, address, &length) == 0
            }
        }
        guard bound else {
            let error = errno
            _ = Self.closeSocket(listener)
            throw LoopbackError.cannotListen(error)
        }
        self.listener = listener
        self.redirectURI = URL(string: "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/")!
    }

    /// Stops listening; a `receive` in progress ends with `CancellationError`.
    func close() {
        lock.withLock {
            guard !isClosed else { return }
            isClosed = true
            _ = Self.closeSocket(listener)
        }
    }

    private static func closeSocket(_ socket: Int32) -> Int32 {
        #if canImport(Glibc)
            Glibc.close(socket)
        #else
            Darwin.close(socket)
        #endif
    }

    /// The query of the first request that carries `code`, `error` or `state`; other requests (a browser's
    /// `/favicon.ico`) get a 404.
    func receive(timeout: Duration) async throws -> [String: String] {
        let deadline = ContinuousClock.now + timeout
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try self.waitForRedirect(until: deadline) })
                }
            }
        } onCancel: {
            close()
        }
    }

    private func waitForRedirect(until deadline: ContinuousClock.Instant) throws -> [String: String] {
        while ContinuousClock.now < deadline {
            guard lock.withLock({ !isClosed }) else { throw CancellationError() }
            var pollDescriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&pollDescriptor, 1, 100) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            defer { _ = Self.closeSocket(connection) }
            guard let target = Self.readRequestTarget(connection) else { continue }
            let query = URLComponents(string: "http://127.0.0.1" + target)?.queryItems ?? []
            let values = Dictionary(query.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
            guard values["code"] != nil || values["error"] != nil || values["state"] != nil else {
                Self.send("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", to: connection)
                continue
            }
            let message =
                values["code"] != nil
                ? "The app received the authorization. You can close this window."
                : "The authorization was not granted. You can close this window."
            let page = "<!doctype html><meta charset=utf-8><title>Authorization</title><p>\(message)</p>"
            Self.send(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(page.utf8.count)\r\n"
                    + "Connection: close\r\n\r\n" + page, to: connection)
            return values
        }
        throw LoopbackError.timedOut
    }

    /// The target of the request line (`/?code=…&state=…`), from at most 16 KiB read within 5 s.
    private static func readRequestTarget(_ connection: Int32) -> String? {
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = ContinuousClock.now + .seconds(5)
        while received.count < 16 * 1024, ContinuousClock.now < deadline {
            if let end = received.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: received[..<end], as: UTF8.self)
                let parts = line.split(separator: " ")
                guard parts.count == 3, parts[0] == "GET" else { return nil }
                return String(parts[1])
            }
            var pollDescriptor = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            guard poll(&pollDescriptor, 1, 100) >= 0 else { return nil }
            guard pollDescriptor.revents != 0 else { continue }
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { return nil }
            received += buffer[..<count]
        }
        return nil
    }

    private static func send(_ text: String, to connection: Int32) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            sent += count
        }
    }
}

/// The loopback listener could not start, or no redirect came in time.
public enum LoopbackError: Error, CustomStringConvertible, Sendable {
    case cannotListen(Int32)
    case timedOut

    public var description: String {
        switch self {
        case .cannotListen(let error): "Cannot listen on 127.0.0.1 (errno \(error))"
        case .timedOut: "No authorization arrived in time; run again and complete the consent page sooner"
        }
    }
}
