// libFuzzer target: bytes into the client's direct JSON reader (`JSONCoding.decode`), as the torture fixture's and Data
// Portability's generated types, `JSONValue` and a dictionary of them. An error is a normal outcome. Besides a
// crash, hang, leak or out-of-memory, a finding is a document that decodes but whose value then does not round-trip
// (encoded, decoded and encoded again, the JSON differs), that `JSONEncoder` with sorted keys would encode
// differently, or that `JSONDecoder` refuses or decodes to another value (the direct reader is the stricter one: it
// may refuse what `JSONDecoder` lets through, such as a trailing comma, never the other way round).
import DataPortability
import DiscoveryRuntime
import Foundation
import Torture

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Foundation.Data(UnsafeBufferPointer(start: data, count: size))
    check(AllTypes.self, bytes)
    check(Folder.self, bytes)
    check(ConformanceNames.self, bytes)
    check(SearchPage.self, bytes)
    check(Keywords.self, bytes)
    check(PortabilityArchiveState.self, bytes)
    check(InitiatePortabilityArchiveRequest.self, bytes)
    check(JSONValue.self, bytes)
    check(StructRequest.self, bytes)
    check([DetectionsElement].self, bytes)
    return 0
}

private let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
}()

private func check<Value: Codable & Equatable>(_ type: Value.Type, _ bytes: Foundation.Data) {
    guard let value = try? JSONCoding.decode(type, from: bytes) else { return }
    let text = Swift.String(decoding: bytes, as: UTF8.self)
    let encoded: Foundation.Data
    do {
        encoded = try JSONCoding.encode(value)
    } catch {
        fatalError("\(Value.self): a decoded value does not encode: \(error)\n\(value)\n\(text)")
    }
    guard let decodedAgain = try? JSONCoding.decode(type, from: encoded),
        let encodedAgain = try? JSONCoding.encode(decodedAgain), sameJSON(encodedAgain, encoded)
    else {
        fatalError(
            "\(Value.self): the value does not round-trip\n\(value)\n\(Swift.String(decoding: encoded, as: UTF8.self))")
    }
    guard (try? encoder.encode(value)) == encoded else {
        fatalError(
            "\(Value.self): JSONEncoder writes another text than\n\(Swift.String(decoding: encoded, as: UTF8.self))")
    }
    guard let theirs = try? JSONDecoder().decode(type, from: bytes) else {
        fatalError("\(Value.self): JSONDecoder refuses a document that the direct reader decodes\n\(text)")
    }
    // A NaN is not equal to itself: values with one are compared by their JSON.
    guard theirs == value || (try? encoder.encode(theirs)) == encoded else {
        fatalError("\(Value.self): JSONDecoder decodes to another value\n\(value)\n\(theirs)\n\(text)")
    }
}

/// The same bytes, or the same JSON but for how numbers are written: a `JSONValue` number that is a whole number is
/// written without a fraction (`1.847370904678832e+16`) and then read back as an `integer` (`18473709046788320`), as it
/// is through `JSONDecoder` and `JSONEncoder`.
private func sameJSON(_ first: Foundation.Data, _ second: Foundation.Data) -> Bool {
    if first == second { return true }
    guard let first = try? JSONSerialization.jsonObject(with: first, options: .fragmentsAllowed) as? NSObject,
        let second = try? JSONSerialization.jsonObject(with: second, options: .fragmentsAllowed) as? NSObject
    else { return false }
    return first.isEqual(second)
}
