/// Builds the request path from a transcoding template, encoding each variable.
///
/// Variables are checked against their template before encoding, so that a value like `../other`
/// can never turn a request for one resource into a request for another.
public struct PathBuilder: Sendable {
    /// The path built so far, already percent-encoded.
    public private(set) var path = ""

    /// An empty path.
    public init() {}

    /// A path that starts with text from the path template, e.g. `/v1/`.
    public init(_ literal: String) {
        path = literal
    }

    /// Appends text that the generator took from the path template, e.g. `/v1/authorization:reset`.
    public mutating func appendLiteral(_ text: String) {
        path += text
    }

    /// Appends a path variable, checked against `template` and percent-encoded.
    ///
    /// - Parameters:
    ///   - value: The variable's value.
    ///   - name: The variable's name, for the error.
    ///   - template: The variable's sub-template, e.g. `*`, `**` or `archiveJobs/*`. A template with more
    ///     than one segment, or with `**`, matches several segments and keeps their `/` separators and the
    ///     other characters that stand for themselves in a path segment (see `percentEncoded`).
    /// - Throws: `DiscoveryClientError.invalidPathParameter` when the value does not match the template,
    ///   or has an empty, `.` or `..` segment.
    public mutating func appendVariable<Value: HTTPParameterValue>(
        _ value: Value,
        name: String,
        template: String
    ) throws {
        let text = value.httpParameterValue
        let templateSegments = template.split(separator: "/", omittingEmptySubsequences: false)
        let isMultiSegment = templateSegments.count > 1 || template.contains("**")
        // A single-segment variable is one segment even when it contains `/`: that `/` gets encoded.
        let valueSegments = isMultiSegment ? text.split(separator: "/", omittingEmptySubsequences: false) : [text[...]]
        guard valueSegments.allSatisfy(isSafeSegment), matches(valueSegments, templateSegments) else {
            throw DiscoveryClientError.invalidPathParameter(name: name, value: text, template: template)
        }
        path += percentEncoded(text, keepingPathCharacters: isMultiSegment)
    }
}

/// Whether a segment can stand in a path without being dropped or resolved by URL normalization.
private func isSafeSegment(_ segment: Substring) -> Bool {
    !segment.isEmpty && segment != "." && segment != ".."
}

/// Whether the value's segments fit the template's: `*` is one segment, `**` (at most one, anywhere) is as many
/// segments (zero or more) as the template's other segments leave, anything else is a literal segment.
private func matches(_ valueSegments: [Substring], _ templateSegments: [Substring]) -> Bool {
    guard let multiIndex = templateSegments.firstIndex(of: "**") else {
        return valueSegments.count == templateSegments.count
            && zip(valueSegments, templateSegments).allSatisfy(segmentMatches)
    }
    let before = templateSegments[..<multiIndex]
    let after = templateSegments[(multiIndex + 1)...]
    guard valueSegments.count >= before.count + after.count else { return false }
    return zip(valueSegments.prefix(before.count), before).allSatisfy(segmentMatches)
        && zip(valueSegments.suffix(after.count), after).allSatisfy(segmentMatches)
}

private func segmentMatches(_ valueSegment: Substring, _ templateSegment: Substring) -> Bool {
    templateSegment == "*" || valueSegment == templateSegment
}
