import DiscoveryRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime
import TestTransport
import Testing

/// JSON the way the client sends it: sorted keys, slashes unescaped.
func encodedJSON(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

func decodedJSON<Value: Decodable>(_ type: Value.Type, from json: String) throws -> Value {
    try JSONDecoder().decode(type, from: Data(json.utf8))
}

/// Checks that `work` throws `DecodingError.dataCorrupted` and returns its context.
@discardableResult
func expectDataCorrupted(
    sourceLocation: SourceLocation = #_sourceLocation,
    _ work: () throws -> Void
) -> DecodingError.Context? {
    let error = #expect(throws: DecodingError.self, sourceLocation: sourceLocation) { try work() }
    guard case .dataCorrupted(let context)? = error else {
        Issue.record("expected dataCorrupted, got \(String(describing: error))", sourceLocation: sourceLocation)
        return nil
    }
    return context
}
