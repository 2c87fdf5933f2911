import CYAML
import DiscoveryYAML

/// Writes `YAMLValue`s through libyaml's emitter, which guarantees that the text reads back as the same values.
///
/// This type only chooses the most readable style for each scalar; libyaml falls back to a quoted style
/// whenever the chosen one cannot hold the text exactly.
enum YAMLWriter {
    /// The YAML text of `value`, after `comment` lines (each prefixed with `# `).
    static func write(_ value: YAMLValue, comment: [String]) throws(DiagnosticsError) -> String {
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        defer { emitter.deallocate() }
        guard yaml_emitter_initialize(emitter) == 1 else { throw failure("libyaml could not start an emitter") }
        defer { yaml_emitter_delete(emitter) }

        let output = OutputBuffer()
        let handler: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, Int) -> Int32 = {
            data, buffer, size in
            guard let data, let buffer else { return 0 }
            Unmanaged<OutputBuffer>.fromOpaque(data).takeUnretainedValue().bytes.append(
                contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }
        yaml_emitter_set_output(emitter, handler, Unmanaged.passUnretained(output).toOpaque())
        yaml_emitter_set_unicode(emitter, 1)
        // No folding of long lines: a changed word must not re-wrap a whole paragraph in a diff.
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)

        var writer = EventWriter(emitter: emitter)
        writer.emit { yaml_stream_start_event_initialize(&$0, YAML_UTF8_ENCODING) }
        writer.emit { yaml_document_start_event_initialize(&$0, nil, nil, nil, 1) }
        writer.write(value)
        writer.emit { yaml_document_end_event_initialize(&$0, 1) }
        writer.emit { yaml_stream_end_event_initialize(&$0) }
        if let problem = writer.problem { throw failure(problem) }

        // A line break in a comment would start a line of YAML.
        let header = comment.map { "# " + $0.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n" }.joined()
        return header + String(decoding: output.bytes, as: UTF8.self)
    }

    private static func failure(_ message: String) -> DiagnosticsError {
        DiagnosticsError([
            .error(at: SourceLocation(file: "<output>", line: 1, column: 1), "cannot write YAML: \(message)")
        ])
    }
}

private final class OutputBuffer {
    var bytes: [UInt8] = []
}

/// Sends one libyaml event per YAML node; remembers the first failure.
private struct EventWriter {
    let emitter: UnsafeMutablePointer<yaml_emitter_t>
    var problem: String?

    init(emitter: UnsafeMutablePointer<yaml_emitter_t>) {
        self.emitter = emitter
    }

    mutating func emit(_ initialize: (inout yaml_event_t) -> Int32) {
        guard problem == nil else { return }
        var event = yaml_event_t()
        guard initialize(&event) == 1 else {
            problem = "libyaml could not create an event"
            return
        }
        // The emitter takes ownership of the event, also when it fails.
        if yaml_emitter_emit(emitter, &event) != 1 {
            problem = emitter.pointee.problem.map { String(cString: $0) } ?? "libyaml failed"
        }
    }

    mutating func write(_ value: YAMLValue) {
        switch value {
        case .string(let text):
            scalar(text, style: ScalarStyle.oneLine(text))
        case .text(let text):
            scalar(text, style: ScalarStyle.prose(text))
        case .bool(let flag):
            scalar(flag ? "true" : "false", style: YAML_PLAIN_SCALAR_STYLE)
        case .integer(let number):
            scalar(String(number), style: YAML_PLAIN_SCALAR_STYLE)
        case .sequence(let items):
            emit { yaml_sequence_start_event_initialize(&$0, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE) }
            items.forEach { write($0) }
            emit { yaml_sequence_end_event_initialize(&$0) }
        case .mapping(let entries):
            emit { yaml_mapping_start_event_initialize(&$0, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE) }
            for entry in entries {
                scalar(entry.key, style: ScalarStyle.oneLine(entry.key))
                write(entry.value)
            }
            emit { yaml_mapping_end_event_initialize(&$0) }
        }
    }

    /// A plain scalar is only allowed (`plain_implicit`) when it was chosen, so libyaml never writes a
    /// string such as `true` or `20260719` unquoted.
    private mutating func scalar(_ text: String, style: yaml_scalar_style_t) {
        var text = text
        let isPlain: Int32 = style == YAML_PLAIN_SCALAR_STYLE ? 1 : 0
        emit { event in
            text.withUTF8 { buffer in
                yaml_scalar_event_initialize(
                    &event, nil, nil, buffer.baseAddress, Int32(buffer.count), isPlain, 1, style)
            }
        }
    }
}

/// The scalar styles the importer asks libyaml for.
enum ScalarStyle {
    static func oneLine(_ text: String) -> yaml_scalar_style_t {
        canBePlain(text) ? YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE
    }

    /// Multi-line prose becomes a literal block, which keeps every line as it is.
    static func prose(_ text: String) -> yaml_scalar_style_t {
        var text = text
        let isMultiLine = text.withUTF8 { $0.contains(UInt8(ascii: "\n")) }
        return isMultiLine ? YAML_LITERAL_SCALAR_STYLE : oneLine(text)
    }

    /// Words that YAML 1.1 readers take for booleans or null, quoted for them too.
    private static let yaml11Words: Set<String> = ["y", "n", "yes", "no", "on", "off", "=", "<<"]

    /// True when `text` reads back as the same string without quotes, for this project's loader and for
    /// YAML 1.1 readers alike. Conservative: anything unusual is quoted.
    static func canBePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            Scalar(text, style: .plain, isPlain: true).plainMeaning == .string,
            // Lower-casing never shortens a text: only one of three characters or fewer can be such a word.
            !(text.unicodeScalars.dropFirst(3).isEmpty && yaml11Words.contains(text.lowercased())),
            !isIndicator(first),
            last != " ", last != ":"
        else { return false }
        let bytes = scanBytes(text)
        guard !bytes.hasCommentOrMappingMark else { return false }
        return bytes.isPrintableASCII || text.unicodeScalars.allSatisfy(isPrintable)
    }

    /// Characters that mean something else at the start of a plain scalar.
    private static func isIndicator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", " ": true
        default: false
        }
    }

    /// In one pass over the UTF-8: whether `text` has `: ` or ` #`, which would end a plain scalar early, and whether
    /// it is all printable ASCII, as nearly every text is, so that it need not be decoded.
    private static func scanBytes(_ text: String) -> (hasCommentOrMappingMark: Bool, isPrintableASCII: Bool) {
        var text = text
        return text.withUTF8 { bytes in
            var previous: UInt8 = 0
            var isPrintableASCII = true
            for byte in bytes {
                if (previous == UInt8(ascii: ":") && byte == UInt8(ascii: " "))
                    || (previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#"))
                {
                    return (true, false)
                }
                if !(0x20...0x7E).contains(byte) { isPrintableASCII = false }
                previous = byte
            }
            return (false, isPrintableASCII)
        }
    }

    /// Characters that YAML prints as they are, minus those that could confuse a reader (line and
    /// paragraph separators, the byte-order mark).
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: true
        case 0xA0...0xD7FF: scalar.value != 0x2028 && scalar.value != 0x2029
        case 0xE000...0xFFFD: scalar.value != 0xFEFF
        case 0x10000...0x10FFFF: true
        default: false
        }
    }
}
