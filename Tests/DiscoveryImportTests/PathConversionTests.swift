import Testing

@testable import DiscoveryImport

@Suite struct PathConversionTests {
    private func template(
        _ path: String, flatPath: String? = nil, servicePath: String = "", patterns: [String: String] = [:]
    ) -> (template: String?, notes: [String], error: String?) {
        switch PathConversion.convert(path: path, flatPath: flatPath, servicePath: servicePath, patterns: patterns) {
        case .success(let conversion): (conversion.template, conversion.notes, nil)
        case .failure(let error): (nil, [], error.message)
        }
    }

    @Test func reservedExpansionTakesItsSegmentsFromThePattern() {
        #expect(
            template(
                "v1/{+name}:retry", flatPath: "v1/archiveJobs/{archiveJobsId}:retry",
                patterns: ["name": "^archiveJobs/[^/]+$"]
            ).template
                == "/v1/{name=archiveJobs/*}:retry")
        #expect(
            template("v1/{+name}", patterns: ["name": "^archiveJobs/[^/]+/portabilityArchiveState$"]).template
                == "/v1/{name=archiveJobs/*/portabilityArchiveState}")
        #expect(template("v1/{+name}", patterns: ["name": "^[^/]+$"]).template == "/v1/{name}")
        #expect(
            template("v1/{+name}", patterns: ["name": "^projects/[^/]+/locations/global/keys/[^/]+$"]).template
                == "/v1/{name=projects/*/locations/global/keys/*}")
    }

    @Test func servicePathPrefixesRelativePaths() {
        #expect(template("files/{fileId}", servicePath: "drive/v3/").template == "/drive/v3/files/{fileId}")
        #expect(
            template("files/{fileId}/comments/{commentId}:resolve", servicePath: "drive/v3/").template
                == "/drive/v3/files/{fileId}/comments/{commentId}:resolve")
        #expect(template("/upload/drive/v3/files", servicePath: "drive/v3/").template == "/upload/drive/v3/files")
    }

    @Test func unanchoredPatternsWithGroupsStillGiveSegments() {
        let pattern =
            "reservations/([a-z](?:[-a-z0-9]{0,61}[a-z0-9])?|[1-9][0-9]{0,19})/reservationBlocks/([a-z](?:[-a-z0-9]{0,61}[a-z0-9])?|[1-9][0-9]{0,19})"
        #expect(
            template(
                "projects/{project}/{+parentName}/slots", servicePath: "compute/v1/", patterns: ["parentName": pattern]
            ).template
                == "/compute/v1/projects/{project}/{parentName=reservations/*/reservationBlocks/*}/slots")
    }

    @Test func flatPathGivesTheSegmentsWhenThePatternCannot() {
        let result = template(
            "projects/{project}/{+parentResource}/subBlocks/{resource}/getIamPolicy",
            flatPath:
                "projects/{project}/reservations/{reservationsId}/reservationBlocks/{reservationBlocksId}/subBlocks/{resource}/getIamPolicy",
            patterns: ["parentResource": "[a-z](?:[-a-zA-Z0-9/]{0,255}[a-zA-Z0-9])?"])
        #expect(
            result.template
                == "/projects/{project}/{parentResource=reservations/*/reservationBlocks/*}/subBlocks/{resource}/getIamPolicy"
        )
        #expect(result.notes.isEmpty)
    }

    @Test func aReservedVariableWithoutPatternAtTheEndSpansAnySegments() {
        let result = template(
            "v1/{+endpoint}/invoke/{+invokeId}",
            flatPath: "v1/projects/{projectsId}/endpoints/{endpointsId}/invoke/{invokeId}",
            patterns: ["endpoint": "^projects/[^/]+/endpoints/[^/]+$"])
        #expect(result.template == "/v1/{endpoint=projects/*/endpoints/*}/invoke/{invokeId=**}")
        #expect(
            result.notes == [
                "'{+invokeId}' has no pattern that shows its segments; it becomes {invokeId=**}, which accepts any value with slashes"
            ])
    }

    @Test func aReservedVariableWithoutPatternInTheMiddleFollowsFlatPathWithANote() {
        let result = template("v1/{+parent}/things", flatPath: "v1/shelves/{shelvesId}/things")
        #expect(result.template == "/v1/{parent=shelves/*}/things")
        #expect(result.notes == ["'{+parent}' has no pattern; its segments 'shelves/*' come from flatPath"])
    }

    @Test func aReservedVariableWithoutPatternOrFlatPathInTheMiddleSpansAnySegments() {
        let result = template("v1/{+x}/y")
        #expect(result.template == "/v1/{x=**}/y")
        #expect(
            result.notes == [
                "'{+x}' has no pattern that shows its segments; it becomes {x=**}, which accepts any value with slashes"
            ])
    }

    @Test func pathsThatCannotBeTemplatesAreRejected() {
        #expect(
            template("v1/a{x}b").error == "path 'v1/a{x}b' is not made of whole segments of literals and {variables}")
        #expect(template("v1/{/x}").error == "path 'v1/{/x}' is not made of whole segments of literals and {variables}")
        #expect(
            template("v1//x").error?.hasPrefix("path 'v1//x' becomes '/v1//x', which is not a valid template") == true)
    }

    @Test func patternSegments() {
        #expect(PatternSegments.segments(of: "^archiveJobs/[^/]+$") == ["archiveJobs", "*"])
        #expect(
            PatternSegments.segments(of: "^projects/[^/]+/versions/v1\\.2$") == ["projects", "*", "versions", "v1.2"])
        #expect(PatternSegments.segments(of: "^shelves/(a|b)$") == ["shelves", "*"])
        #expect(PatternSegments.segments(of: "^files/.*$") == ["files", "**"])
        #expect(PatternSegments.segments(of: "^[^/]+/.*/x$") == nil, "** only at the end")
        #expect(PatternSegments.segments(of: "^a|b$") == nil, "alternation across segments")
        #expect(PatternSegments.segments(of: "^a/[a-z/]+$") == nil, "a class that allows /")
        #expect(PatternSegments.segments(of: "^a/\\S+$") == nil, "a shorthand that allows /")
        #expect(PatternSegments.segments(of: "^a/.+b$") == nil, "a wildcard inside a segment")
        #expect(PatternSegments.segments(of: "^a//b$") == nil, "an empty segment")
    }
}
