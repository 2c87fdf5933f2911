import DataPortability
import Foundation
import Testing

@Suite struct ScopeTests {
    private static let prefix = "https://www.googleapis.com/auth/dataportability."

    @Test func allScopesAreDistinctDataPortabilityScopes() {
        let all = DataPortabilityScope.all
        #expect(all.count == 73)
        #expect(Set(all).count == all.count)
        #expect(all.filter { !$0.rawValue.hasPrefix(Self.prefix) } == [])
    }

    /// The generated list holds exactly the scopes the spec declares.
    @Test func allMatchesTheSpec() throws {
        let specURL = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("spec/dataportability.yaml")
        let spec = try String(contentsOf: specURL, encoding: .utf8)
        let declared = spec.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  " + Self.prefix), let end = line.range(of: ": ") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound])
        }
        #expect(declared.count == 73)
        #expect(Set(DataPortabilityScope.all.map(\.rawValue)) == Set(declared))
    }

    @Test func namedScopes() {
        #expect(DataPortabilityScope.myactivityYoutube.rawValue == Self.prefix + "myactivity.youtube")
        #expect(DataPortabilityScope.chromeReadingList.rawValue == Self.prefix + "chrome.reading_list")
        #expect(DataPortabilityScope.myactivityYoutube.description == Self.prefix + "myactivity.youtube")
        #expect(DataPortabilityScope.all.contains(.myactivityMaps))
    }

    @Test func everyMethodAcceptsEveryScope() {
        let methodScopes: [String: [DataPortabilityScope]] = [
            "reset": DataPortabilityClient.AuthorizationResource.resetScopes,
            "initiate": DataPortabilityClient.PortabilityArchiveResource.initiateScopes,
            "check": DataPortabilityClient.AccessTypeResource.checkScopes,
            "getPortabilityArchiveState": DataPortabilityClient.ArchiveJobsResource.getPortabilityArchiveStateScopes,
            "retry": DataPortabilityClient.ArchiveJobsResource.retryScopes,
            "cancel": DataPortabilityClient.ArchiveJobsResource.cancelScopes,
        ]
        for (method, scopes) in methodScopes {
            #expect(scopes == DataPortabilityScope.all, "\(method)")
            #expect(scopes.count == 73, "\(method)")
        }
    }
}

/// `initiate` takes the scopes' short names as resource groups.
@Suite struct ScopeShortNameTests {
    @Test func shortNamesAreInitiatesResourceGroups() {
        #expect(DataPortabilityScope.myactivityYoutube.shortName == "myactivity.youtube")
        #expect(DataPortabilityScope(shortName: "myactivity.maps") == .myactivityMaps)
        #expect(DataPortabilityScope(shortName: "nothing") == nil)
        #expect(Set(DataPortabilityScope.all.map(\.shortName)).count == DataPortabilityScope.all.count)
    }
}
