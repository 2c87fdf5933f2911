import DiscoveryRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime
import TestTransport
import Testing

/// Authorization that recovers: a refused token is refreshed once, and tokens are cached and fetched once.
@Suite struct AccessTokenTests {
    /// Hands out `token-1`, `token-2`, … and counts the fetches.
    private actor Issuer {
        private(set) var fetches = 0
        func next(expiresAt: Date? = nil) async -> AccessToken {
            fetches += 1
            await Task.yield()
            return AccessToken(value: "token-\(fetches)", expiresAt: expiresAt)
        }
    }

    private func send(through transport: ScriptedTransport, _ middleware: AccessTokenMiddleware) async throws
        -> HTTPResponse
    {
        let request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/v1/things")
        return try await middleware.intercept(
            request, body: nil, baseURL: URL(string: "https://example.googleapis.com")!, operationID: "things.get"
        ) { request, body, baseURL in
            try await transport.send(request, body: body, baseURL: baseURL, operationID: "things.get")
        }.0
    }

    @Test func aRefusedTokenIsRefreshedAndTheRequestRetriedOnce() async throws {
        let issuer = Issuer()
        let provider = CachingTokenProvider { await issuer.next() }
        let transport = ScriptedTransport([.response(status: 401), .response(status: 200)])
        #expect(try await send(through: transport, AccessTokenMiddleware(provider)).status == .ok)
        let authorizations = await transport.calls.map { $0.request.headerFields[.authorization] }
        #expect(authorizations == ["Bearer token-1", "Bearer token-2"])

        let refusing = ScriptedTransport([.response(status: 401), .response(status: 401), .response(status: 200)])
        #expect(try await send(through: refusing, AccessTokenMiddleware(provider)).status == .unauthorized)
        #expect(await refusing.calls.count == 2, "one retry, not a loop")
    }

    @Test func concurrentCallersShareOneFetch() async throws {
        let issuer = Issuer()
        let provider = CachingTokenProvider { await issuer.next(expiresAt: Date().addingTimeInterval(3600)) }
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 { group.addTask { try await provider.accessToken(forceRefresh: false) } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(tokens == ["token-1"])
        #expect(await issuer.fetches == 1)
    }

    @Test func aTokenIsReplacedShortlyBeforeItExpires() async throws {
        let issuer = Issuer()
        let start = Date(timeIntervalSince1970: 1_000_000)
        let clock = TestTime(start)
        let provider = CachingTokenProvider(refreshMargin: .seconds(60), now: { clock.now }) {
            await issuer.next(expiresAt: start.addingTimeInterval(3600))
        }
        #expect(try await provider.accessToken(forceRefresh: false) == "token-1")
        clock.now = start.addingTimeInterval(3000)
        #expect(try await provider.accessToken(forceRefresh: false) == "token-1")
        clock.now = start.addingTimeInterval(3550)
        #expect(try await provider.accessToken(forceRefresh: false) == "token-2", "within 60 s of expiry")
    }

    @Test func tokensNeverAppearInDescriptions() {
        let token = AccessToken(value: "ya29.secret", expiresAt: Date(timeIntervalSince1970: 0))
        #expect(String(describing: token) == "AccessToken(redacted, expires 1970-01-01T00:00:00Z)")
        #expect(!String(reflecting: token).contains("ya29"))
        #expect(!String(describing: [token]).contains("ya29"))
    }
}

/// A settable "now" for token expiry.
private final class TestTime: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: Date {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}
