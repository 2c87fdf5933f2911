#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The forms a difference is shown in: Markdown for a pull-request comment, plain text for a terminal,
/// JSON for tools.
public enum DiffFormat: String, Sendable, CaseIterable {
    case markdown, text, json
}

extension SpecDifference {
    /// The report; `maxBytes` bounds a Markdown or text report (a JSON one is always whole), and `fullReport`
    /// names where the whole one is, for the note on what was left out.
    public func report(as format: DiffFormat, maxBytes: Int? = nil, fullReport: String? = nil) -> String {
        switch format {
        case .markdown: markdown(maxBytes: maxBytes, fullReport: fullReport)
        case .text: plainText(maxBytes: maxBytes, fullReport: fullReport)
        case .json: json()
        }
    }

    /// `Data Portability API v1: revision 20250305 → 20260719`.
    var heading: String {
        "\(title) \(version): revision \(oldRevision ?? "(none)") → \(newRevision ?? "(none)")"
    }

    var summary: String {
        let breaking = breakingCount
        let other = changes.count - breaking
        if changes.isEmpty { return "No changes." }
        return "\(Self.count(breaking, "breaking change")), \(Self.count(other, "other change"))."
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// The breaking and other changes of one category, for the summary table.
    public struct CategoryCount: Hashable, Sendable, Encodable {
        public var group: SpecChange.Group
        public var title: String
        public var breaking: Int
        public var other: Int
    }

    /// Every category with changes, in report order.
    public var categoryCounts: [CategoryCount] {
        SpecChange.Group.allCases.compactMap { group in
            let inGroup = changes.filter { $0.group == group }
            guard !inGroup.isEmpty else { return nil }
            let breaking = inGroup.filter(\.isBreaking).count
            return CategoryCount(group: group, title: group.title, breaking: breaking, other: inGroup.count - breaking)
        }
    }

    /// The changes, the same change in several places grouped into one.
    public var changeGroups: [ChangeGroup] { ChangeGroup.grouping(changes) }

    // MARK: Sections

    /// The parts of a report, most important first: a budget keeps the first ones whole and shortens the last.
    private struct Sections {
        /// Scope changes, which for an API like Data Portability are the point of the change, in full.
        var scopes: [ChangeGroup]
        var scopeDescriptions: [ChangeGroup]
        var breaking: [ChangeGroup]
        var other: [ChangeGroup]
    }

    private var sections: Sections {
        let groups = changeGroups
        let scopeGroups: Set<SpecChange.Group> = [.scopes, .scopeDescriptions]
        return Sections(
            scopes: groups.filter { $0.group == .scopes },
            scopeDescriptions: groups.filter { $0.group == .scopeDescriptions },
            breaking: groups.filter { $0.isBreaking && !scopeGroups.contains($0.group) },
            other: groups.filter { !$0.isBreaking && !scopeGroups.contains($0.group) })
    }

    /// Renders groups under category headings, within `budget` bytes when there is one: with their places, else
    /// with only how many there are, else as many as fit. Returns the lines and how many changes were left out.
    private static func render(
        _ groups: [ChangeGroup], budget: Int?, heading: (String) -> [String],
        line: (ChangeGroup, _ withPlaces: Bool) -> [String]
    ) -> (lines: [String], leftOut: Int) {
        func lines(withPlaces: Bool, limit: Int?) -> (lines: [String], leftOut: Int) {
            var result: [String] = []
            var bytes = 0
            var leftOut = 0
            var currentGroup: SpecChange.Group?
            for group in groups {
                var next = currentGroup == group.group ? [] : heading(group.group.title)
                next += line(group, withPlaces)
                let size = next.reduce(0) { $0 + $1.utf8.count + 1 }
                if leftOut > 0 || (limit.map { bytes + size > $0 } ?? false) {
                    leftOut += group.changes.count
                    continue
                }
                result += next
                bytes += size
                currentGroup = group.group
            }
            return (result, leftOut)
        }
        let full = lines(withPlaces: true, limit: budget)
        guard full.leftOut > 0 else { return full }
        return lines(withPlaces: false, limit: budget)
    }

    // MARK: Markdown

    /// A summary table, the scope changes in full, then the breaking changes and the others, each change that
    /// repeats in many places on one line with its places folded away. With `maxBytes`, the breaking changes are
    /// shortened only when the scopes and the table leave no room for them whole, and the others make room for
    /// them; what is left out is counted, and `fullReport` says where the whole report is.
    func markdown(maxBytes: Int? = nil, fullReport: String? = nil) -> String {
        var head = ["## \(heading)", "", breakingCount > 0 ? "**\(summary)**" : summary]
        if !changes.isEmpty {
            head += ["", "| category | breaking | other |", "|---|---:|---:|"]
            head += categoryCounts.map { "| \($0.title) | \($0.breaking) | \($0.other) |" }
            head.append("| **all** | **\(breakingCount)** | **\(changes.count - breakingCount)** |")
        }
        let sections = sections
        if !sections.scopes.isEmpty {
            head += ["", "### Scopes", ""] + sections.scopes.flatMap { Self.markdownLines($0, withPlaces: true) }
        }
        if !sections.scopeDescriptions.isEmpty {
            let count = sections.scopeDescriptions.reduce(0) { $0 + $1.changes.count }
            head += ["", "<details>", "<summary>Scope descriptions: \(Self.count(count, "change"))</summary>", ""]
            head += sections.scopeDescriptions.flatMap { Self.markdownLines($0, withPlaces: true) }
            head += ["", "</details>"]
        }
        // Room kept for the note on what was left out.
        var budget = maxBytes.map { $0 - Self.bytes(head) - 400 }
        var body: [String] = []
        var leftOut = (breaking: 0, other: 0)
        for (title, groups, isBreaking) in [
            ("Breaking changes", sections.breaking, true), ("Other changes", sections.other, false),
        ] where !groups.isEmpty {
            let rendered = Self.render(
                groups, budget: budget.map { $0 - title.utf8.count - 10 },
                heading: { ["", "#### \($0)", ""] }, line: Self.markdownLines)
            body += ["", "### \(title)"] + rendered.lines
            budget = budget.map { $0 - Self.bytes(rendered.lines) - title.utf8.count - 10 }
            if isBreaking { leftOut.breaking = rendered.leftOut } else { leftOut.other = rendered.leftOut }
        }
        var lines = head + body
        if leftOut.breaking + leftOut.other > 0 {
            var note = "Left out to keep this report under \(maxBytes ?? 0) bytes: "
            note +=
                [
                    leftOut.breaking > 0 ? Self.count(leftOut.breaking, "breaking change") : nil,
                    leftOut.other > 0 ? Self.count(leftOut.other, "other change") : nil,
                ].compactMap { $0 }.joined(separator: " and ") + " (counted in the table above)."
            note += fullReport.map { " The full report is `\($0)`." } ?? " `diff` without `--max-bytes` shows them."
            lines += ["", "_\(note)_"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func bytes(_ lines: [String]) -> Int {
        lines.reduce(0) { $0 + $1.utf8.count + 1 }
    }

    /// A change in one place as a line of its own; a change in several as one line with a count, its places in a
    /// folded list.
    private static func markdownLines(_ group: ChangeGroup, withPlaces: Bool) -> [String] {
        guard group.places.count > 1 else { return group.changes.map(markdownLine) }
        var line = "- "
        if group.isBreaking { line += "**Breaking:** " }
        line += "\(markdownText(group.change)), in \(group.places.count) \(group.placeNoun)"
        if group.isBreaking { line += " (\(markdownText(group.reason)))" }
        guard withPlaces else { return [line] }
        return [
            line, "  <details><summary>the \(group.places.count) \(group.placeNoun)</summary>", "",
            "  " + group.places.map(code).joined(separator: ", "), "", "  </details>",
        ]
    }

    private static func markdownLine(_ change: SpecChange) -> String {
        var line = "- "
        if change.isBreaking { line += "**Breaking:** " }
        line += "\(change.kind.rawValue) \(code(change.subject))"
        if let detail = change.detail, !detail.isEmpty { line += ": " + markdownText(detail) }
        if change.isBreaking { line += " (\(markdownText(change.reason)))" }
        return line
    }

    /// A code span that holds any text, backticks included.
    private static func code(_ text: String) -> String {
        let fence = text.contains("`") ? "``" : "`"
        return fence + (fence == "``" ? " \(text) " : text) + fence
    }

    /// Text from a spec, on one line, with the characters that Markdown would read as markup escaped.
    private static func markdownText(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isNewline {
                result.append(" ")
            } else {
                if "\\`*_[]<>|#".contains(character) { result.append("\\") }
                result.append(character)
            }
        }
        return result
    }

    // MARK: Text

    /// The same order as the Markdown: the table, the scopes, the breaking changes, the others.
    func plainText(maxBytes: Int? = nil, fullReport: String? = nil) -> String {
        var head = [heading, summary]
        if !changes.isEmpty {
            let width = categoryCounts.map(\.title.count).max() ?? 0
            head.append("")
            head += categoryCounts.map { count in
                count.title + String(repeating: " ", count: width - count.title.count)
                    + "  \(count.breaking) breaking, \(count.other) other"
            }
        }
        let sections = sections
        for (title, groups) in [("Scopes", sections.scopes), ("Scope descriptions", sections.scopeDescriptions)]
        where !groups.isEmpty {
            head += ["", title] + groups.flatMap { Self.textLines($0, withPlaces: true) }
        }
        var budget = maxBytes.map { $0 - Self.bytes(head) - 200 }
        var lines = head
        var leftOut = 0
        for (title, groups) in [("Breaking changes", sections.breaking), ("Other changes", sections.other)]
        where !groups.isEmpty {
            let rendered = Self.render(
                groups, budget: budget, heading: { ["", "\(title): \($0)"] }, line: Self.textLines)
            lines += rendered.lines
            budget = budget.map { $0 - Self.bytes(rendered.lines) }
            leftOut += rendered.leftOut
        }
        if leftOut > 0 {
            lines += [
                "",
                "Left out to keep this report under \(maxBytes ?? 0) bytes: \(Self.count(leftOut, "change"))."
                    + (fullReport.map { " The full report is \($0)." } ?? ""),
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func textLines(_ group: ChangeGroup, withPlaces: Bool) -> [String] {
        guard group.places.count > 1 else { return group.changes.map(textLine) }
        var line = "  " + (group.isBreaking ? "BREAKING " : "") + "\(oneLine(group.change)), in "
        line += "\(group.places.count) \(group.placeNoun)"
        if group.isBreaking { line += " (\(group.reason))" }
        return withPlaces ? [line, "    " + group.places.joined(separator: ", ")] : [line]
    }

    private static func textLine(_ change: SpecChange) -> String {
        var line = "  " + (change.isBreaking ? "BREAKING " : "") + "\(change.kind.rawValue) \(change.subject)"
        if let detail = change.detail, !detail.isEmpty { line += ": " + oneLine(detail) }
        if change.isBreaking { line += " (\(change.reason))" }
        return line
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    // MARK: JSON

    /// Everything, for tools: the counts per category, the groups with their places, and every change.
    private struct JSONReport: Encodable {
        var title: String
        var version: String
        var oldRevision: String?
        var newRevision: String?
        var breakingCount: Int
        var otherCount: Int
        var summary: [CategoryCount]
        var groups: [ChangeGroup]
        var changes: [SpecChange]
    }

    func json() -> String {
        let report = JSONReport(
            title: title, version: version, oldRevision: oldRevision, newRevision: newRevision,
            breakingCount: breakingCount, otherCount: changes.count - breakingCount, summary: categoryCounts,
            groups: changeGroups, changes: changes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail.
        let data = (try? encoder.encode(report)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
