import DiscoveryRuntime
import Foundation

/// Makes JSON documents from a seed value and checks that `JSONCoding` and `JSONDecoder`/`JSONEncoder` agree on them.
public struct JSONDifferential {
    private var random: DifferentialRandom
    public private(set) var disagreements: [String] = []
    public private(set) var decodedBothWays = 0
    public private(set) var failedBothWays = 0

    public init(seed: UInt64) {
        random = DifferentialRandom(seed: seed)
    }

    public mutating func check<Value: Codable & Equatable>(_ type: Value.Type, seed: Value, mutations: Int) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(seed), let tree = try? JSONDecoder().decode(JSONValue.self, from: data)
        else {
            disagreements.append("\(Value.self): the seed does not encode")
            return
        }
        compare(type, Array(data))
        for round in 0..<mutations {
            var mutated = tree
            for _ in 0...(round % 4) { mutate(&mutated, depth: 0) }
            compare(type, Array(print(mutated).utf8))
        }
    }

    private mutating func compare<Value: Codable & Equatable>(_ type: Value.Type, _ bytes: [UInt8]) {
        let data = Data(bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        let ours = Result { try JSONCoding.decode(type, from: data) }
        let theirs = Result { try JSONDecoder().decode(type, from: data) }
        switch (ours, theirs) {
        case (.success(let ours), .success(let theirs)):
            decodedBothWays += 1
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // A NaN is not equal to itself: values with one are compared by their JSON.
            guard ours == theirs || (try? encoder.encode(ours)) == (try? encoder.encode(theirs)) else {
                disagreements.append("\(Value.self) \(text): decoded to \(ours), JSONDecoder to \(theirs)")
                return
            }
            let oursBytes = Result { try JSONCoding.encode(ours) }
            let theirsBytes = Result { try encoder.encode(theirs) }
            switch (oursBytes, theirsBytes) {
            case (.success(let oursBytes), .success(let theirsBytes)) where oursBytes == theirsBytes:
                break
            case (.failure, .failure):
                break
            default:
                disagreements.append("\(Value.self) \(text): encoded as \(oursBytes), JSONEncoder as \(theirsBytes)")
            }
        case (.failure, .failure):
            failedBothWays += 1
        default:
            disagreements.append("\(Value.self) \(text): \(ours), JSONDecoder: \(theirs)")
        }
    }

    /// Changes one node somewhere in the tree.
    private mutating func mutate(_ value: inout JSONValue, depth: Int) {
        switch value {
        case .object(var members) where !members.isEmpty && random.below(4) != 0:
            let key = members.keys.sorted()[random.below(members.count)]
            mutate(&members[key]!, depth: depth + 1)
            value = .object(members)
        case .array(var elements) where !elements.isEmpty && random.below(4) != 0:
            let index = random.below(elements.count)
            mutate(&elements[index], depth: depth + 1)
            value = .array(elements)
        case .object(var members):
            switch random.below(3) {
            case 0: members["unknown\(random.below(3))"] = randomValue(depth: depth)
            case 1: if let key = members.keys.sorted().first { members[key] = nil }
            default: members[["name", "text", "size", "kind", "value"][random.below(5)]] = randomValue(depth: depth)
            }
            value = .object(members)
        default:
            value = randomValue(depth: depth)
        }
    }

    private mutating func randomValue(depth: Int) -> JSONValue {
        switch random.below(depth > 3 ? 6 : 8) {
        case 0: return .null
        case 1: return .bool(random.below(2) == 0)
        case 2: return .integer(Self.integers[random.below(Self.integers.count)])
        case 3: return .number(Self.doubles[random.below(Self.doubles.count)])
        case 4, 5: return .string(Self.strings[random.below(Self.strings.count)])
        case 6: return .array((0..<random.below(3)).map { _ in randomValue(depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<random.below(3) { members[Self.strings[random.below(8)]] = randomValue(depth: depth + 1) }
            return .object(members)
        }
    }

    static let integers: [Int64] = [
        0, 1, -1, 7, 127, 128, 255, 256, 32767, 65535, 2_147_483_647, 2_147_483_648, -2_147_483_648, -2_147_483_649,
        4_294_967_295, 4_294_967_296, 9_007_199_254_740_993, .max, .min,
    ]
    static let doubles: [Double] = [
        0.5, -0.0, 0.1, 1e-7, 1.5e300, 3.4028236e38, 1e-46, 1.8446744073709552e19, 1e21, 2.5, -1.5,
    ]
    static let strings: [String] = [
        "", "a", "hashValue", "name", "NaN", "Infinity", "-Infinity", "1.5", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "18446744073709551615", "-0", "+7", "1e3", " 1",
        "2024-01-02T03:04:05Z", "2024-01-02T03:04:05.123456789+05:30", "2024-01-02t03:04:05.1z",
        "2024-02-30T00:00:00Z", "0001-01-01T00:00:00Z", "3.5s", "-0.000000001s", "1.0000000001s", "2024-02-29",
        "2023-02-29", "+/8=", "-_8", "AQ", "A", "a.b,c", ",", "STATES_ON", "A", "init", "\u{E9}\u{1F600}\"\\/\n\u{1}",
        "e\u{301}", "\u{7F}\u{2028}",
    ]

    /// Writes the tree as JSON, in one of several equivalent ways: members in a random order, repeated
    /// with another value now and then, characters escaped or not, integers as `1`, `1.0` or `10e-1`.
    private mutating func print(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value):
            switch random.below(6) {
            case 0: return "\(value).0"
            case 1: return "\(value)e0"
            case 2: return value == 0 ? "0e-1" : "\(value)0e-1"
            default: return "\(value)"
            }
        case .number(let value):
            return random.below(2) == 0 ? "\(value)" : String(format: "%.17g", value)
        case .string(let value): return printString(value)
        case .array(let elements):
            return "[" + elements.map { print($0) }.joined(separator: random.below(2) == 0 ? "," : " ,\n ") + "]"
        case .object(let members):
            var entries = members.map { printString($0.key) + ":" + print($0.value) }
            if let first = members.first, random.below(5) == 0 {
                entries.append(printString(first.key) + ":" + print(randomValue(depth: 5)))
            }
            for index in entries.indices.reversed() where index > 0 {
                entries.swapAt(index, random.below(index + 1))
            }
            return "{" + entries.joined(separator: ",") + "}"
        }
    }

    private mutating func printString(_ text: String) -> String {
        var printed = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": printed += "\\\""
            case "\\": printed += "\\\\"
            case _ where scalar.value < 0x20 || random.below(12) == 0:
                for unit in String(scalar).utf16 { printed += "\\u" + String(format: "%04X", unit) }
            default: printed.unicodeScalars.append(scalar)
            }
        }
        return printed + "\""
    }
}

/// SplitMix64: the same documents on every run.
struct DifferentialRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func below(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
