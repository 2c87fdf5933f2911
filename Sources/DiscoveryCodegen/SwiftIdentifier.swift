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
        let bytes = Array(text.utf8)
        return wordRanges(of: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// The words joined in camel case, each after the first (or every one) capitalized: the first letter upper-cased,
    /// an all-capitals word lower-cased after it (`URL` → `Url`); built in one buffer, since a large spec has hundreds
    /// of thousands of names.
    private static func camelCase(_ text: String, capitalizingFirstWord: Bool) -> String? {
        let bytes = Array(text.utf8)
        let words = wordRanges(of: bytes)
        guard !words.isEmpty else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 1)
        // Identifiers cannot start with a digit.
        if ASCII.isDigit(bytes[words[0].lowerBound]) { result.append(UInt8(ascii: "_")) }
        for (index, word) in words.enumerated() {
            guard index > 0 || capitalizingFirstWord else {
                result.append(contentsOf: bytes[word].lazy.map(ASCII.lower))
                continue
            }
            result.append(ASCII.upper(bytes[word.lowerBound]))
            let rest = bytes[(word.lowerBound + 1)..<word.upperBound]
            if rest.contains(where: ASCII.isLower) {
                result.append(contentsOf: rest)
            } else {
                result.append(contentsOf: rest.lazy.map(ASCII.lower))
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Where the words of `bytes` are. Only ASCII letters and digits can be part of a word, so every byte of another
    /// character is a separator; a word also ends at a lower-to-upper case change, and before the last capital of a
    /// run of them followed by a lower-case letter (`URLPath`).
    private static func wordRanges(of bytes: [UInt8]) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        for (index, byte) in bytes.enumerated() {
            guard ASCII.isLetter(byte) || ASCII.isDigit(byte) else {
                if let wordStart = start { words.append(wordStart..<index) }
                start = nil
                continue
            }
            guard let wordStart = start else {
                start = index
                continue
            }
            if ASCII.isUpper(byte) {
                let previous = bytes[index - 1]
                let nextIsLower = index + 1 < bytes.count && ASCII.isLower(bytes[index + 1])
                if ASCII.isLower(previous) || ASCII.isDigit(previous) || (ASCII.isUpper(previous) && nextIsLower) {
                    words.append(wordStart..<index)
                    start = index
                }
            }
        }
        if let wordStart = start { words.append(wordStart..<bytes.count) }
        return words
    }

    /// The identifier as it must be written in a declaration or after a dot.
    static func escaped(_ identifier: String) -> String {
        if unusableAsMember.contains(identifier) { return identifier + "_" }
        return keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// Names that backticks do not rescue as members or nested types: `x.init`, `x.self`, `T.Type` mean something else.
    static let unusableAsMember: Set<String> = ["init", "self", "Self", "Type", "Protocol", "deinit", "subscript"]

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
