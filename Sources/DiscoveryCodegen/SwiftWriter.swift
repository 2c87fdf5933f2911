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
