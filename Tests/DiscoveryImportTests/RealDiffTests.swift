import DiscoverySpec
import Foundation
import SpecDiff
import Testing

/// The diffs of consecutive Data Portability revisions match the history in `Tests/Fixtures/discovery/README.md`.
@Suite struct RealDiffTests {
    private func difference(_ old: String, _ new: String) throws -> SpecDifference {
        SpecDifference(from: try importReal(old).spec, to: try importReal(new).spec)
    }

    private func subjects(_ difference: SpecDifference, _ group: SpecChange.Group, _ kind: SpecChange.Kind) -> [String]
    {
        difference.changes.filter { $0.group == group && $0.kind == kind }.map(\.subject)
    }

    @Test func from20240308To20240319Adds29Scopes() throws {
        let diff = try difference(
            "history/dataportability-v1.20240308.json", "history/dataportability-v1.20240319.json")
        #expect(
            subjects(diff, .scopes, .added)
                == [
                    "alerts.subscriptions", "discover.follows", "discover.likes", "discover.not_interested",
                    "maps.aliased_places",
                    "maps.factual_contributions", "maps.post_trip_feedback", "maps.questions_answers",
                    "myactivity.myadcenter",
                    "myactivity.play", "mymaps.maps", "order_reserve.purchases_reservations", "play.devices",
                    "play.grouping",
                    "play.installs", "play.library", "play.playpoints", "play.promotions", "play.purchases",
                    "play.redemptions",
                    "play.subscriptions", "play.usersettings", "search_ugc.media.reviews_and_stars",
                    "search_ugc.media.streaming_video_providers", "search_ugc.media.thumbs", "search_ugc.media.watched",
                    "searchnotifications.settings", "searchnotifications.subscriptions", "streetview.imagery",
                ].map { "dataportability." + $0 })
        #expect(diff.changes.count == 29)
        #expect(!diff.hasBreakingChanges)
    }

    /// 20240403 (not saved) removed `maps.post_trip_feedback`; 20240410 removed `alerts.subscriptions`.
    @Test func from20240319To20240410RemovesTwoScopes() throws {
        let diff = try difference(
            "history/dataportability-v1.20240319.json", "history/dataportability-v1.20240410.json")
        #expect(
            describe(diff) == [
                "scopes removed dataportability.alerts.subscriptions: Move a copy of the Google Alerts subscriptions you created. BREAKING",
                "scopes removed dataportability.maps.post_trip_feedback: Move a copy of feedback you gave after completing trips using Maps directions. BREAKING",
            ])
    }

    @Test func from20240410To20240828BringsBackAlertsAndAddsClips() throws {
        let diff = try difference(
            "history/dataportability-v1.20240410.json", "history/dataportability-v1.20240828.json")
        #expect(
            describe(diff) == [
                "scopes added dataportability.alerts.subscriptions: Move a copy of the Google Alerts subscriptions you created.",
                "scopes added dataportability.youtube.clips: Move a copy of your YouTube clips metadata.",
            ])
    }

    @Test func from20240828To20250305AddsAScopeTwoMethodsFourSchemasAndFields() throws {
        let diff = try difference(
            "history/dataportability-v1.20240828.json", "history/dataportability-v1.20250305.json")
        #expect(subjects(diff, .scopes, .added) == ["dataportability.search_ugc.comments"])
        #expect(subjects(diff, .methods, .added) == ["accessType.check", "archiveJobs.cancel"])
        #expect(
            subjects(diff, .schemas, .added) == [
                "CancelPortabilityArchiveRequest", "CancelPortabilityArchiveResponse", "CheckAccessTypeRequest",
                "CheckAccessTypeResponse",
                "InitiatePortabilityArchiveRequest.endTime", "InitiatePortabilityArchiveRequest.startTime",
                "InitiatePortabilityArchiveResponse.accessType", "PortabilityArchiveState.exportTime",
                "PortabilityArchiveState.startTime",
            ])
        // Every scope description lost its final period.
        #expect(subjects(diff, .scopeDescriptions, .changed).count == 65)
        #expect(diff.changes.count == 1 + 2 + 9 + 65)
        #expect(!diff.hasBreakingChanges)
    }

    @Test func from20250305To20250715SwapsAScope() throws {
        let diff = try difference(
            "history/dataportability-v1.20250305.json", "history/dataportability-v1.20250715.json")
        #expect(
            describe(diff) == [
                "scopes removed dataportability.businessmessaging.conversations: Move a copy of messages between you and the businesses you have conversations with across Google services BREAKING",
                "scopes added dataportability.maps.vehicle_profile: Move a copy of your vehicle profile on Maps",
            ])
    }

    /// 20260105 (not saved) added five `nest.*` scopes and `youtube.conversations`; 20260719 `pixel.device_data`.
    @Test func from20250715To20260719AddsSevenScopes() throws {
        let diff = try difference("history/dataportability-v1.20250715.json", "dataportability-v1.json")
        #expect(
            subjects(diff, .scopes, .added)
                == [
                    "nest.camera_event", "nest.camera_feature", "nest.camera_video", "nest.store", "nest.user",
                    "pixel.device_data",
                    "youtube.conversations",
                ].map { "dataportability." + $0 })
        #expect(diff.changes.count == 7)
        #expect(!diff.hasBreakingChanges)
    }

    /// The README shows this diff as the example of a pull-request comment.
    @Test func readmeShowsTheReal20250305To20260719Diff() throws {
        let diff = try difference("history/dataportability-v1.20250305.json", "dataportability-v1.json")
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(
            readme.contains(diff.report(as: .markdown)),
            "the README's example is not the real diff:\n\(diff.report(as: .markdown))")
    }

    /// Issue 13's reviewer test: compute v1 from 20220526 to 20261106 is 154 breaking and 2,187 other changes, 144 KB
    /// of Markdown whole. Within a GitHub comment's budget every breaking change is still there, grouped: 138 of
    /// them are one parameter removed from 138 methods.
    @Test func computeFrom2022To2026FitsOneCommentWithEveryBreakingChange() throws {
        let diff = try difference("history/compute-v1.20220526.json", "compute-v1.json")
        #expect(diff.breakingCount == 154)
        let whole = diff.report(as: .markdown)
        let report = diff.report(as: .markdown, maxBytes: 60_000, fullReport: "compute.md")
        #expect(whole.utf8.count > 100_000 && report.utf8.count <= 60_000)
        #expect(report.contains("| **all** | **154** | **\(diff.changes.count - 154)** |"))
        #expect(report.contains("- **Breaking:** parameter returnPartialSuccess removed, in 138 methods"))
        let breakingGroups = diff.changeGroups.filter(\.isBreaking)
        #expect(breakingGroups.reduce(0) { $0 + $1.changes.count } == 154)
        for group in breakingGroups {
            let line = group.places.count > 1 ? group.change : "`\(group.changes[0].subject)`"
            #expect(report.contains(line), "a breaking change is left out: \(line)")
        }
        #expect(report.contains("other changes (counted in the table above). The full report is `compute.md`._"))
    }
}
