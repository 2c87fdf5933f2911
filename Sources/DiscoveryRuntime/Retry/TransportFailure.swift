import Foundation

/// What a transport's error says about a request: cancelled, failed in a way that another attempt may fix, or
/// neither.
///
/// Each transport reports these its own way. URLSession's `URLError` and `POSIXError` are Foundation types. The
/// errors of AsyncHTTPClient (`HTTPClientError`) and SwiftNIO (`NIOConnectionError`, `IOError`, `ChannelError`)
/// come from packages that the runtime does not depend on, so they are recognized by their type's name and
/// description; the integration tests make the real transports fail in each of these ways.
enum TransportFailure: Equatable {
    case cancelled
    /// No response arrived, so an idempotent request may be sent again.
    case transient
    case other

    init(_ error: any Error) {
        if error is CancellationError {
            self = .cancelled
        } else if let error = error as? URLError {
            self =
                error.code == .cancelled
                ? .cancelled
                : Self.transientURLErrorCodes.contains(error.code) || Self.isDroppedConnection(error)
                    ? .transient : .other
        } else if let error = error as? POSIXError {
            self = Self.transientErrnos.contains(error.code.rawValue) ? .transient : .other
        } else {
            self = Self.classifyByName(error)
        }
    }

    /// Linux's URLSession reports a connection dropped while sending or receiving as `URLError(.unknown)` with
    /// curl's "Send failure: Broken pipe" or "Recv failure: Connection reset by peer", and one closed before the
    /// whole body arrived with "transfer closed with 1572867 bytes remaining to read".
    private static func isDroppedConnection(_ error: URLError) -> Bool {
        guard error.code == .unknown else { return false }
        let description = error.localizedDescription
        return ["Send failure", "Recv failure", "transfer closed with"].contains { description.hasPrefix($0) }
    }

    private static func classifyByName(_ error: any Error) -> TransportFailure {
        let description = String(describing: error)
        switch String(describing: type(of: error)) {
        case "HTTPClientError":
            let code = description.dropFirst("HTTPClientError.".count)
            if code == "cancelled" { return .cancelled }
            return transientHTTPClientErrors.contains(String(code)) ? .transient : .other
        case "NIOConnectionError":
            return .transient
        case "IOError":
            // "connect(descriptor:addr:size:): Connection refused (errno: 111)"
            guard let start = description.range(of: "(errno: ", options: .backwards),
                let errno = Int32(description[start.upperBound...].prefix { $0.isNumber })
            else { return .other }
            return transientErrnos.contains(errno) ? .transient : .other
        case "ChannelError":
            let isTransient =
                ["I/O on closed channel", "End of file", "Input closed"].contains(description)
                || description.hasPrefix("Connect timeout")
            return isTransient ? .transient : .other
        default:
            return .other
        }
    }

    /// `badServerResponse` is how Linux's URLSession reports a connection closed before any reply ("Empty reply
    /// from server"); Apple's reports `networkConnectionLost`.
    private static let transientURLErrorCodes: Set<URLError.Code> = [
        .timedOut, .cannotConnectToHost, .networkConnectionLost, .notConnectedToInternet, .cannotFindHost,
        .dnsLookupFailed, .secureConnectionFailed, .badServerResponse,
    ]

    private static let transientErrnos: Set<Int32> = [
        ECONNRESET, ECONNREFUSED, ECONNABORTED, EPIPE, ETIMEDOUT, ENETUNREACH, EHOSTUNREACH,
    ]

    /// The `HTTPClientError` codes that mean the connection failed or went silent.
    private static let transientHTTPClientErrors: Set<String> = [
        "remoteConnectionClosed", "connectTimeout", "readTimeout", "writeTimeout", "tlsHandshakeTimeout",
        "socksHandshakeTimeout", "httpProxyHandshakeTimeout", "getConnectionFromPoolTimeout",
    ]
}
