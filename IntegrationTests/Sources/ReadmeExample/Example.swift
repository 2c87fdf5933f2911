// Copied from README.md by scripts/check-integration.sh; edit the README, not this file.
// swift-format-ignore-file

import DataPortability
import DiscoveryRuntime
import OpenAPIURLSession

/// The README's Data Portability example, as a function that handles every error itself.
public func runReadmeExample() async {
    // Ask the user only for the scopes you need; `initiate.resources` takes the scope suffixes.
    let scopes: [DataPortabilityScope] = [.myactivityYoutube, .myactivityMaps]
    let oauthScopeParameter = scopes.map(\.rawValue).joined(separator: " ")
    enum ExportError: Error { case noJobID, jobEnded(PortabilityArchiveState.State?) }

    // Tokens are cached until a minute before they expire and refreshed once for all concurrent calls;
    // `fetchToken` is your OAuth code (a refresh-token grant, say) returning an `AccessToken`.
    let tokens = CachingTokenProvider { try await fetchToken() }
    let client = DataPortabilityClient(
        transport: URLSessionTransport(),
        middlewares: [AccessTokenMiddleware(tokens)],
        retryPolicy: .default  // the default: GETs are retried on 429 and 5xx with backoff; POSTs are not
    )

    do {
        let job = try await client.portabilityArchive.initiate(
            InitiatePortabilityArchiveRequest(resources: ["myactivity.youtube", "myactivity.maps"])
        )
        guard let jobID = job.archiveJobId else { throw ExportError.noJobID }
        let stateName = "archiveJobs/\(jobID)/portabilityArchiveState"
        var state = try await client.archiveJobs.getPortabilityArchiveState(name: stateName)
        while state.state == .inProgress {
            try await Task.sleep(for: .milliseconds(1))
            state = try await client.archiveJobs.getPortabilityArchiveState(
                name: stateName, options: CallOptions(timeout: .seconds(30)))
        }
        guard state.state == .complete else { throw ExportError.jobEnded(state.state) }
        for url in state.urls ?? [] { print("download:", url) }

        // When every job is done and downloaded: revoke the tokens and reset exhausted scopes.
        _ = try await client.authorization.reset()
    } catch let error as GoogleAPIError where error.errorInfo?.reason == "RATE_LIMIT_EXCEEDED" {
        // Still rate-limited after the client's retries: try again later.
        print("rate limited; retry after", error.retryInfo?.delay ?? .seconds(60))
    } catch let error as GoogleAPIError where error.status == "RESOURCE_EXHAUSTED" {
        // One-time access was already used for this grant: the user must authorize again.
        print("one-time access already used:", error.message)
    } catch let error as GoogleAPIError where error.status == "FAILED_PRECONDITION" {
        // A time-based export already ran in the last 24 hours.
        print("too soon:", error.message)
    } catch let error as GoogleAPIError {
        print("the API refused the call:", error)
    } catch let error as TransportError {
        print("no response from Google:", error)
    } catch is CancellationError {
        print("cancelled")
    } catch {
        print("export failed:", error)
    }
    _ = oauthScopeParameter
}
