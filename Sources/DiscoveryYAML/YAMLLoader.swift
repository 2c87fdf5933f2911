import CYAML

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Turns YAML text into a `Node` tree using libyaml's event parser.
///
/// The spec layer needs more than libyaml's own document API gives: the line and column of every
/// key and value, and whether a scalar was quoted. Duplicate keys are errors, not silent overwrites.
public enum YAMLLoader {
    /// The most nodes that aliases may expand to, so that a small file cannot expand exponentially.
    public static let aliasExpansionLimit = 100_000
    /// The most bytes of scalar text that aliases may repeat, so that a small file cannot become a huge one.
    public static let aliasExpansionByteLimit = 16 << 20
    /// The deepest nesting of collections; every later stage recurses over the tree, so this bounds their
    /// stacks too. Google's documents nest at most about 20 deep.
    public static let maximumDepth = 100

    /// Loads the single document in the file at `path`; `displayPath` is how messages name it.
    public static func load(contentsOfFile path: String, displayPath: String? = nil) throws(DiagnosticsError) -> Node {
        let name = displayPath ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticsError([.error(at: SourceLocation(file: name, line: 1, column: 1), "cannot read the file")])
        }
        return try load(Array(data), file: name)
    }

    /// Loads the single document in `text`; `file` is how messages name it.
    public static func load(_ text: String, file: String) throws(DiagnosticsError) -> Node {
        try load(Array(text.utf8), file: file)
    }

    public static func load(_ bytes: [UInt8], file: String) throws(DiagnosticsError) -> Node {
        var builder = TreeBuilder(file: file, bytes: bytes)
        bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                builder.fail(at: builder.location(line: 0, column: 0), "libyaml could not start a parser")
                return
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    builder.fail(syntaxErrorOf: parser)
                    return
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return }
                builder.handle(event)
                if builder.mustStop { return }
            }
        }
        if builder.diagnostics.isEmpty, builder.root == nil {
            builder.fail(at: builder.location(line: 0, column: 0), "the file has no YAML document")
        }
        guard builder.diagnostics.isEmpty, let root = builder.root else {
            throw DiagnosticsError(builder.diagnostics.sorted { $0.location < $1.location })
        }
        return root
    }
}

/// Assembles nodes from libyaml's events with a stack of open collections.
private struct TreeBuilder {
    /// An open collection; its children are appended in place, so that building is linear.
    private struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        var anchor: String?
        var items: [Node] = []
        var entries: [MappingEntry] = []
        var pendingKey: (text: String, location: SourceLocation)?
        var keys = MappingKeys()

        mutating func append(_ entry: MappingEntry) {
            entries.append(entry)
            keys.didAppend(entry)
        }

        mutating func earlierLocation(ofKey key: String) -> SourceLocation? {
            keys.earlierLocation(ofKey: key, in: entries)
        }
    }

    let file: String
    private let bytes: [UInt8]
    /// A UTF-16 source as characters, decoded only when a quoted scalar with escapes needs its columns.
    private var sourceCharacters: [Unicode.Scalar]?
    /// Where the characters of more than one byte are, found at the first quoted scalar with escapes.
    private var multiByteCharacters: [(index: Int, extraBytes: Int)]?
    private(set) var root: Node?
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var mustStop = false
    private var stack: [Frame] = []
    private var anchors: [String: Node] = [:]
    private var expandedAliasNodes = 0
    private var expandedAliasBytes = 0
    private var documentCount = 0

    init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + 1, column: column + 1)
    }

    /// The line and column of a byte of UTF-8 input, counting characters as libyaml's marks do.
    private func location(ofByteOffset offset: Int) -> SourceLocation {
        var line = 0
        var column = 0
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 0
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return location(line: line, column: column)
    }

    private func location(of mark: yaml_mark_t) -> SourceLocation {
        location(line: Int(mark.line), column: Int(mark.column))
    }

    mutating func fail(at location: SourceLocation, _ message: String) {
        diagnostics.append(.error(at: location, message))
    }

    mutating func fail(syntaxErrorOf parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        // The reader (encoding, invalid UTF-8, control characters) reports a byte offset, not a mark.
        if parser.error == YAML_READER_ERROR {
            fail(at: location(ofByteOffset: parser.problem_offset), "invalid YAML: \(problem)")
            mustStop = true
            return
        }
        let context = parser.context.map { String(cString: $0) }
        let message = context.map { "\(problem) \($0)" } ?? problem
        // At the end of the file, the start of the unfinished construct (an open quote) is the useful place.
        let endsTooEarly = problem.hasPrefix("found unexpected end of stream") && parser.context != nil
        let mark = endsTooEarly ? parser.context_mark : parser.problem_mark
        fail(at: location(of: mark), "invalid YAML: \(message)")
        mustStop = true
    }

    mutating func handle(_ event: yaml_event_t) {
        let start = location(of: event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documentCount += 1
            if documentCount > 1 {
                fail(at: start, "a spec holds exactly one YAML document; remove the second document")
                mustStop = true
            }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let value = UnsafeBufferPointer(start: data.value, count: data.length)
            let text = String(decoding: value, as: UTF8.self)
            let tag = data.tag.map { String(cString: $0) }
            if let tag, tag != "tag:yaml.org,2002:str" { rejectTag(tag, at: start) }
            let style = Self.style(of: data.style)
            var scalar = Scalar(text, style: style, isPlain: style == .plain && tag == nil)
            if style == .singleQuoted || style == .doubleQuoted, event.start_mark.line == event.end_mark.line {
                // Every escape is shorter than its source, so a scalar as long as its source, without its two
                // quotes, has none, and its columns need no work.
                let sourceCount = Int(event.end_mark.index) - Int(event.start_mark.index) - 2
                let decodedCount = value.reduce(0) { count, byte in byte & 0xC0 == 0x80 ? count : count + 1 }
                if decodedCount != sourceCount {
                    scalar.escapedSource = escapedSource(
                        from: Int(event.start_mark.index), to: Int(event.end_mark.index),
                        syntax: style == .singleQuoted ? .yamlSingleQuoted : .yamlDoubleQuoted)
                }
            }
            finish(Node(.scalar(scalar), at: start), anchor: anchorText(data.anchor))
        case YAML_SEQUENCE_START_EVENT:
            if let tag = event.data.sequence_start.tag { rejectTag(String(cString: tag), at: start) }
            open(Frame(isMapping: false, location: start, anchor: anchorText(event.data.sequence_start.anchor)))
        case YAML_MAPPING_START_EVENT:
            if let tag = event.data.mapping_start.tag { rejectTag(String(cString: tag), at: start) }
            open(Frame(isMapping: true, location: start, anchor: anchorText(event.data.mapping_start.anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            let content: Node.Content = frame.isMapping ? .mapping(frame.entries) : .sequence(frame.items)
            finish(Node(content, at: frame.location), anchor: frame.anchor)
        case YAML_ALIAS_EVENT:
            let name = anchorText(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else {
                fail(at: start, "unknown alias '*\(name)'")
                // A null in its place keeps the keys and values that follow paired.
                finish(Node(.scalar(Scalar("", style: .plain, isPlain: true)), at: start), anchor: nil)
                return
            }
            let size = target.size
            expandedAliasNodes += size.nodes
            expandedAliasBytes += size.bytes
            if expandedAliasNodes > YAMLLoader.aliasExpansionLimit {
                fail(at: start, "aliases expand to more than \(YAMLLoader.aliasExpansionLimit) nodes")
                mustStop = true
                return
            }
            if expandedAliasBytes > YAMLLoader.aliasExpansionByteLimit {
                fail(at: start, "aliases repeat more than \(YAMLLoader.aliasExpansionByteLimit >> 20) MiB of text")
                mustStop = true
                return
            }
            finish(target, anchor: nil)
        default:
            break
        }
    }

    /// The source between the quotes of the one-line quoted scalar from character `start` to `end`.
    ///
    /// libyaml's marks count characters, so the text is read from the decoded source.
    private mutating func escapedSource(
        from start: Int, to end: Int, syntax: Scalar.EscapedSource.Syntax
    ) -> Scalar.EscapedSource? {
        guard start + 1 < end else { return nil }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            if sourceCharacters == nil { sourceCharacters = Self.decodedUTF16Source(bytes) }
            guard let source = sourceCharacters, end <= source.count else { return nil }
            return Scalar.EscapedSource(
                String(String.UnicodeScalarView(source[(start + 1)..<(end - 1)])), syntax: syntax)
        }
        // UTF-8, as nearly every spec is: only the scalar's own bytes.
        if multiByteCharacters == nil { multiByteCharacters = Self.multiByteCharacters(in: bytes) }
        let startByte = byteOffset(ofCharacter: start + 1)
        let endByte = byteOffset(ofCharacter: end - 1)
        guard startByte <= endByte, endByte <= bytes.count else { return nil }
        return Scalar.EscapedSource(String(decoding: bytes[startByte..<endByte], as: UTF8.self), syntax: syntax)
    }

    /// libyaml counts characters, this loader bytes: for each character of more than one byte in a UTF-8 source,
    /// its index, and the bytes beyond one per character up to and including it.
    private static func multiByteCharacters(in bytes: [UInt8]) -> [(index: Int, extraBytes: Int)] {
        var characters: [(index: Int, extraBytes: Int)] = []
        var extraBytes = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                // A spec is nearly all ASCII: eight bytes without a high bit are eight characters.
                if offset + 8 <= buffer.count,
                    buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    offset += 8
                    continue
                }
                let byte = buffer[offset]
                if byte & 0xC0 == 0x80, !characters.isEmpty {
                    extraBytes += 1
                    characters[characters.count - 1].extraBytes = extraBytes
                } else if byte >= 0xC0 {
                    // Every byte so far but the extra ones began a character.
                    characters.append((offset - extraBytes, extraBytes))
                }
                offset += 1
            }
        }
        return characters
    }

    private func byteOffset(ofCharacter index: Int) -> Int {
        guard let characters = multiByteCharacters, let first = characters.first, first.index < index else {
            return index
        }
        // The last multi-byte character before `index`, by binary search.
        var low = 0
        var high = characters.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if characters[middle].index < index { low = middle } else { high = middle - 1 }
        }
        return index + characters[low].extraBytes
    }

    /// The characters of a UTF-16 source (after its byte order mark), as libyaml reads it.
    private static func decodedUTF16Source(_ bytes: [UInt8]) -> [Unicode.Scalar] {
        let bigEndian = bytes.starts(with: [0xFE, 0xFF])
        let units = stride(from: 2, to: bytes.count - 1, by: 2).map { index -> UInt16 in
            let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            return UInt16(high) << 8 | UInt16(low)
        }
        return Array(String(decoding: units, as: UTF16.self).unicodeScalars)
    }

    /// Tags would change what a value means behind the spec's back; `!!str` is the one that is allowed.
    private mutating func rejectTag(_ tag: String, at location: SourceLocation) {
        let standardPrefix = "tag:yaml.org,2002:"
        let written = tag.hasPrefix(standardPrefix) ? "!!" + tag.dropFirst(standardPrefix.count) : tag
        fail(at: location, "YAML tags are not supported here (found '\(written)'); write the plain value")
    }

    private static func style(of style: yaml_scalar_style_t) -> Scalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    private func anchorText(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Opens a collection, unless that would nest deeper than the later stages may recurse.
    private mutating func open(_ frame: Frame) {
        guard stack.count < YAMLLoader.maximumDepth else {
            fail(at: frame.location, "collections nest more than \(YAMLLoader.maximumDepth) deep")
            mustStop = true
            return
        }
        stack.append(frame)
    }

    /// Hands a completed node to the collection that contains it.
    private mutating func finish(_ node: consuming Node, anchor: String?) {
        if let anchor { anchors[anchor] = node }
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        if let key = stack[top].pendingKey {
            stack[top].append(MappingEntry(key: key.text, keyLocation: key.location, value: node))
            stack[top].pendingKey = nil
        } else if case .scalar(let scalar) = node.content {
            if let first = stack[top].earlierLocation(ofKey: scalar.text) {
                fail(at: node.location, "duplicate key '\(scalar.text)' (first defined at line \(first.line))")
            }
            stack[top].pendingKey = (scalar.text, node.location)
        } else {
            fail(at: node.location, "a mapping key must be a scalar, found \(node.kindDescription)")
            stack[top].pendingKey = ("", node.location)
        }
    }
}

extension Node {
    /// How many nodes, and bytes of text, this one stands for, to bound alias expansion.
    var size: (nodes: Int, bytes: Int) {
        switch content {
        case .scalar(let scalar):
            return (1, scalar.text.utf8.count)
        case .sequence(let items):
            return items.reduce((1, 0)) { total, item in
                let size = item.size
                return (total.0 + size.nodes, total.1 + size.bytes)
            }
        case .mapping(let entries):
            return entries.reduce((1, 0)) { total, entry in
                let size = entry.value.size
                return (total.0 + 1 + size.nodes, total.1 + entry.key.utf8.count + size.bytes)
            }
        }
    }
}
