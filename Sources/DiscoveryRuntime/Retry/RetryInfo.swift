import Foundation

/// `google.rpc.RetryInfo`, the detail with which a Google API says how long to wait before trying again.
enum RetryInfo {
    /// The `retryDelay` of the first RetryInfo detail of a `google.rpc.Status` error body, if any.
    static func delay(inErrorBody body: Data) -> Duration? {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: body) else { return nil }
        let detail = envelope.error.details?.first { $0.type == "type.googleapis.com/google.rpc.RetryInfo" }
        guard let text = detail?.retryDelay, let delay = try? Duration(jsonWire: text), delay >= .zero else {
            return nil
        }
        return delay
    }

    private struct Envelope: Decodable {
        struct Status: Decodable {
            var details: [Detail]?
        }
        struct Detail: Decodable {
            var type: String?
            var retryDelay: String?

            enum CodingKeys: String, CodingKey {
                case type = "@type"
                case retryDelay
            }
        }
        var error: Status
    }
}
