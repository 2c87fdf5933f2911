import ArgumentParser
import DiscoveryAuth
import DiscoveryRuntime
import DriveCalendar
import Foundation
import OpenAPIURLSession

/// `drive-calendar`: lists your newest Drive files, and with `--event` adds an event to your calendar.
@main
struct DriveCalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drive-calendar",
        abstract: "List your newest Google Drive files, and add a Google Calendar event.")

    @Option(help: "The OAuth client ID of a Desktop app; without it, Application Default Credentials are used.")
    var clientID: String?

    @Option(help: "The OAuth client secret of the Desktop app.")
    var clientSecret: String?

    @Option(help: "How many files to list.")
    var count = 10

    @Option(help: "Add an event with this title, starting in an hour, for 30 minutes.")
    var event: String?

    func run() async throws {
        let transport = URLSessionTransport()
        let tokens: any AccessTokenProvider
        if let clientID {
            let flow = InstalledAppFlow(clientID: clientID, clientSecret: clientSecret, transport: transport)
            tokens = try await DriveCalendar.signIn(with: flow) { url in print("Open this page to sign in:\n\(url)") }
        } else {
            tokens = try ApplicationDefaultCredentials.provider(
                scopes: DriveCalendar.scopes.map(ScopeURL.init), transport: transport)
        }
        let app = DriveCalendar(tokens: tokens, transport: transport)
        for line in try await app.newestFiles(count: count) { print(line) }
        if let event {
            let link = try await app.createEvent(title: event, start: .now + .seconds(3600), duration: .seconds(1800))
            print("Created: \(link)")
        }
    }
}
