/// Percent-encodes every UTF-8 byte of `text` except the RFC 3986 unreserved characters
/// `[-_.~0-9A-Za-z]`, and `/` when `keepingSlashes` is set.
///
/// The set is deliberately stricter than what URLs allow: Google's servers decode exactly this
/// form, and characters like `+`, `:` or `=` would otherwise mean different things to different proxies.
func percentEncoded(_ text: String, keepingSlashes: Bool = false) -> String {
    var encoded = ""
    for byte in text.utf8 {
        if isUnreserved(byte) || (keepingSlashes && byte == UInt8(ascii: "/")) {
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
