import DiscoveryRuntime
import Foundation
import Testing

@Suite struct PathBuilderTests {
    private func path(_ value: String, template: String) throws -> String {
        var builder = PathBuilder()
        builder.appendLiteral("/v1/")
        try builder.appendVariable(value, name: "name", template: template)
        return builder.path
    }

    @Test func literalsAreAppendedVerbatim() {
        var builder = PathBuilder()
        builder.appendLiteral("/v1/authorization:reset")
        #expect(builder.path == "/v1/authorization:reset")
    }

    @Test func unreservedCharactersAreKept() throws {
        #expect(try path("AZaz09-_.~", template: "*") == "/v1/AZaz09-_.~")
    }

    @Test(arguments: [
        ("a/b", "a%2Fb"),
        ("what?", "what%3F"),
        ("a#b", "a%23b"),
        ("100%", "100%25"),
        ("a b", "a%20b"),
        ("a+b=c:d@e", "a%2Bb%3Dc%3Ad%40e"),
        ("café", "caf%C3%A9"),
        ("😀", "%F0%9F%98%80"),
        ("...", "..."),
    ])
    func singleSegmentEncodesEverythingReserved(value: String, expected: String) throws {
        #expect(try path(value, template: "*") == "/v1/" + expected)
    }

    @Test func multiSegmentKeepsSlashesAndEncodesTheRest() throws {
        #expect(try path("archiveJobs/job é?#%", template: "archiveJobs/*") == "/v1/archiveJobs/job%20%C3%A9%3F%23%25")
        #expect(
            try path("archiveJobs/1/portabilityArchiveState", template: "archiveJobs/*/portabilityArchiveState")
                == "/v1/archiveJobs/1/portabilityArchiveState"
        )
    }

    @Test func doubleWildcardMatchesZeroOrMoreSegments() throws {
        #expect(try path("a/b/c", template: "**") == "/v1/a/b/c")
        #expect(try path("files/a/b c", template: "files/**") == "/v1/files/a/b%20c")
        #expect(try path("files", template: "files/**") == "/v1/files")
    }

    @Test func doubleWildcardCanHaveSegmentsAfterIt() throws {
        let documents = "projects/*/databases/*/documents/*/**"
        #expect(
            try path("projects/p/databases/(default)/documents/a/b/c", template: documents)
                == "/v1/projects/p/databases/(default)/documents/a/b/c")
        #expect(
            try path("projects/p/databases/d/documents/a", template: documents)
                == "/v1/projects/p/databases/d/documents/a")
        #expect(try path("keys/k/versions/1/schema", template: "keys/**/schema") == "/v1/keys/k/versions/1/schema")
        #expect(try path("keys/schema", template: "keys/**/schema") == "/v1/keys/schema")
    }

    /// A multi-segment value keeps what RFC 3986 allows raw in a path, as the reserved expansion of Google's Go
    /// and Python clients does, but never what would end the path, change its meaning or look like a verb.
    @Test func multiSegmentKeepsPathCharactersAndEncodesWhatWouldEndThePath() throws {
        #expect(try path("a/!$&'()*+,;=@", template: "a/*") == "/v1/a/!$&'()*+,;=@")
        #expect(try path("a/1:cancel", template: "a/*") == "/v1/a/1%3Acancel")
        #expect(try path("a/?#[]% é", template: "a/*") == "/v1/a/%3F%23%5B%5D%25%20%C3%A9")
    }

    @Test(arguments: [
        ("..", "*"),
        (".", "*"),
        ("", "*"),
        ("archiveJobs/..", "archiveJobs/*"),
        ("archiveJobs/.", "archiveJobs/*"),
        ("archiveJobs/", "archiveJobs/*"),
        ("archiveJobs", "archiveJobs/*"),
        ("other/x", "archiveJobs/*"),
        ("archiveJobs/a/b", "archiveJobs/*"),
        ("archiveJobs/a/other", "archiveJobs/*/portabilityArchiveState"),
        ("a//b", "**"),
        ("a/../b", "**"),
        ("/a", "**"),
        ("a/", "**"),
        ("", "**"),
        ("keys/k", "keys/**/schema"),
        ("keys/schema/x", "keys/**/schema"),
        ("schema", "keys/**/schema"),
        ("projects/p/databases/d/documents", "projects/*/databases/*/documents/*/**"),
    ])
    func malformedValuesAreRejected(value: String, template: String) {
        #expect(throws: DiscoveryClientError.invalidPathParameter(name: "name", value: value, template: template)) {
            try path(value, template: template)
        }
    }

    @Test func nonStringValuesUseTheirParameterText() throws {
        var builder = PathBuilder()
        builder.appendLiteral("/v1/")
        try builder.appendVariable(Int64(-7), name: "id", template: "*")
        builder.appendLiteral("/")
        try builder.appendVariable(CalendarDate(year: 2024, month: 3, day: 8), name: "day", template: "*")
        #expect(builder.path == "/v1/-7/2024-03-08")
    }

    @Test func errorDescriptionNamesTheParameterAndTemplate() {
        let error = DiscoveryClientError.invalidPathParameter(name: "name", value: "../x", template: "archiveJobs/*")
        #expect(
            error.description
                == "Invalid value \"../x\" for path parameter \"name\": it must match the template \"archiveJobs/*\" "
                + "and have no empty, \".\" or \"..\" segments."
        )
    }
}
