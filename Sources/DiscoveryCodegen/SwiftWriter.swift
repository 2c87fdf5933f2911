/// Prints Swift source with consistent four-space indentation.
///
/// The source is collected as UTF-8 bytes: a large module is megabytes of small appends, which a byte array takes
/// faster than a `String`.
struct SwiftWriter {
    private var bytes: [UInt8] = []
    private var indentation = 0

    /// The source written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func line(_ content: String = "") {
        if !content.isEmpty {
            indent()
            append(content)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func append(_ content: String) {
        bytes.append(contentsOf: content.utf8)
    }

    private mutating func indent() {
        for _ in 0..<(4 * indentation) { bytes.append(UInt8(ascii: " ")) }
    }

    /// `header {`, the indented body, `}`.
    mutating func block(_ header: String, _ body: (inout SwiftWriter) -> Void) {
        line(header + " {")
        indented(body)
        line("}")
    }

    /// `opening`, the comma-separated `items`, then `closing`: on one line when it fits in `lineLength`
    /// columns, else with the items filled onto indented lines between the two, as swift-format lays out
    /// arguments.
    mutating func list(_ opening: String, _ items: [String], _ closing: String) {
        // Columns are counted in UTF-8 bytes: the items are declarations and arguments, which are ASCII.
        let indentWidth = 4 * indentation
        let oneLine = opening + items.joined(separator: ", ") + closing
        guard indentWidth + oneLine.utf8.count > Self.lineLength, !items.isEmpty else {
            line(oneLine)
            return
        }
        line(opening)
        indented { writer in
            var width = 0
            for (index, item) in items.enumerated() {
                let pieceWidth = item.utf8.count + (index == items.count - 1 ? 0 : 1)
                if width == 0 {
                    writer.indent()
                } else if indentWidth + 4 + width + 1 + pieceWidth <= Self.lineLength {
                    writer.bytes.append(UInt8(ascii: " "))
                    width += 1
                } else {
                    writer.bytes.append(UInt8(ascii: "\n"))
                    writer.indent()
                    width = 0
                }
                writer.append(item)
                if index != items.count - 1 { writer.bytes.append(UInt8(ascii: ",")) }
                width += pieceWidth
            }
            writer.bytes.append(UInt8(ascii: "\n"))
        }
        line(closing)
    }

    /// The column limit of `list`, that of the repository's swift-format configuration.
    static let lineLength = 120

    mutating func indented(_ body: (inout SwiftWriter) -> Void) {
        indentation += 1
        body(&self)
        indentation -= 1
    }

    /// `///` lines for a description, or nothing for an empty one.
    mutating func documentation(_ description: String?) {
        for docLine in SwiftText.documentationLines(description) {
            indent()
            if docLine.isEmpty {
                append("///\n")
            } else {
                append("/// ")
                append(docLine)
                bytes.append(UInt8(ascii: "\n"))
            }
        }
    }
}
