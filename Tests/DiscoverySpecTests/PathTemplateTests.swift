import DiscoverySpec
import Testing

/// Templates that must parse, each written canonically so that `description` gives it back.
private let acceptedTemplates = [
    "/shelves/**",
    "/a:foo",
    "/a/{a.b.c}",
    "/{x.y.z=*/a/b}/c",
    "/v1/authorization:reset",
    "/v1/{name=archiveJobs/*}:retry",
    "/v1/{name=archiveJobs/*/portabilityArchiveState}",
    "/v1/{parent=projects/*/locations/*}/datasets",
    "/v1/{name=**}",
    "/compute/v1/projects/{project}/zones/{zone}/instances/{instance}",
    "/upload/drive/v3/files",
    "/v1/{resource=projects/*}:getIamPolicy",
    "/a/{b}:c",
    "/a-b.c_d~e/*",
    "/{_private.field_2}",
    "/v1/{name=shelves}/books/**:list",
    // Every character RFC 3986 allows raw in a path segment, as Google's documents use some of them.
    "/tasks/v1/users/@me/lists/{tasklist}",
    "/v1/{name=projects/*/fhirStores/*}/fhir/$export",
    "/a/!$&'()*+,;=:@/b",
    "/a:b/c",
    "/{x=a:b}",
    "/a=b",
    "/a*/*b",
    "/a:b:c",
    // A multi-segment variable followed by more segments.
    "/v1/{parent=projects/*/databases/*/documents/**}/{collectionId}",
    "/v1/{parent=projects/*/databases/*/documents/*/**}/{collectionId}",
    "/v2/{instanceName=**}/actionResults/{hash}/{sizeBytes}",
    "/v1/{name=projects/*/keyRings/*/cryptoKeys/**}/protectedResourcesSummary",
    "/a/{b=c/**/d}/e:verb",
    "/a/{x=**}/{y=**}",
]

@Test(arguments: acceptedTemplates)
func acceptsAndPrintsBackCanonicalTemplate(text: String) throws {
    let template = try PathTemplate(parsing: text)
    #expect(template.description == text)
}

@Test(arguments: [
    ("/{x=*}", "/{x}"),
    ("/v1/{name=*}:get", "/v1/{name}:get"),
    ("/a/{b.c=*}/{d=*/*}", "/a/{b.c}/{d=*/*}"),
])
func descriptionDropsImpliedSingleWildcard(text: String, canonical: String) throws {
    #expect(try PathTemplate(parsing: text).description == canonical)
}

@Test(arguments: acceptedTemplates + ["/{x=*}", "/v1/{name=*}:get"])
func descriptionParsesToSameTemplate(text: String) throws {
    let template = try PathTemplate(parsing: text)
    let reparsed = try PathTemplate(parsing: template.description)
    #expect(reparsed.description == template.description)
    #expect(reparsed.verb == template.verb)
    #expect(reparsed.variables.map(\.fieldPath) == template.variables.map(\.fieldPath))
    #expect(reparsed.variables.map(\.segments) == template.variables.map(\.segments))
}

private let literalCharacters = "a literal may only contain ASCII letters, digits and -._~!$&'()*+,;=:@"

@Test(arguments: [
    ("", "the template is empty; it must start with '/'", 0),
    ("//", "unexpected '/': a segment cannot be empty", 1),
    ("/{}", "unexpected '}': expected a field name after '{'", 2),
    ("/a/", "unexpected end of template: expected a segment after '/'", 3),
    ("/a//b", "unexpected '/': a segment cannot be empty", 3),
    ("/:verb", "unexpected ':': expected a segment after '/'", 1),
    ("/a/{var", "unexpected end of template: expected '}' to close the variable at offset 3", 7),
    ("/{var=a/{nested=b}}", "unexpected '{': variables cannot be nested", 8),
    ("/a{x}", "unexpected '{': a variable must be a whole segment", 2),
    ("/{x}a", "unexpected 'a': a variable must be a whole segment", 4),
    ("a/b/{x}", "unexpected 'a': a template must start with '/'", 0),
    ("/{x=a/**/b/**}", "a variable can have only one '**'", 11),
    ("/a/{x}/{x}", "the field 'x' is already bound by the variable at offset 3", 7),
    ("/a/{1x}", "unexpected '1': a field name must start with a letter or '_'", 4),
    ("/a/{x.}", "unexpected '}': expected a field name after '.'", 6),
    ("/a b", "unexpected space: \(literalCharacters)", 2),
    ("/a?b", "unexpected '?': \(literalCharacters)", 2),
    ("/a#b", "unexpected '#': \(literalCharacters)", 2),
    ("/a:", "unexpected end of template: expected a verb after ':'", 3),
    ("/a%2Fb", "unexpected '%': \(literalCharacters)", 2),
    ("/a/{x=}", "unexpected '}': expected a segment after '='", 6),
    ("/é", "unexpected 'é' (U+00E9): \(literalCharacters)", 1),
])
func rejectsRequiredCase(text: String, message: String, offset: Int) {
    #expect(throws: PathTemplateError(message: message, offset: offset)) {
        try PathTemplate(parsing: text)
    }
}

@Test(arguments: [
    ("/{x=**/**}", "a variable can have only one '**'", 7),
    ("/***", "unexpected '*': a wildcard is '*' (one segment) or '**' (any number of segments)", 3),
    ("/{x}{y}", "unexpected '{': a variable must be a whole segment", 4),
    ("/{x}:a/b", "unexpected ':': a variable must be a whole segment", 4),
    ("/{x=a}b", "unexpected 'b': a variable must be a whole segment", 6),
    ("/{x=a{y}}", "unexpected '{': variables cannot be nested", 5),
    ("/{x=a", "unexpected end of template: expected '}' to close the variable at offset 1", 5),
    ("/{x-y}", "unexpected '-': expected '.', '=' or '}' after the field name 'x'", 3),
    ("/{a.b}/{a.b=*}", "the field 'a.b' is already bound by the variable at offset 1", 7),
    ("/a}", "unexpected '}': expected '/', ':' or the end of the template", 2),
    ("/a:b{c/d}", "unexpected '{': the verb must be at the end of the template", 4),
    ("/a:?", "unexpected '?': \(literalCharacters)", 3),
    ("/a:}", "unexpected '}': expected a verb after ':'", 3),
    ("/{é}", "unexpected 'é' (U+00E9): expected a field name after '{'", 2),
    ("/a\t", "unexpected U+0009: \(literalCharacters)", 2),
    ("/a\u{00A0}", "unexpected U+00A0: \(literalCharacters)", 2),
    // Offsets count Unicode scalars: "e\u{301}" is one character but two scalars.
    ("/e\u{301}", "unexpected U+0301: \(literalCharacters)", 2),
    ("/{x}/e\u{301}", "unexpected U+0301: \(literalCharacters)", 6),
])
func rejectsWithExplanation(text: String, message: String, offset: Int) {
    #expect(throws: PathTemplateError(message: message, offset: offset)) {
        try PathTemplate(parsing: text)
    }
}

@Test func parsesSegmentsAndVerb() throws {
    let template = try PathTemplate(parsing: "/v1/{name=archiveJobs/*}:retry")
    #expect(template.verb == "retry")
    #expect(template.segments.count == 2)
    #expect(template.segments.first == .literal("v1"))
    let name = try #require(template.variables.first)
    #expect(template.segments.last == .variable(name))
    #expect(name.segments == [.literal("archiveJobs"), .singleWildcard])

    let shelves = try PathTemplate(parsing: "/shelves/**")
    #expect(shelves.segments == [.literal("shelves"), .multiWildcard])
    #expect(shelves.verb == nil)
}

@Test func theVerbStartsAtTheFirstColonOfTheLastSegment() throws {
    let template = try PathTemplate(parsing: "/a:b/c:d:e")
    #expect(template.segments == [.literal("a:b"), .literal("c")])
    #expect(template.verb == "d:e")
    #expect(try PathTemplate(parsing: "/{x=a:b}").verb == nil)
    #expect(try PathTemplate(parsing: "/{x=a/b}:c").verb == "c")
}

@Test func onlyAWholeSegmentOfStarsIsAWildcard() throws {
    let template = try PathTemplate(parsing: "/{x=a*/*/**}/*b")
    let variable = try #require(template.variables.first)
    #expect(variable.segments == [.literal("a*"), .singleWildcard, .multiWildcard])
    #expect(template.segments.last == .literal("*b"))
    #expect(template.anonymousWildcardOffset == nil)
}

@Test(arguments: [
    ("/a/{a.b.c}", ["a", "b", "c"], "a.b.c", "*", false, 3),
    ("/{x.y.z=*/a/b}/c", ["x", "y", "z"], "x.y.z", "*/a/b", true, 1),
    ("/v1/{name=archiveJobs/*}:retry", ["name"], "name", "archiveJobs/*", true, 4),
    ("/v1/{name=**}", ["name"], "name", "**", true, 4),
    ("/v1/{parent=a/*/**}/{c}", ["parent"], "parent", "a/*/**", true, 4),
    ("/v1/{name=*}", ["name"], "name", "*", false, 4),
    ("/v1/{name=shelves}", ["name"], "name", "shelves", false, 4),
    ("/v1/{resource=projects/*}:getIamPolicy", ["resource"], "resource", "projects/*", true, 4),
])
func describesVariable(
    text: String,
    fieldPath: [String],
    fieldName: String,
    segmentTemplate: String,
    matchesMultipleSegments: Bool,
    offset: Int
) throws {
    let variable = try #require(try PathTemplate(parsing: text).variables.first)
    #expect(variable.fieldPath == fieldPath)
    #expect(variable.fieldName == fieldName)
    #expect(variable.segmentTemplate == segmentTemplate)
    #expect(variable.matchesMultipleSegments == matchesMultipleSegments)
    #expect(variable.offset == offset)
}

@Test func listsVariablesInOrder() throws {
    let template = try PathTemplate(parsing: "/compute/v1/projects/{project}/zones/{zone}/instances/{instance}")
    #expect(template.variables.map(\.fieldName) == ["project", "zone", "instance"])
    #expect(template.variables.map(\.offset) == [21, 37, 54])
    #expect(try PathTemplate(parsing: "/upload/drive/v3/files").variables.isEmpty)
}

@Test func piecesHoldVariablesBetweenMergedLiterals() throws {
    let template = try PathTemplate(parsing: "/v1/{name=archiveJobs/*}:retry")
    let name = try #require(template.variables.first)
    #expect(template.pieces == [.literal("/v1/"), .variable(name), .literal(":retry")])
}

@Test(arguments: [
    ("/v1/authorization:reset", ["/v1/authorization:reset"]),
    ("/upload/drive/v3/files", ["/upload/drive/v3/files"]),
    ("/{x}", ["/", "{x}"]),
    ("/a/{b}:c", ["/a/", "{b}", ":c"]),
    ("/tasks/v1/users/@me/lists/{tasklist}", ["/tasks/v1/users/@me/lists/", "{tasklist}"]),
    ("/v1/{parent=p/**}/{collectionId}", ["/v1/", "{parent}", "/", "{collectionId}"]),
    ("/v1/{name=n/*}/$export", ["/v1/", "{name}", "/$export"]),
    ("/v1/{parent=projects/*/locations/*}/datasets", ["/v1/", "{parent}", "/datasets"]),
    (
        "/compute/v1/projects/{project}/zones/{zone}/instances/{instance}",
        ["/compute/v1/projects/", "{project}", "/zones/", "{zone}", "/instances/", "{instance}"]
    ),
])
func splitsIntoPieces(text: String, expected: [String]) throws {
    let pieces = try PathTemplate(parsing: text).pieces
    let labels = pieces.map { piece in
        switch piece {
        case .literal(let literal): literal
        case .variable(let variable): "{\(variable.fieldName)}"
        }
    }
    #expect(labels == expected)
}

@Test(
    arguments: [
        ("/shelves/**", 9),
        ("/a/*/b/{c}", 3),
        ("/{x}/*", 5),
        ("/{x=*}/*/**", 7),
        ("/a/**/{x}", 3),
        ("/v1/{name=**}", nil),
        ("/v1/{name}:get", nil),
        ("/a:foo", nil),
    ] as [(String, Int?)])
func findsWildcardOutsideVariables(text: String, offset: Int?) throws {
    #expect(try PathTemplate(parsing: text).anonymousWildcardOffset == offset)
}

@Test func errorDescriptionIncludesOffset() {
    let error = PathTemplateError(message: "unexpected '/': a segment cannot be empty", offset: 3)
    #expect(error.description == "unexpected '/': a segment cannot be empty (at offset 3)")
}
