/// Prints Swift source with consistent four-space indentation.
struct SwiftWriter {
    private(set) var text = ""
    private var indentation = 0

    mutating func line(_ content: String = "") {
        if !content.isEmpty {
            indent()
            text += content
        }
        text += "\n"
    }

    private mutating func indent() {
        for _ in 0..<indentation { text += "    " }
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
                let piece = item + (index == items.count - 1 ? "" : ",")
                if width == 0 {
                    writer.indent()
                } else if indentWidth + 4 + width + 1 + piece.utf8.count <= Self.lineLength {
                    writer.text += " "
                    width += 1
                } else {
                    writer.text += "\n"
                    writer.indent()
                    width = 0
                }
                writer.text += piece
                width += piece.utf8.count
            }
            writer.text += "\n"
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
            text += docLine.isEmpty ? "///\n" : "/// "
            if !docLine.isEmpty {
                text += docLine
                text += "\n"
            }
        }
    }
}
