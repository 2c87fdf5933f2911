/// Reads the segments of a resource name out of a parameter pattern: `^projects/[^/]+/locations/[^/]+$`
/// → `projects/*/locations/*`. Only patterns whose every `/`-separated part is a literal or matches
/// within one segment are understood; for anything else the answer is nil.
enum PatternSegments {
    static func segments(of pattern: String) -> [String]? {
        var body = Substring(pattern)
        if body.hasPrefix("^") { body = body.dropFirst() }
        if body.hasSuffix("$"), !body.hasSuffix("\\$") { body = body.dropLast() }
        guard let parts = topLevelParts(body) else { return nil }
        var segments: [String] = []
        for (index, part) in parts.enumerated() {
            if let literal = literal(part) {
                segments.append(literal)
            } else if part == ".*" || part == ".+" {
                guard index == parts.count - 1 else { return nil }
                segments.append("**")
            } else if matchesWithinOneSegment(part) {
                segments.append("*")
            } else {
                return nil
            }
        }
        return segments
    }

    /// `body` split at each `/` outside brackets and parentheses; nil when the pattern alternates (`|`) at
    /// the top level or has an empty part.
    private static func topLevelParts(_ body: Substring) -> [Substring]? {
        var parts: [Substring] = []
        var partStart = body.startIndex
        var depth = 0
        var inClass = false
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            if character == "\\" {
                index = body.index(after: index)
                if index < body.endIndex { index = body.index(after: index) }
                continue
            }
            switch character {
            case "[" where !inClass: inClass = true
            case "]" where inClass: inClass = false
            case "(" where !inClass: depth += 1
            case ")" where !inClass: depth -= 1
            case "|" where !inClass && depth == 0: return nil
            case "/" where !inClass && depth == 0:
                parts.append(body[partStart..<index])
                partStart = body.index(after: index)
            default: break
            }
            index = body.index(after: index)
        }
        parts.append(body[partStart...])
        return parts.contains(where: \.isEmpty) ? nil : parts
    }

    /// The text of a part that is a plain literal (with `\.` and `\-` escapes), when it is one.
    private static func literal(_ part: Substring) -> String? {
        var text = ""
        var escaped = false
        for character in part {
            if escaped {
                guard character == "." || character == "-" else { return nil }
                text.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character.isASCII && (character.isLetter || character.isNumber || "_~-".contains(character)) {
                text.append(character)
            } else {
                return nil
            }
        }
        return escaped ? nil : text
    }

    /// True when the regular expression cannot match a `/`: no `.` wildcard, no class that allows `/`, no
    /// negated shorthand class.
    private static func matchesWithinOneSegment(_ part: Substring) -> Bool {
        var characters = part.makeIterator()
        while let character = characters.next() {
            switch character {
            case "\\":
                guard let escaped = characters.next(), !"SWD".contains(escaped) else { return false }
            case ".", "/":
                return false
            case "[":
                var members = ""
                while let member = characters.next(), member != "]" {
                    members.append(member)
                    if member == "\\", let escaped = characters.next() { members.append(escaped) }
                }
                let allowsSlash = members.hasPrefix("^") ? !members.contains("/") : members.contains("/")
                if allowsSlash { return false }
            default:
                break
            }
        }
        return true
    }
}
