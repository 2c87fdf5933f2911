/// Prints Swift source with consistent four-space indentation.
///
/// The source is collected as UTF-8 bytes: a large module is megabytes of small appends, which a byte array takes
/// faster than a `String`.
struct SwiftWriter {
    /// The source written so far.
    private(set) var utf8: [UInt8] = []
    private var indentation = 0

    mutating func line(_ content: SourceText = "") {
        if !content.utf8.isEmpty {
            indent()
            utf8.append(contentsOf: content.utf8)
        }
        utf8.append(UInt8(ascii: "\n"))
    }

    private mutating func append(_ content: String) {
        utf8.append(contentsOf: content.utf8)
    }

    private mutating func indent() {
        for _ in 0..<(4 * indentation) { utf8.append(UInt8(ascii: " ")) }
    }

    /// `header {`, the indented body, `}`.
    mutating func block(_ header: SourceText, _ body: (inout SwiftWriter) -> Void) {
        indent()
        utf8.append(contentsOf: header.utf8)
        append(" {\n")
        indented(body)
        line("}")
    }

    /// `opening`, the comma-separated `items`, then `closing`: on one line when it fits in `lineLength`
    /// columns, else with the items filled onto indented lines between the two, as swift-format lays out
    /// arguments.
    mutating func list(_ opening: SourceText, _ items: [String], _ closing: SourceText) {
        // Columns are counted in UTF-8 bytes: the items are declarations and arguments, which are ASCII.
        let indentWidth = 4 * indentation
        let oneLineWidth =
            opening.utf8.count + items.reduce(0) { $0 + $1.utf8.count } + 2 * max(items.count - 1, 0)
            + closing.utf8.count
        guard indentWidth + oneLineWidth > Self.lineLength, !items.isEmpty else {
            indent()
            utf8.append(contentsOf: opening.utf8)
            for (index, item) in items.enumerated() {
                if index > 0 { append(", ") }
                append(item)
            }
            utf8.append(contentsOf: closing.utf8)
            utf8.append(UInt8(ascii: "\n"))
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
                    writer.utf8.append(UInt8(ascii: " "))
                    width += 1
                } else {
                    writer.utf8.append(UInt8(ascii: "\n"))
                    writer.indent()
                    width = 0
                }
                writer.append(item)
                if index != items.count - 1 { writer.utf8.append(UInt8(ascii: ",")) }
                width += pieceWidth
            }
            writer.utf8.append(UInt8(ascii: "\n"))
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
        SwiftText.forEachDocumentationLine(description) { docLine in
            indent()
            if docLine.isEmpty {
                append("///\n")
            } else {
                append("/// ")
                utf8.append(contentsOf: docLine)
                utf8.append(UInt8(ascii: "\n"))
            }
        }
    }
}

/// Swift source built from literals and interpolated strings straight into UTF-8: the generator writes hundreds of
/// thousands of lines, and making a `String` of each first took a tenth of its time.
struct SourceText: ExpressibleByStringInterpolation {
    fileprivate var utf8: [UInt8]

    init(_ text: String) {
        utf8 = Array(text.utf8)
    }

    init(stringLiteral literal: String) {
        self.init(literal)
    }

    init(stringInterpolation: Interpolation) {
        utf8 = stringInterpolation.utf8
    }

    struct Interpolation: StringInterpolationProtocol {
        fileprivate var utf8: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            utf8.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: String) {
            utf8.append(contentsOf: literal.utf8)
        }

        mutating func appendInterpolation(_ text: String) {
            utf8.append(contentsOf: text.utf8)
        }

        /// A string literal whose value is exactly `text`, as `SwiftText.literal` writes it.
        mutating func appendInterpolation(literal text: String) {
            SwiftText.appendLiteral(text, to: &utf8)
        }
    }
}
