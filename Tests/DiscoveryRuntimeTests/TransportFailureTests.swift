import Foundation
import Testing

@testable import DiscoveryRuntime

/// Errors shaped and named like those of AsyncHTTPClient and SwiftNIO, which the runtime recognizes by name
/// (IntegrationTests makes the real transports produce the real ones).
private struct HTTPClientError: Error, CustomStringConvertible {
    var description: String
}

private struct IOError: Error, CustomStringConvertible {
    var description: String
}

private struct NIOConnectionError: Error {}

private struct SomeOtherError: Error {}

@Suite struct TransportFailureTests {
    @Test func foundationErrors() {
        #expect(TransportFailure(CancellationError()) == .cancelled)
        #expect(TransportFailure(URLError(.cancelled)) == .cancelled)
        #expect(TransportFailure(URLError(.networkConnectionLost)) == .transient)
        #expect(TransportFailure(URLError(.badURL)) == .other)
        #expect(TransportFailure(POSIXError(.ECONNRESET)) == .transient)
        #expect(TransportFailure(POSIXError(.ENOENT)) == .other)
    }

    /// How Linux's URLSession says a connection dropped while a request or response was under way.
    @Test func linuxURLSessionDroppedConnections() {
        for description in [
            "Send failure: Broken pipe", "Recv failure: Connection reset by peer",
            "transfer closed with 1572867 bytes remaining to read",
            "transfer closed with outstanding read data remaining",
        ] {
            let error = URLError(.unknown, userInfo: [NSLocalizedDescriptionKey: description])
            #expect(TransportFailure(error) == .transient, "\(description)")
        }
        #expect(TransportFailure(URLError(.unknown, userInfo: [NSLocalizedDescriptionKey: "Something else"])) == .other)
    }

    @Test func asyncHTTPClientAndNIOErrorsByName() {
        #expect(TransportFailure(HTTPClientError(description: "HTTPClientError.cancelled")) == .cancelled)
        #expect(TransportFailure(HTTPClientError(description: "HTTPClientError.remoteConnectionClosed")) == .transient)
        #expect(TransportFailure(HTTPClientError(description: "HTTPClientError.readTimeout")) == .transient)
        #expect(TransportFailure(HTTPClientError(description: "HTTPClientError.invalidURL")) == .other)
        #expect(TransportFailure(NIOConnectionError()) == .transient)
        #expect(
            TransportFailure(IOError(description: "connect(descriptor:addr:size:): Connection refused (errno: 111)"))
                == .transient)
        #expect(TransportFailure(IOError(description: "open(file:): No such file (errno: 2)")) == .other)
        #expect(TransportFailure(SomeOtherError()) == .other)
    }
}
