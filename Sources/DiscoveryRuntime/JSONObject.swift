/// A generated struct: its JSON coding, equality and hashing follow one table of its fields.
///
/// The table replaces the `init(from:)`, `encode(to:)`, `==`, `hash(into:)` and `CodingKeys` that the compiler
/// would otherwise synthesize for every struct, which is most of what a large generated module costs to compile.
public protocol JSONObject: Codable, Hashable, Sendable {
    /// A value with every field `nil`; decoding starts from it.
    init()
    /// Every field, with its JSON name, in the order in which they are encoded.
    static var jsonFields: [JSONField<Self>] { get }
}

extension JSONObject {
    /// Reads the fields of the table; unknown JSON members are ignored, and a `null` member is `nil`.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: JSONKey.self)
        for field in Self.jsonFields {
            try field.decode(&self, container)
        }
    }

    /// Writes the fields that are not `nil` (Google treats `null` differently from absent).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        for field in Self.jsonFields {
            try field.encode(self, &container)
        }
    }

    /// Equal when every field is.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        jsonFields.allSatisfy { $0.isEqual(lhs, rhs) }
    }

    /// Hashes every field.
    public func hash(into hasher: inout Hasher) {
        for field in Self.jsonFields {
            field.hash(self, &hasher)
        }
    }
}

/// One field of a generated struct: its JSON name and where the struct stores it.
///
/// Key paths are immutable, so a table of them is safe to share between tasks although `KeyPath` is not
/// declared `Sendable` before Swift 6.
public struct JSONField<Object>: @unchecked Sendable {
    /// The member's name in JSON.
    public let name: String
    let decode: (inout Object, KeyedDecodingContainer<JSONKey>) throws -> Void
    let encode: (Object, inout KeyedEncodingContainer<JSONKey>) throws -> Void
    let isEqual: (Object, Object) -> Bool
    let hash: (Object, inout Hasher) -> Void

    /// A field whose JSON form is its `Codable` form.
    public static func field<Value: Codable & Hashable>(
        _ name: String, _ keyPath: WritableKeyPath<Object, Value?>
    ) -> Self {
        JSONField(
            name, keyPath,
            decode: { container, key in try container.decodeIfPresent(Value.self, forKey: key) },
            encode: { container, value, key in try container.encodeIfPresent(value, forKey: key) })
    }

    /// A field whose JSON form differs from its `Codable` form: int64 as a string, timestamps, bytes, durations.
    public static func wire<Value: JSONWireConvertible & Hashable>(
        _ name: String, _ keyPath: WritableKeyPath<Object, Value?>
    ) -> Self {
        JSONField(
            name, keyPath,
            decode: { container, key in try container.decodeWireIfPresent(Value.self, forKey: key) },
            encode: { container, value, key in try container.encodeWireIfPresent(value, forKey: key) })
    }

    /// A field stored out of line, because its type contains the struct.
    public static func boxed<Value: Codable & Hashable & Sendable>(
        _ name: String, _ keyPath: WritableKeyPath<Object, Indirect<Value>?>
    ) -> Self {
        JSONField(
            name, keyPath,
            decode: { container, key in try container.decodeIfPresent(Value.self, forKey: key).map(Indirect.init) },
            encode: { container, value, key in try container.encodeIfPresent(value?.value, forKey: key) })
    }

    /// A field stored at `keyPath` and coded by `decode` and `encode`; equality and hashing are the value's.
    private init<Value: Hashable>(
        _ name: String, _ keyPath: WritableKeyPath<Object, Value?>,
        decode: @escaping (KeyedDecodingContainer<JSONKey>, JSONKey) throws -> Value?,
        encode: @escaping (inout KeyedEncodingContainer<JSONKey>, Value?, JSONKey) throws -> Void
    ) {
        let key = JSONKey(name)
        self.name = name
        self.decode = { object, container in object[keyPath: keyPath] = try decode(container, key) }
        self.encode = { object, container in try encode(&container, object[keyPath: keyPath], key) }
        isEqual = { $0[keyPath: keyPath] == $1[keyPath: keyPath] }
        hash = { object, hasher in hasher.combine(object[keyPath: keyPath]) }
    }
}

/// A JSON member name as a coding key.
public struct JSONKey: CodingKey, Hashable, Sendable {
    public let stringValue: String

    init(_ name: String) {
        stringValue = name
    }

    public init(stringValue: String) {
        self.stringValue = stringValue
    }

    /// JSON objects have no integer keys.
    public var intValue: Int? { nil }

    /// JSON objects have no integer keys.
    public init?(intValue: Int) {
        nil
    }
}
