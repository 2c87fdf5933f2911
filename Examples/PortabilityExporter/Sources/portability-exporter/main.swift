import DiscoveryRuntime
import Foundation
import OpenAPIURLSession
import PortabilityClient

/// Starts a Data Portability export and waits for its download URLs.
///
///     portability-exporter TOKEN [RESOURCE ...] [--server URL]
///
/// RESOURCE is a resource group such as `myactivity.youtube` (the suffix of its scope); `--server`
/// points the client at another server, such as a local mock.
@main
struct PortabilityExporter {
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var serverURL = DataPortabilityClient.defaultServerURL
        if let index = arguments.firstIndex(of: "--server"), index + 1 < arguments.count,
            let url = URL(string: arguments[index + 1])
        {
            serverURL = url
            arguments.removeSubrange(index...(index + 1))
        }
        guard let token = arguments.first else {
            print("usage: portability-exporter TOKEN [RESOURCE ...] [--server URL]")
            exit(2)
        }
        let resources =
            arguments.count > 1 ? Array(arguments.dropFirst()) : [DataPortabilityScope.myactivityYoutube.resourceGroup]
        let client = DataPortabilityClient(
            serverURL: serverURL,
            transport: URLSessionTransport(),
            middlewares: [AccessTokenMiddleware { token }]
        )
        do {
            try await export(resources, with: client)
        } catch {
            print("error: \(error)")
            exit(1)
        }
    }

    static func export(_ resources: [String], with client: DataPortabilityClient) async throws {
        let job = try await client.portabilityArchive.initiate(InitiatePortabilityArchiveRequest(resources: resources))
        guard let jobID = job.archiveJobId else {
            print("the server started no job")
            return
        }
        print("started archive job \(jobID) (\(job.accessType?.rawValue ?? "access type not given"))")
        var state = try await client.archiveJobs.getPortabilityArchiveState(
            name: "archiveJobs/\(jobID)/portabilityArchiveState")
        while state.state == .inProgress {
            try await Task.sleep(for: .seconds(10))
            state = try await client.archiveJobs.getPortabilityArchiveState(
                name: "archiveJobs/\(jobID)/portabilityArchiveState")
        }
        print("job \(jobID): \(state.state?.rawValue ?? "no state")")
        for url in state.urls ?? [] {
            print(url)
        }
    }
}
