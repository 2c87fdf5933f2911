/// Turns names from a spec (JSON field names, enum values, scope URLs) into Swift identifiers.
///
/// Words are split at every character that cannot be part of an ASCII identifier and at lower-to-upper
/// case changes; the result is escaped with backticks when it is a keyword, or given a trailing `_`
/// when even backticks would not make it usable as a member (`init`, `self`, `Type`).
enum SwiftIdentifier {
    /// `max_results` → `maxResults`, `IN_PROGRESS` → `inProgress`, `@type` → `type`; nil when no letter or digit is left.
    static func lowerCamel(_ text: String) -> String? {
        let words = words(of: text)
        guard let first = words.first else { return nil }
        return safeStart(
            String(decoding: first.utf8.map(ASCII.lower), as: UTF8.self) + words.dropFirst().map(capitalized).joined())
    }

    /// `archiveJobs` → `ArchiveJobs`, `access_type` → `AccessType`.
    static func upperCamel(_ text: String) -> String? {
        let words = words(of: text)
        guard !words.isEmpty else { return nil }
        return safeStart(words.map(capitalized).joined())
    }

    /// Splits `URLPath_name-2x` into `URL`, `Path`, `name`, `2x`.
    ///
    /// Only ASCII letters and digits can be part of a word, so the text is read as UTF-8 bytes: every byte of
    /// another character is a separator.
    static func words(of text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() {
            guard ASCII.isLetter(byte) || ASCII.isDigit(byte) else {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
                current.removeAll(keepingCapacity: true)
                continue
            }
            if let previous = current.last, ASCII.isUpper(byte) {
                let nextIsLower = index + 1 < bytes.count && ASCII.isLower(bytes[index + 1])
                if ASCII.isLower(previous) || ASCII.isDigit(previous) || (ASCII.isUpper(previous) && nextIsLower) {
                    words.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
            }
            current.append(byte)
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    /// `URL` → `Url`, `name` → `Name`: the first letter upper-cased, an all-capitals word lower-cased after it.
    private static func capitalized(_ word: String) -> String {
        var bytes = Array(word.utf8)
        guard let first = bytes.first else { return word }
        bytes[0] = ASCII.upper(first)
        if !bytes.dropFirst().contains(where: ASCII.isLower) {
            for index in bytes.indices.dropFirst() { bytes[index] = ASCII.lower(bytes[index]) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Identifiers cannot start with a digit.
    private static func safeStart(_ identifier: String) -> String {
        identifier.first?.isNumber == true ? "_" + identifier : identifier
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
