/// Percent-encodes every UTF-8 byte of `text` except the RFC 3986 unreserved characters
/// `[-_.~0-9A-Za-z]`, and, when `keepingPathCharacters` is set, `/` and the other characters that stand
/// for themselves in a path: `!$&'()*+,;=@`.
///
/// A single-segment variable (`{name}`) and query values use the strict form, as gRPC transcoding and
/// RFC 6570's simple expansion do. A multi-segment variable (Discovery's `{+name}`) keeps the path
/// characters, as RFC 6570's reserved expansion in Google's Go and Python clients does: Firestore's
/// `projects/p/databases/(default)/documents` is sent as written. Unlike reserved expansion, `:` is
/// encoded, so that no value can look like a custom verb (`archiveJobs/1:cancel` before `:retry`), and so
/// are `?`, `#`, `[`, `]` and `%`, so that no value can end the path or change what it means.
func percentEncoded(_ text: String, keepingPathCharacters: Bool = false) -> String {
    var encoded = ""
    for byte in text.utf8 {
        if isUnreserved(byte) || (keepingPathCharacters && isPathCharacter(byte)) {
            encoded.append(Character(Unicode.Scalar(byte)))
        } else {
            encoded += "%" + uppercaseHex[Int(byte >> 4)] + uppercaseHex[Int(byte & 0x0F)]
        }
    }
    return encoded
}

private let uppercaseHex = Array("0123456789ABCDEF").map(String.init)

private func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
        true
    default:
        false
    }
}

/// The characters besides the unreserved ones that RFC 3986 allows raw in a path, but for `:`: `/`, the
/// sub-delimiters and `@`.
private func isPathCharacter(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "/"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"),
        UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","),
        UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "@"):
        true
    default:
        false
    }
}
