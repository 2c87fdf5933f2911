import Foundation

/// The forms a difference is shown in: Markdown for a pull-request comment, plain text for a terminal,
/// JSON for tools.
public enum DiffFormat: String, Sendable, CaseIterable {
    case markdown, text, json
}

extension SpecDifference {
    public func report(as format: DiffFormat) -> String {
        switch format {
        case .markdown: markdown()
        case .text: plainText()
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

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    private var groupsWithChanges: [(group: SpecChange.Group, changes: [SpecChange])] {
        SpecChange.Group.allCases.compactMap { group in
            let inGroup = changes.filter { $0.group == group }
            return inGroup.isEmpty ? nil : (group, inGroup)
        }
    }

    // MARK: Markdown

    /// Breaking changes are marked and say why; the others are listed plainly. Scope descriptions, which
    /// often change all at once, are folded away.
    func markdown() -> String {
        var lines = ["## \(heading)", "", breakingCount > 0 ? "**\(summary)**" : summary]
        for (group, changes) in groupsWithChanges {
            if group == .scopeDescriptions {
                lines += [
                    "", "<details>", "<summary>\(group.title): \(Self.count(changes.count, "change"))</summary>", "",
                ]
                lines += changes.map(Self.markdownLine)
                lines += ["", "</details>"]
            } else {
                lines += ["", "### \(group.title)", ""]
                lines += changes.map(Self.markdownLine)
            }
        }
        return lines.joined(separator: "\n") + "\n"
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

    func plainText() -> String {
        var lines = [heading, summary]
        for (group, changes) in groupsWithChanges {
            lines += ["", group.title]
            for change in changes {
                var line = "  " + (change.isBreaking ? "BREAKING " : "") + "\(change.kind.rawValue) \(change.subject)"
                if let detail = change.detail, !detail.isEmpty {
                    line += ": " + detail.split(whereSeparator: \.isNewline).joined(separator: " ")
                }
                if change.isBreaking { line += " (\(change.reason))" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    private struct JSONReport: Encodable {
        var title: String
        var version: String
        var oldRevision: String?
        var newRevision: String?
        var breakingCount: Int
        var otherCount: Int
        var changes: [SpecChange]
    }

    func json() -> String {
        let report = JSONReport(
            title: title, version: version, oldRevision: oldRevision, newRevision: newRevision,
            breakingCount: breakingCount, otherCount: changes.count - breakingCount, changes: changes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail.
        let data = (try? encoder.encode(report)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
