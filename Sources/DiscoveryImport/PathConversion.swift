import DiscoverySpec

/// Turns a Discovery path (an RFC 6570 template such as `v1/{+name}:retry`) into a gRPC transcoding
/// template such as `/v1/{name=archiveJobs/*}:retry`.
///
/// `{x}` expands to one segment. `{+x}` may span segments: its segments come from the parameter's
/// `pattern` (`^archiveJobs/[^/]+$` → `archiveJobs/*`), else from `flatPath`, which spells them out;
/// when neither tells, the variable becomes `{x=**}` (any segments), as Discovery's `{+x}` allows.
struct PathConversion {
    /// The template text, parsed once to be sure it is valid.
    var template: String
    /// The parameters the template binds: the path parameters.
    var boundNames: Set<String>
    /// What the template had to assume, for warnings.
    var notes: [String]

    /// Converts `path` (relative to `servicePath`, like Discovery's), or says why it cannot be a
    /// transcoding template.
    static func convert(
        path: String, flatPath: String?, servicePath: String, patterns: [String: String]
    ) -> Result<PathConversion, PathConversionError> {
        guard let parsed = DiscoveryPath(path, servicePath: servicePath) else {
            return .failure(
                PathConversionError(message: "path '\(path)' is not made of whole segments of literals and {variables}")
            )
        }
        let flat = flatPath.flatMap { DiscoveryPath($0, servicePath: servicePath) }
        var segmentsOfVariable: [String: [String]] = [:]
        for name in parsed.reservedVariables {
            segmentsOfVariable[name] = patterns[name].flatMap(PatternSegments.segments(of:))
        }
        let flatSegments = flat.flatMap { parsed.align(with: $0, knownSegments: segmentsOfVariable) } ?? [:]

        var notes: [String] = []
        var texts: [String] = []
        for (index, segment) in parsed.segments.enumerated() {
            switch segment {
            case .literal(let literal):
                texts.append(literal)
            case .variable(let name):
                texts.append("{\(name)}")
            case .reservedVariable(let name):
                let isLast = index == parsed.segments.count - 1
                let segments: [String]
                if let known = segmentsOfVariable[name] {
                    segments = known
                } else if patterns[name] != nil, let aligned = flatSegments[name] {
                    segments = aligned
                } else if !isLast, let aligned = flatSegments[name] {
                    segments = aligned
                    notes.append(
                        "'{+\(name)}' has no pattern; its segments '\(aligned.joined(separator: "/"))' come from flatPath"
                    )
                } else {
                    segments = ["**"]
                    notes.append(
                        "'{+\(name)}' has no pattern that shows its segments; it becomes {\(name)=**}, which accepts any value with slashes"
                    )
                }
                texts.append(segments == ["*"] ? "{\(name)}" : "{\(name)=\(segments.joined(separator: "/"))}")
            }
        }
        var template = "/" + texts.joined(separator: "/")
        if let verb = parsed.verb { template += ":" + verb }
        do {
            let parsed = try PathTemplate(parsing: template)
            return .success(
                PathConversion(template: template, boundNames: Set(parsed.variables.map(\.fieldName)), notes: notes))
        } catch {
            return .failure(
                PathConversionError(
                    message: "path '\(path)' becomes '\(template)', which is not a valid template: \(error.message)"))
        }
    }
}

struct PathConversionError: Error {
    var message: String
}

/// A Discovery path split into `/` segments, each a literal or exactly one `{x}` or `{+x}`, and a `:verb`.
private struct DiscoveryPath {
    enum Segment: Equatable {
        case literal(String)
        /// `{x}`: one segment.
        case variable(String)
        /// `{+x}`: one or more segments.
        case reservedVariable(String)
    }

    var segments: [Segment]
    var verb: String?

    /// A path that starts with `/` is relative to the root URL; any other is relative to the service path.
    /// The delimiters are ASCII, so the path is split as bytes.
    init?(_ path: String, servicePath: String) {
        var full = path.hasPrefix("/") ? String(path.dropFirst()) : servicePath + path
        // The verb is a `:literal` after the last segment; a `:` inside braces is not one.
        let utf8 = full.utf8
        let lastSegmentStart = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        if let colon = utf8[lastSegmentStart...].lastIndex(of: UInt8(ascii: ":")),
            !utf8[colon...].contains(UInt8(ascii: "}"))
        {
            verb = String(full[utf8.index(after: colon)...])
            full = String(full[..<colon])
        }
        var segments: [Segment] = []
        for text in full.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            guard let segment = Self.segment(Substring(text)) else { return nil }
            segments.append(segment)
        }
        self.segments = segments
    }

    private static func segment(_ text: Substring) -> Segment? {
        let bytes = text.utf8
        let hasBraces = bytes.contains { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }
        guard hasBraces else { return .literal(String(text)) }
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
        let inner = text.dropFirst().dropLast()
        guard !inner.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) else { return nil }
        if inner.utf8.first == UInt8(ascii: "+") { return .reservedVariable(String(inner.dropFirst())) }
        // Other RFC 6570 operators (`{/x}`, `{?x}`, `{#x}`, ...) do not occur in Google's paths.
        guard let first = inner.first, first.isLetter || first == "_" else { return nil }
        return .variable(String(inner))
    }

    var reservedVariables: [String] {
        segments.compactMap { segment in
            if case .reservedVariable(let name) = segment { name } else { nil }
        }
    }

    /// The segments each `{+x}` spans in `flat`, where every variable is one segment: possible when the
    /// literals line up and at most one `{+x}` has no known segment count.
    func align(with flat: DiscoveryPath, knownSegments: [String: [String]]) -> [String: [String]]? {
        guard flat.verb == verb else { return nil }
        let unknown = reservedVariables.filter { knownSegments[$0] == nil }
        guard unknown.count <= 1 else { return nil }
        let knownCount = segments.reduce(0) { count, segment in
            if case .reservedVariable(let name) = segment { return count + (knownSegments[name]?.count ?? 0) }
            return count + 1
        }
        let unknownCount = flat.segments.count - knownCount
        guard unknown.isEmpty ? unknownCount == 0 : unknownCount >= 1 else { return nil }

        var result: [String: [String]] = [:]
        var position = 0
        for segment in segments {
            switch segment {
            case .literal(let literal):
                guard flat.segments[position] == .literal(literal) else { return nil }
                position += 1
            case .variable:
                guard case .variable = flat.segments[position] else { return nil }
                position += 1
            case .reservedVariable(let name):
                let count = knownSegments[name]?.count ?? unknownCount
                result[name] = flat.segments[position..<(position + count)].map { flatSegment in
                    if case .literal(let literal) = flatSegment { literal } else { "*" }
                }
                position += count
            }
        }
        return result
    }
}
