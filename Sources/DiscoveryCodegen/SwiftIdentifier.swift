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
        return safeStart(first.lowercased() + words.dropFirst().map(capitalized).joined())
    }

    /// `archiveJobs` → `ArchiveJobs`, `access_type` → `AccessType`.
    static func upperCamel(_ text: String) -> String? {
        let words = words(of: text)
        guard !words.isEmpty else { return nil }
        return safeStart(words.map(capitalized).joined())
    }

    /// Splits `URLPath_name-2x` into `URL`, `Path`, `name`, `2x`.
    static func words(of text: String) -> [String] {
        var words: [String] = []
        var current: [Character] = []
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            guard character.isASCII, character.isLetter || character.isNumber else {
                if !current.isEmpty { words.append(String(current)) }
                current = []
                continue
            }
            if let previous = current.last, character.isUppercase {
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) {
                    words.append(String(current))
                    current = []
                }
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// `URL` → `Url`, `name` → `Name`: the first letter upper-cased, an all-capitals word lower-cased after it.
    private static func capitalized(_ word: String) -> String {
        let rest = word.dropFirst()
        let tail = rest.allSatisfy { !$0.isLowercase } ? rest.lowercased() : String(rest)
        return word.prefix(1).uppercased() + tail
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
