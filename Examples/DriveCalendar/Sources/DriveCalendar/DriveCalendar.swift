import DiscoveryAuth
import DiscoveryRuntime
import Foundation
import GoogleCalendar
import GoogleDrive
import OpenAPIRuntime

/// Lists the newest Drive files and creates Calendar events for one signed-in user.
public struct DriveCalendar: Sendable {
    public let drive: GoogleDriveClient
    public let calendar: GoogleCalendarClient

    /// The scopes it asks for: file metadata to read, events to create, and nothing more.
    public static let scopes = [GoogleDriveScope.metadataReadonly.rawValue, GoogleCalendarScope.events.rawValue]

    /// Clients that authorize every request with `tokens`; the servers are Google's unless tests give others.
    public init(
        tokens: any AccessTokenProvider, transport: any ClientTransport,
        driveServer: URL = GoogleDriveClient.defaultServerURL,
        calendarServer: URL = GoogleCalendarClient.defaultServerURL
    ) {
        let authorization = AccessTokenMiddleware(tokens)
        drive = GoogleDriveClient(serverURL: driveServer, transport: transport, middlewares: [authorization])
        calendar = GoogleCalendarClient(serverURL: calendarServer, transport: transport, middlewares: [authorization])
    }

    /// Asks the user for ``scopes`` in a browser (the installed-app flow); the grant to pass to `init`.
    public static func signIn(
        with flow: InstalledAppFlow, open: @Sendable (URL) async throws -> Void
    ) async throws -> UserCredentials {
        try await flow.authorize(scopes: scopes.map(ScopeURL.init), open: open)
    }

    /// The files modified most recently, newest first, as `name (modified time)` lines.
    public func newestFiles(count: Int) async throws -> [String] {
        let list = try await drive.files.list(
            orderBy: "modifiedTime desc", pageSize: Int32(count), q: "trashed = false",
            options: CallOptions(fields: "files(id,name,modifiedTime)"))
        return (list.files ?? []).map { file in
            "\(file.name ?? file.id ?? "?") (\(file.modifiedTime?.description ?? "no time"))"
        }
    }

    /// Creates an event of `duration` from `start` in the user's primary calendar; its link.
    public func createEvent(title: String, start: Timestamp, duration: Duration) async throws -> String {
        var event = Event()
        event.summary = title
        event.start = EventDateTime(dateTime: start, timeZone: "UTC")
        event.end = EventDateTime(dateTime: start + duration, timeZone: "UTC")
        let created = try await calendar.events.insert(calendarId: "primary", body: event)
        return created.htmlLink ?? created.id ?? ""
    }
}

/// A scope given by its URL, for the scopes of two APIs in one consent.
public struct ScopeURL: RawRepresentable, Sendable {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init?(rawValue: String) { self.rawValue = rawValue }
}
