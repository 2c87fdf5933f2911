/// Turns names from a spec (JSON field names, enum values, scope URLs) into Swift identifiers.
///
/// Words are split at every character that cannot be part of an ASCII identifier and at lower-to-upper
/// case changes; the result is escaped with backticks when it is a keyword, or given a trailing `_`
/// when even backticks would not make it usable as a member (`init`, `self`, `Type`).
enum SwiftIdentifier {
    /// `max_results` → `maxResults`, `IN_PROGRESS` → `inProgress`, `@type` → `type`; nil when no letter or digit is left.
    static func lowerCamel(_ text: String) -> String? {
        camelCase(text, capitalizingFirstWord: false)
    }

    /// `archiveJobs` → `ArchiveJobs`, `access_type` → `AccessType`.
    static func upperCamel(_ text: String) -> String? {
        camelCase(text, capitalizingFirstWord: true)
    }

    /// Splits `URLPath_name-2x` into `URL`, `Path`, `name`, `2x`.
    static func words(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var words: [String] = []
            var ranges = WordRanges(bytes)
            while let word = ranges.next() {
                words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[word]), as: UTF8.self))
            }
            return words
        }
    }

    /// The words joined in camel case, each after the first (or every one) capitalized: the first letter upper-cased,
    /// an all-capitals word lower-cased after it (`URL` → `Url`); written straight into the new string's storage,
    /// since a large spec has hundreds of thousands of names.
    private static func camelCase(_ text: String, capitalizingFirstWord: Bool) -> String? {
        var text = text
        return text.withUTF8 { bytes in
            var words = WordRanges(bytes)
            guard var word = words.next() else { return nil }
            // At most one byte more than the text: the `_` before a leading digit.
            return String(unsafeUninitializedCapacity: bytes.count + 1) { result in
                var count = 0
                // Identifiers cannot start with a digit.
                if ASCII.isDigit(bytes[word.lowerBound]) {
                    result[0] = UInt8(ascii: "_")
                    count = 1
                }
                var capitalizes = capitalizingFirstWord
                while true {
                    let keepsCase = capitalizes && word.dropFirst().contains { ASCII.isLower(bytes[$0]) }
                    for index in word {
                        let byte = bytes[index]
                        result[count] =
                            capitalizes && index == word.lowerBound
                            ? ASCII.upper(byte) : keepsCase ? byte : ASCII.lower(byte)
                        count += 1
                    }
                    guard let next = words.next() else { break }
                    word = next
                    capitalizes = true
                }
                return count
            }
        }
    }

    /// Where the words of UTF-8 text are, one after another. Only ASCII letters and digits can be part of a word, so
    /// every byte of another character is a separator; a word also ends at a lower-to-upper case change, and before
    /// the last capital of a run of them followed by a lower-case letter (`URLPath`).
    private struct WordRanges {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func next() -> Range<Int>? {
            while position < bytes.count, !ASCII.isLetter(bytes[position]), !ASCII.isDigit(bytes[position]) {
                position += 1
            }
            guard position < bytes.count else { return nil }
            let start = position
            position += 1
            while position < bytes.count {
                let byte = bytes[position]
                guard ASCII.isLetter(byte) || ASCII.isDigit(byte) else { break }
                if ASCII.isUpper(byte) {
                    let previous = bytes[position - 1]
                    let nextIsLower = position + 1 < bytes.count && ASCII.isLower(bytes[position + 1])
                    if ASCII.isLower(previous) || ASCII.isDigit(previous) || (ASCII.isUpper(previous) && nextIsLower) {
                        break
                    }
                }
                position += 1
            }
            return start..<position
        }
    }

    /// The identifier as it must be written in a declaration or after a dot.
    static func escaped(_ identifier: String) -> String {
        // Most names are longer than any reserved word, and need no lookup.
        guard identifier.utf8.count <= longestReservedWord else { return identifier }
        if unusableAsMember.contains(identifier) { return identifier + "_" }
        return keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// Names that backticks do not rescue as members or nested types: `x.init`, `x.self`, `T.Type` mean something else.
    static let unusableAsMember: Set<String> = ["init", "self", "Self", "Type", "Protocol", "deinit", "subscript"]

    /// The length of the longest name in `unusableAsMember` and `keywords` (`precedencegroup`).
    private static let longestReservedWord = unusableAsMember.union(keywords).map(\.utf8.count).max() ?? 0

    /// Swift's reserved words (The Swift Programming Language, Lexical Structure), plus the contextual
    /// words that cannot name a member without backticks.
    static let keywords: Set<String> = [
        // Used in declarations.
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
        "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "package", "private",
        "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
        // Used in statements.
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if",
        "in", "repeat", "return", "throw", "switch", "where", "while",
        // Used in expressions and types.
        "Any", "as", "await", "catch", "false", "is", "nil", "rethrows", "self", "Self", "super", "throw", "throws",
        "true", "try",
        // Used in patterns.
        "_",
    ]
}

/// Character classes of ASCII bytes, for names, which are ASCII once they are Swift identifiers.
enum ASCII {
    static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    static func isLower(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    static func upper(_ byte: UInt8) -> UInt8 { isLower(byte) ? byte - 32 : byte }
    static func lower(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte + 32 : byte }
}
