/// Prints Swift source with consistent four-space indentation.
struct SwiftWriter {
    private(set) var text = ""
    private var indentation = 0

    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: indentation) + content + "\n"
        }
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
        let prefix = String(repeating: "    ", count: indentation)
        let oneLine = opening + items.joined(separator: ", ") + closing
        guard prefix.count + oneLine.count > Self.lineLength, !items.isEmpty else {
            line(oneLine)
            return
        }
        line(opening)
        let itemPrefix = prefix + "    "
        var current = ""
        for (index, item) in items.enumerated() {
            let piece = item + (index == items.count - 1 ? "" : ",")
            if current.isEmpty {
                current = piece
            } else if itemPrefix.count + current.count + 1 + piece.count <= Self.lineLength {
                current += " " + piece
            } else {
                text += itemPrefix + current + "\n"
                current = piece
            }
        }
        text += itemPrefix + current + "\n"
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
            line(docLine.isEmpty ? "///" : "/// " + docLine)
        }
    }
}
