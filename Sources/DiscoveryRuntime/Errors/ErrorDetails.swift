import Foundation

/// A standard `google.rpc` error detail, read from ``GoogleAPIError/details`` by its `@type`.
public protocol GoogleErrorDetail: Decodable, Sendable, Hashable {
    /// The detail's `@type`, e.g. `type.googleapis.com/google.rpc.ErrorInfo`.
    static var typeURL: String { get }
}

extension GoogleAPIError {
    /// The first detail of type `Detail`, or nil when there is none or it cannot be read.
    public func detail<Detail: GoogleErrorDetail>(_ type: Detail.Type) -> Detail? {
        details.lazy.compactMap { Self.decode($0, as: type) }.first
    }

    /// Why the request failed, as a machine-readable reason and domain, e.g. `RATE_LIMIT_EXCEEDED`.
    public var errorInfo: ErrorInfo? { detail(ErrorInfo.self) }
    /// How long the server asks the client to wait before retrying.
    public var retryInfo: RetryInfo? { detail(RetryInfo.self) }
    /// Which quota was exceeded.
    public var quotaFailure: QuotaFailure? { detail(QuotaFailure.self) }
    /// Which precondition failed.
    public var preconditionFailure: PreconditionFailure? { detail(PreconditionFailure.self) }
    /// Which fields of the request were invalid.
    public var badRequest: BadRequest? { detail(BadRequest.self) }
    /// Which resource the error is about.
    public var resourceInfo: ResourceInfo? { detail(ResourceInfo.self) }
    /// Links to documentation about the error.
    public var help: Help? { detail(Help.self) }
    /// The error message in the user's language.
    public var localizedMessage: LocalizedMessage? { detail(LocalizedMessage.self) }
    /// Debugging information from the server.
    public var debugInfo: DebugInfo? { detail(DebugInfo.self) }

    private static func decode<Detail: GoogleErrorDetail>(_ value: JSONValue, as type: Detail.Type) -> Detail? {
        guard case .object(let fields) = value, fields["@type"] == .string(Detail.typeURL),
            let data = try? JSONEncoder().encode(value)
        else { return nil }
        return try? JSONDecoder().decode(type, from: data)
    }
}

/// `google.rpc.ErrorInfo`: the reason for the error, its domain, and more about it.
public struct ErrorInfo: GoogleErrorDetail {
    public static let typeURL = "type.googleapis.com/google.rpc.ErrorInfo"
    /// A constant in UPPER_SNAKE_CASE naming the cause, e.g. `RATE_LIMIT_EXCEEDED`.
    public var reason: String?
    /// The service that generated the error, e.g. `googleapis.com`.
    public var domain: String?
    /// More facts about the error, e.g. the quota limit's name.
    public var metadata: [String: String]?
}

/// `google.rpc.RetryInfo`: when the client may retry.
public struct RetryInfo: GoogleErrorDetail {
    public static let typeURL = "type.googleapis.com/google.rpc.RetryInfo"
    /// The wait, as Google writes durations (`"3.5s"`); see ``delay``.
    public var retryDelay: String?

    /// ``retryDelay`` as a `Duration`, or nil when it is missing, malformed or negative.
    public var delay: Duration? {
        guard let retryDelay, let delay = try? Duration(jsonWire: retryDelay), delay >= .zero else { return nil }
        return delay
    }
}

/// `google.rpc.QuotaFailure`: the quota checks that failed.
public struct QuotaFailure: GoogleErrorDetail {
    public static let typeURL = "type.googleapis.com/google.rpc.QuotaFailure"
    /// One failed quota check.
    public struct Violation: Decodable, Sendable, Hashable {
        /// What the quota applies to, e.g. `project:123`.
        public var subject: String?
        /// How the quota was exceeded.
        public var description: String?
    }
    /// Every failed check.
    public var violations: [Violation]?
}

/// `google.rpc.PreconditionFailure`: the preconditions that failed.
public struct PreconditionFailure: GoogleErrorDetail {
    public static let typeURL = "type.googleapis.com/google.rpc.PreconditionFailure"
    /// One failed precondition.
    public struct Violation: Decodable, Sendable, Hashable {
        /// The kind of precondition, e.g. `TOS`.
        public var type: String?
        /// What failed it.
        public var subject: String?
        /// How to fix it.
        public var description: String?
    }
    /// Every failed precondition.
    public var violations: [Violation]?
}

/// `google.rpc.BadRequest`: the invalid fields of the request.
public struct BadRequest: GoogleErrorDetail {
    public static let typeURL = "type.googleapis.com/google.rpc.BadRequest"
    /// One invalid field.
    public struct FieldViolation: Decodable, Sendable, Hashable {
        /// The field's path, e.g. `resources[0]`.
        public var field: String?
        /// Why it is invalid.
        public var description: String?
        /// A machine-readable reason, when the service gives one.
        public var reason: String?
    }
    /// Every invalid field.
    public var fieldViolations: [FieldViolation]?
}

/// `google.rpc.ResourceInfo`: the resource that the error is about.
public struct ResourceInfo: GoogleErrorDetail {
    public static let typeURL = "type.googleapis.com/google.rpc.ResourceInfo"
    /// The resource's type, e.g. a type URL.
    public var resourceType: String?
    /// The resource's name.
    public var resourceName: String?
    /// Its owner, e.g. `project:123`.
    public var owner: String?
    /// What went wrong with it.
    public var description: String?
}

/// `google.rpc.Help`: links to documentation.
public struct Help: GoogleErrorDetail {
    public static let typeURL = "type.googleapis.com/google.rpc.Help"
    /// One link.
    public struct Link: Decodable, Sendable, Hashable {
        /// What the link is about.
        public var description: String?
        /// The link.
        public var url: String?
    }
    /// Every link.
    public var links: [Link]?
}

/// `google.rpc.LocalizedMessage`: the error in the user's language.
public struct LocalizedMessage: GoogleErrorDetail {
    public static let typeURL = "type.googleapis.com/google.rpc.LocalizedMessage"
    /// The BCP 47 locale of ``message``, e.g. `en-US`.
    public var locale: String?
    /// The message.
    public var message: String?
}

/// `google.rpc.DebugInfo`: how the server failed; for debugging, not for users.
public struct DebugInfo: GoogleErrorDetail {
    public static let typeURL = "type.googleapis.com/google.rpc.DebugInfo"
    /// The server's stack trace.
    public var stackEntries: [String]?
    /// More about the failure.
    public var detail: String?
}
