/// A gRPC-transcoding path template (`google.api.http`, AIP-127), such as
/// `/v1/{name=projects/*/locations/*}:getIamPolicy`.
///
/// ```
/// Template  = "/" Segments [ Verb ] ;
/// Segments  = Segment { "/" Segment } ;
/// Segment   = "*" | "**" | LITERAL | Variable ;
/// Variable  = "{" FieldPath [ "=" Segments ] "}" ;
/// FieldPath = IDENT { "." IDENT } ;
/// Verb      = ":" LITERAL ;
/// ```
///
/// A LITERAL is one or more of the characters RFC 3986 allows raw in a path segment: letters, digits,
/// `-._~`, `!$&'()*+,;=`, `:` and `@` (Tasks has `/users/@me/lists`, Healthcare's FHIR operations
/// `/$export`). An IDENT is `[A-Za-z_][A-Za-z0-9_]*`. Beyond the grammar:
/// - A segment that is only `*` or `**` is a wildcard; `*` elsewhere in a segment is literal text.
/// - The verb starts at the first `:` of the last segment outside a variable; any other `:` is literal.
/// - `{x}` is short for `{x=*}`, and a variable's segments are only literals, `*` and `**`
///   (variables do not nest).
/// - A variable may have one `**`, anywhere among its segments, so that other segments can follow a
///   multi-segment value (`/v1/{parent=projects/*/databases/*/documents/**}/{collectionId}`, Firestore's).
///   A client fills each variable on its own, so nothing is ambiguous when building a request; with two
///   `**` in one variable, checking a value against it would be.
/// - A field path may be bound by only one variable.
///
/// Error offsets count Unicode scalars from 0. For a syntax error the offset is that of
/// the first character that does not fit the grammar, or the template's length when the
/// text ends too early. For a second `**` or a field bound twice, it is the start of
/// the offending `**` or variable.
public struct PathTemplate: Hashable, Sendable, CustomStringConvertible {
    public enum Segment: Hashable, Sendable {
        case literal(String)
        /// `*`: exactly one segment.
        case singleWildcard
        /// `**`: any number of segments, at most once in a variable.
        case multiWildcard
        case variable(Variable)
    }

    /// A `{field.path=segments}` part, which a client fills in from a request field.
    public struct Variable: Hashable, Sendable {
        /// `["a", "b", "c"]` for `{a.b.c}`.
        public var fieldPath: [String]
        /// `[.singleWildcard]` for `{x}`; never contains `.variable`.
        public var segments: [Segment]
        /// The 0-based scalar offset of the `{` in the template text, for error messages.
        public var offset: Int

        /// The dotted field path, `"a.b.c"` for `{a.b.c}`.
        public var fieldName: String {
            fieldPath.joined(separator: ".")
        }

        /// Whether the value may contain `/`, which decides how a client escapes it.
        public var matchesMultipleSegments: Bool {
            segments.count > 1 || segments.contains(.multiWildcard)
        }

        /// The text after `=`, such as `archiveJobs/*`, or `*` for a plain `{x}`.
        public var segmentTemplate: String {
            segments.map(\.text).joined(separator: "/")
        }
    }

    public var segments: [Segment]
    /// The custom method after `:`, such as `retry` in `/v1/{name=archiveJobs/*}:retry`.
    public var verb: String?
    /// The offset of the first `*` or `**` outside any variable in the parsed text: a client
    /// has no value for such a wildcard, so the spec validator reports it.
    public private(set) var anonymousWildcardOffset: Int?

    public var variables: [Variable] {
        segments.compactMap { segment in
            if case .variable(let variable) = segment { variable } else { nil }
        }
    }

    public init(parsing text: String) throws(PathTemplateError) {
        var parser = PathTemplateParser(text: text)
        let parsed = try parser.parseTemplate()
        segments = parsed.segments
        verb = parsed.verb
        anonymousWildcardOffset = parser.anonymousWildcardOffset
    }

    /// The canonical text: `{x}` for `{x=*}`, everything else as written.
    public var description: String {
        var text = "/" + segments.map(\.text).joined(separator: "/")
        if let verb {
            text += ":" + verb
        }
        return text
    }
}

extension PathTemplate {
    /// A part of a request path: text to copy, or a variable whose value a client inserts.
    public enum Piece: Hashable, Sendable {
        case literal(String)
        case variable(Variable)
    }

    /// Consecutive literal text merged, e.g. "/v1/" then variable name then ":retry".
    ///
    /// Only for templates whose `anonymousWildcardOffset` is `nil`: a wildcard outside a
    /// variable has no value to insert.
    public var pieces: [Piece] {
        var pieces: [Piece] = []
        var literalText = ""
        for segment in segments {
            literalText += "/"
            switch segment {
            case .literal(let literal):
                literalText += literal
            case .variable(let variable):
                pieces.append(.literal(literalText))
                pieces.append(.variable(variable))
                literalText = ""
            case .singleWildcard, .multiWildcard:
                preconditionFailure("a wildcard outside a variable cannot be filled in by a client: \(self)")
            }
        }
        if let verb {
            literalText += ":" + verb
        }
        if !literalText.isEmpty {
            pieces.append(.literal(literalText))
        }
        return pieces
    }
}

extension PathTemplate.Segment {
    /// The segment in canonical template text.
    fileprivate var text: String {
        switch self {
        case .literal(let literal): literal
        case .singleWildcard: "*"
        case .multiWildcard: "**"
        case .variable(let variable): variable.text
        }
    }
}

extension PathTemplate.Variable {
    /// The variable in canonical template text, dropping the implied `=*`.
    fileprivate var text: String {
        segments == [.singleWildcard] ? "{\(fieldName)}" : "{\(fieldName)=\(segmentTemplate)}"
    }
}

/// Why a path template is invalid, and where.
public struct PathTemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Starts in lower case with no trailing period, to fit into a longer report.
    public var message: String
    /// The 0-based offset in the template text, counted in Unicode scalars.
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String {
        "\(message) (at offset \(offset))"
    }
}

/// A recursive-descent parser with one method per grammar rule. Each method starts at
/// `position` and leaves it just after what it read.
private struct PathTemplateParser {
    typealias Segment = PathTemplate.Segment

    let scalars: [Unicode.Scalar]
    /// The offset of the `:` that starts the verb, if the template has one.
    let verbOffset: Int?
    var position = 0
    var anonymousWildcardOffset: Int?
    /// The `{` offset of each variable read so far, to report a field bound twice.
    var variableOffsetsByFieldName: [String: Int] = [:]

    init(text: String) {
        scalars = Array(text.unicodeScalars)
        verbOffset = Self.verbOffset(in: scalars)
    }

    /// The first `:` outside braces after the last `/` outside braces: a `:` in an earlier segment or
    /// inside a variable is literal text.
    private static func verbOffset(in scalars: [Unicode.Scalar]) -> Int? {
        var depth = 0
        var verbOffset: Int?
        for (offset, scalar) in scalars.enumerated() {
            switch scalar {
            case "{": depth += 1
            case "}": depth = max(0, depth - 1)
            case "/" where depth == 0: verbOffset = nil
            case ":" where depth == 0 && verbOffset == nil: verbOffset = offset
            default: break
            }
        }
        return verbOffset
    }

    /// The next character to read, or `nil` at the end of the text.
    var current: Unicode.Scalar? {
        position < scalars.count ? scalars[position] : nil
    }

    /// Whether the next character is the `:` that starts the verb.
    var isAtVerb: Bool {
        position == verbOffset
    }

    mutating func parseTemplate() throws(PathTemplateError) -> (segments: [Segment], verb: String?) {
        guard current != nil else {
            throw PathTemplateError(message: "the template is empty; it must start with '/'", offset: 0)
        }
        guard current == "/" else {
            throw unexpected("a template must start with '/'")
        }
        position += 1
        let segments = try parseSegments(insideVariable: false)
        guard isAtVerb else {
            return (segments, nil)
        }
        position += 1
        return (segments, try parseVerb())
    }

    /// Reads segments up to the end of the text, or up to the `:` of the verb outside a
    /// variable or the closing `}` inside one; the caller checks what comes next.
    mutating func parseSegments(insideVariable: Bool) throws(PathTemplateError) -> [Segment] {
        var segments: [Segment] = []
        var multiWildcardOffset: Int?
        while true {
            let offset = position
            let segment = try parseSegment(insideVariable: insideVariable)
            if insideVariable, segment == .multiWildcard {
                if multiWildcardOffset != nil {
                    throw PathTemplateError(message: "a variable can have only one '**'", offset: offset)
                }
                multiWildcardOffset = offset
            }
            segments.append(segment)
            let isAtEnd = insideVariable ? current == "}" : isAtVerb
            guard let next = current, !isAtEnd else {
                return segments
            }
            guard next == "/" else {
                throw unexpected(next, afterSegmentInsideVariable: insideVariable)
            }
            position += 1
        }
    }

    mutating func parseSegment(insideVariable: Bool) throws(PathTemplateError) -> Segment {
        // A segment always follows a '/' or, inside a variable, an '='.
        let separator = scalars[position - 1]
        guard let scalar = current, !isAtVerb else {
            throw unexpected("expected a segment after '\(separator)'")
        }
        switch scalar {
        case "{" where insideVariable:
            throw unexpected("variables cannot be nested")
        case "{":
            return .variable(try parseVariable())
        case "/":
            throw unexpected("a segment cannot be empty")
        case "}":
            throw unexpected("expected a segment after '\(separator)'")
        case _ where isLiteralCharacter(scalar):
            return try parseLiteralOrWildcard(insideVariable: insideVariable)
        default:
            throw unexpectedInLiteral()
        }
    }

    /// Reads a literal, or a wildcard when the segment is only `*` or `**`; the caller has checked the first
    /// character.
    mutating func parseLiteralOrWildcard(insideVariable: Bool) throws(PathTemplateError) -> Segment {
        let start = position
        let literal = parseLiteral()
        guard literal.utf8.allSatisfy({ $0 == UInt8(ascii: "*") }) else {
            return .literal(literal)
        }
        guard literal.utf8.count <= 2 else {
            throw PathTemplateError(
                message: "unexpected '*': a wildcard is '*' (one segment) or '**' (any number of segments)",
                offset: start + 2)
        }
        if !insideVariable && anonymousWildcardOffset == nil {
            anonymousWildcardOffset = start
        }
        return literal.utf8.count == 1 ? .singleWildcard : .multiWildcard
    }

    /// Reads one or more literal characters, up to the verb's `:`; the caller has checked the first.
    mutating func parseLiteral() -> String {
        let start = position
        while let scalar = current, isLiteralCharacter(scalar), !isAtVerb {
            position += 1
        }
        return text(from: start)
    }

    mutating func parseVariable() throws(PathTemplateError) -> PathTemplate.Variable {
        let offset = position
        position += 1
        let fieldPath = try parseFieldPath()
        let fieldName = fieldPath.joined(separator: ".")
        if let earlierOffset = variableOffsetsByFieldName[fieldName] {
            throw PathTemplateError(
                message: "the field '\(fieldName)' is already bound by the variable at offset \(earlierOffset)",
                offset: offset
            )
        }
        variableOffsetsByFieldName[fieldName] = offset

        var segments: [Segment] = [.singleWildcard]
        switch current {
        case "=":
            position += 1
            segments = try parseSegments(insideVariable: true)
        case "}", nil:
            break
        default:
            throw unexpected("expected '.', '=' or '}' after the field name '\(fieldName)'")
        }
        guard current == "}" else {
            throw unexpected("expected '}' to close the variable at offset \(offset)")
        }
        position += 1
        return PathTemplate.Variable(fieldPath: fieldPath, segments: segments, offset: offset)
    }

    mutating func parseFieldPath() throws(PathTemplateError) -> [String] {
        var fieldPath = [try parseIdentifier()]
        while current == "." {
            position += 1
            fieldPath.append(try parseIdentifier())
        }
        return fieldPath
    }

    /// Reads one field name; it always follows a '{' or a '.'.
    mutating func parseIdentifier() throws(PathTemplateError) -> String {
        let start = position
        guard let first = current, isLetterOrUnderscore(first) else {
            if let scalar = current, isDigit(scalar) {
                throw unexpected("a field name must start with a letter or '_'")
            }
            throw unexpected("expected a field name after '\(scalars[position - 1])'")
        }
        position += 1
        while let scalar = current, isLetterOrUnderscore(scalar) || isDigit(scalar) {
            position += 1
        }
        return text(from: start)
    }

    /// Reads the verb after ':', which must end the template.
    mutating func parseVerb() throws(PathTemplateError) -> String {
        guard let first = current, isLiteralCharacter(first) else {
            if let scalar = current, !isStructural(scalar) {
                throw unexpectedInLiteral()
            }
            throw unexpected("expected a verb after ':'")
        }
        let verb = parseLiteral()
        switch current {
        case nil:
            return verb
        case let scalar? where isStructural(scalar):
            throw unexpected("the verb must be at the end of the template")
        default:
            throw unexpectedInLiteral()
        }
    }

    /// The error for a character that cannot follow a complete segment, explaining the
    /// likely mistake rather than listing what the grammar allows.
    func unexpected(_ scalar: Unicode.Scalar, afterSegmentInsideVariable insideVariable: Bool) -> PathTemplateError {
        switch scalar {
        case "{" where insideVariable:
            return unexpected("variables cannot be nested")
        case "{":
            return unexpected("a variable must be a whole segment")
        case _ where isStructural(scalar):
            return unexpected(insideVariable ? "expected '/' or '}'" : "expected '/', ':' or the end of the template")
        case _ where !isLiteralCharacter(scalar):
            return unexpectedInLiteral()
        default:
            // A literal reads every literal character but the verb's ':', so the segment is a variable.
            return unexpected("a variable must be a whole segment")
        }
    }

    /// The error for a character where a literal could continue but that no literal may contain.
    func unexpectedInLiteral() -> PathTemplateError {
        unexpected("a literal may only contain ASCII letters, digits and -._~!$&'()*+,;=:@")
    }

    /// An error at `position` that names the character found there.
    func unexpected(_ explanation: String) -> PathTemplateError {
        let found = current.map(describe) ?? "end of template"
        return PathTemplateError(message: "unexpected \(found): \(explanation)", offset: position)
    }

    /// The text of a literal or field name just read: ASCII, since nothing else is read into one.
    func text(from start: Int) -> String {
        let count = position - start
        return String(unsafeUninitializedCapacity: count) { utf8 in
            for offset in 0..<count { utf8[offset] = UInt8(truncatingIfNeeded: scalars[start + offset].value) }
            return count
        }
    }
}

/// The characters that delimit segments and variables, which get more specific errors than "not allowed".
private func isStructural(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "/", "{", "}": true
    default: false
    }
}

/// RFC 3986's `pchar` without percent-encoding: unreserved characters, sub-delimiters, `:` and `@`, the
/// characters that mean themselves in a path segment. A `%` escape is not allowed, so that a literal is
/// the same text in a template, in a value checked against it, and in the URL.
private func isLiteralCharacter(_ scalar: Unicode.Scalar) -> Bool {
    if isLetterOrUnderscore(scalar) || isDigit(scalar) {
        return true
    }
    switch scalar {
    case "-", ".", "~", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", ":", "@": return true
    default: return false
    }
}

private func isLetterOrUnderscore(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
}

private func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    ("0"..."9").contains(scalar)
}

/// Names a character for an error message: quoted if printable ASCII, otherwise by code
/// point, since it may look like an ASCII character, not show at all, or combine with the
/// quote; visible ones are also shown quoted.
private func describe(_ scalar: Unicode.Scalar) -> String {
    if scalar == " " {
        return "space"
    }
    if ("!"..."~").contains(scalar) {
        return "'\(scalar)'"
    }
    var hexDigits = String(scalar.value, radix: 16, uppercase: true)
    while hexDigits.count < 4 {
        hexDigits = "0" + hexDigits
    }
    let codePoint = "U+\(hexDigits)"
    switch scalar.properties.generalCategory {
    case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .nonspacingMark, .enclosingMark:
        return codePoint
    default:
        return "'\(scalar)' (\(codePoint))"
    }
}
