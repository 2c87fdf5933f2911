import Foundation
import HTTPTypes

/// A `Content-Range` field (RFC 9110): `bytes first-last/total`, `bytes first-last/*` or `bytes */total`.
package struct ContentRange: Equatable {
    package var first: Int64?
    package var last: Int64?
    package var total: Int64?

    /// Nil unless `field` is a well-formed byte range whose last byte lies inside the total.
    package init?(_ field: String?) {
        guard let field, field.lowercased().hasPrefix("bytes ") else { return nil }
        let value = field.dropFirst("bytes ".count).trimmingCharacters(in: .whitespaces)
        let halves = value.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2 else { return nil }
        if halves[1] != "*" {
            guard let total = Int64(halves[1]), total >= 0 else { return nil }
            self.total = total
        }
        if halves[0] != "*" {
            let bounds = halves[0].split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 2, let first = Int64(bounds[0]), let last = Int64(bounds[1]), first <= last,
                total.map({ last < $0 }) ?? true
            else { return nil }
            self.first = first
            self.last = last
        } else if total == nil {
            return nil
        }
    }
}

extension HTTPResponse {
    /// The validator that `If-Range` may carry to ask for the rest of this response's content only if it has not
    /// changed: a strong `ETag` (a weak one never matches there), else `Last-Modified`.
    package var rangeValidator: String? {
        if let etag = headerFields[.eTag], !etag.hasPrefix("W/"), !etag.isEmpty { return etag }
        return headerFields[.lastModified]
    }
}
