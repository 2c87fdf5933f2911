import Foundation
import LocalServer
import NIOConcurrencyHelpers

/// A Data Portability API that behaves as Google's does for one user: an archive job that stays `IN_PROGRESS`
/// for a few polls and then completes with its URLs, one-time access that a second `initiate` finds exhausted,
/// `FAILED` jobs that `retry` starts again, and `UNAUTHENTICATED` for any token but the one it was given.
public final class FakeDataPortability: Sendable {
    private struct State {
        var jobs: [String: Job] = [:]
        var oneTimeAccessUsed = false
        var resetCount = 0
        var pollCount = 0
        var cancelledJobs: [String] = []
        var initiateStartTimes: [String?] = []
    }

    private struct Job {
        var resources: [String]
        var pollsLeft: Int
        var state = "IN_PROGRESS"
    }

    private let token: String
    private let pollsUntilComplete: Int
    private let archiveURLs: [String]
    private let failsFirstJob: Bool
    private let isTimeBased: Bool
    private let state = NIOLockedValueBox(State())

    /// A server that accepts `token`, completes a job after `pollsUntilComplete` polls with `archiveURLs`, and
    /// fails the first job when `failsFirstJob` (a `retry` then completes it). A time-based grant (`isTimeBased`)
    /// may export again; a one-time grant only once.
    public init(
        token: String, pollsUntilComplete: Int = 2, archiveURLs: [String] = [], failsFirstJob: Bool = false,
        isTimeBased: Bool = false
    ) {
        self.token = token
        self.pollsUntilComplete = pollsUntilComplete
        self.archiveURLs = archiveURLs
        self.failsFirstJob = failsFirstJob
        self.isTimeBased = isTimeBased
    }

    /// The `startTime` of each `initiate`, nil when it had none.
    public var initiateStartTimes: [String?] { state.withLockedValue { $0.initiateStartTimes } }

    /// How often `authorization.reset` was called.
    public var resetCount: Int { state.withLockedValue { $0.resetCount } }
    /// How often a job's state was asked for.
    public var pollCount: Int { state.withLockedValue { $0.pollCount } }
    /// The jobs cancelled with `archiveJobs.cancel`.
    public var cancelledJobs: [String] { state.withLockedValue { $0.cancelledJobs } }

    /// The reply to `request`.
    public func reply(to request: ReceivedRequest) -> Reply {
        guard request.header("Authorization") == "Bearer \(token)" else {
            var reply = Self.error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")
            reply.headers.append(("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\""))
            return reply
        }
        let path = request.path
        switch (request.method, path) {
        case ("POST", "/v1/portabilityArchive:initiate"):
            return initiate(request)
        case ("GET", _) where path.hasPrefix("/v1/archiveJobs/") && path.hasSuffix("/portabilityArchiveState"):
            let id = path.dropFirst("/v1/archiveJobs/".count).dropLast("/portabilityArchiveState".count)
            return poll(jobID: String(id))
        case ("POST", _) where path.hasPrefix("/v1/archiveJobs/") && path.hasSuffix(":cancel"):
            let id = String(path.dropFirst("/v1/archiveJobs/".count).dropLast(":cancel".count))
            state.withLockedValue { $0.cancelledJobs.append(id) }
            return .json("{}")
        case ("POST", _) where path.hasPrefix("/v1/archiveJobs/") && path.hasSuffix(":retry"):
            return retry(jobID: String(path.dropFirst("/v1/archiveJobs/".count).dropLast(":retry".count)))
        case ("POST", "/v1/authorization:reset"):
            state.withLockedValue { $0.resetCount += 1 }
            return .json("{}")
        default:
            return Self.error(404, "NOT_FOUND", "No method \(request.method) \(path).")
        }
    }

    private func initiate(_ request: ReceivedRequest) -> Reply {
        let body = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]
        guard let resources = body?["resources"] as? [String], !resources.isEmpty else {
            return Self.error(400, "INVALID_ARGUMENT", "resources must not be empty.")
        }
        return state.withLockedValue { state in
            state.initiateStartTimes.append(body?["startTime"] as? String)
            if state.oneTimeAccessUsed, !isTimeBased {
                return Self.error(
                    429, "RESOURCE_EXHAUSTED", "One-time access has already been used for this authorization.")
            }
            state.oneTimeAccessUsed = true
            let id = "job-\(state.jobs.count + 1)"
            state.jobs[id] = Job(resources: resources, pollsLeft: pollsUntilComplete)
            let accessType = isTimeBased ? "ACCESS_TYPE_TIME_BASED" : "ACCESS_TYPE_ONE_TIME"
            return .json(#"{"archiveJobId": "\#(id)", "accessType": "\#(accessType)"}"#)
        }
    }

    private func poll(jobID: String) -> Reply {
        state.withLockedValue { state in
            state.pollCount += 1
            guard var job = state.jobs[jobID] else { return Self.error(404, "NOT_FOUND", "No job \(jobID).") }
            if job.state == "IN_PROGRESS" {
                if job.pollsLeft > 0 {
                    job.pollsLeft -= 1
                } else {
                    job.state = failsFirstJob && jobID == "job-1" ? "FAILED" : "COMPLETE"
                }
                state.jobs[jobID] = job
            }
            let urls = job.state == "COMPLETE" ? archiveURLs : []
            let urlList = urls.map { "\"\($0)\"" }.joined(separator: ", ")
            return .json(
                #"""
                {"name": "archiveJobs/\#(jobID)/portabilityArchiveState", "state": "\#(job.state)",
                 "urls": [\#(urlList)], "startTime": "2026-11-25T10:00:00Z"}
                """#)
        }
    }

    private func retry(jobID: String) -> Reply {
        state.withLockedValue { state in
            guard var job = state.jobs[jobID], job.state == "FAILED" else {
                return Self.error(400, "FAILED_PRECONDITION", "Only a failed job can be retried.")
            }
            job.state = "COMPLETE"
            let id = "job-\(state.jobs.count + 1)"
            state.jobs[id] = Job(resources: job.resources, pollsLeft: pollsUntilComplete)
            state.jobs[jobID] = job
            return .json(#"{"archiveJobId": "\#(id)"}"#)
        }
    }

    /// Google's error body: `{"error": {"code", "message", "status", "details": [ErrorInfo]}}`.
    public static func error(_ httpStatus: Int, _ status: String, _ message: String, reason: String? = nil) -> Reply {
        let details =
            reason.map {
                #"[{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "\#($0)", "domain": "googleapis.com"}]"#
            } ?? "[]"
        return .json(
            #"{"error": {"code": \#(httpStatus), "message": "\#(message)", "status": "\#(status)", "details": \#(details)}}"#,
            status: httpStatus)
    }
}
