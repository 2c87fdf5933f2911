import DiscoveryAuth
import DiscoveryRuntime
import DriveCalendar
import FakeGoogleAPIs
import Foundation
import LocalServer
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Examples/DriveCalendar, on two catalogue products, against local fakes of Google's OAuth, Drive and Calendar:
/// sign in with the installed-app flow, list the newest files, create an event.
@Suite struct DriveCalendarTests {
    private static let token = "ya29.drive-calendar"

    /// Drive's `files.list` and Calendar's `events.insert`, for the one token the fake OAuth server gives.
    private static func googleAPIs(_ request: ReceivedRequest) -> Reply {
        guard request.header("Authorization") == "Bearer \(token)" else {
            return FakeDataPortability.error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")
        }
        switch (request.method, request.path) {
        case ("GET", "/drive/v3/files"):
            return .json(
                #"""
                {"files": [{"id": "2", "name": "Budget", "modifiedTime": "2026-12-01T09:30:00.123456Z"},
                           {"id": "1", "name": "Notes", "modifiedTime": "2026-11-30T18:00:00Z"}]}
                """#)
        case ("POST", "/calendar/v3/calendars/primary/events"):
            return .json(#"{"id": "e1", "htmlLink": "https://calendar.example/e1"}"#)
        default:
            return .text(404, "not found")
        }
    }

    @Test(arguments: Transport.allCases)
    func signInListTheNewestFilesAndCreateAnEvent(_ transport: Transport) async throws {
        let oauth = FakeOAuth(clientID: "client-2", accessToken: Self.token)
        try await withLocalServer({ oauth.reply(to: $0) }) { auth in
            try await withLocalServer({ Self.googleAPIs($0) }) { google in
                let flow = InstalledAppFlow(
                    clientID: "client-2", clientSecret: "secret",
                    authorizationEndpoint: auth.baseURL.appendingPathComponent("o/oauth2/v2/auth"),
                    tokenEndpoint: auth.baseURL.appendingPathComponent("token"), transport: transport.make())
                let credentials = try await DriveCalendar.signIn(with: flow) { url in
                    // The browser: the consent page redirects to the flow's loopback listener.
                    Task.detached { _ = try? await URLSession.shared.data(from: url) }
                }
                let app = DriveCalendar(
                    tokens: credentials, transport: transport.make(), driveServer: google.baseURL,
                    calendarServer: google.baseURL)
                #expect(
                    try await app.newestFiles(count: 2) == [
                        "Budget (2026-12-01T09:30:00.123456Z)", "Notes (2026-11-30T18:00:00Z)",
                    ])
                let list = try #require(google.requests.first)
                #expect(list.query["orderBy"] == "modifiedTime desc")
                #expect(list.query["pageSize"] == "2")
                #expect(list.query["fields"] == "files(id,name,modifiedTime)")

                let start = try Timestamp(jsonWire: "2026-12-24T18:00:00Z")
                let link = try await app.createEvent(title: "Dinner", start: start, duration: .seconds(5400))
                #expect(link == "https://calendar.example/e1")
                let insert = try #require(google.requests.last)
                #expect(
                    insert.bodyText
                        == #"{"end":{"dateTime":"2026-12-24T19:30:00Z","timeZone":"UTC"},"start":{"dateTime":"2026-12-24T18:00:00Z","timeZone":"UTC"},"summary":"Dinner"}"#
                )
            }
        }
    }
}
