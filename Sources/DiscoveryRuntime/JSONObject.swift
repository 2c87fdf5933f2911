/// A generated struct: its JSON coding, equality and hashing follow one table of its fields.
///
/// The table replaces the `init(from:)`, `encode(to:)`, `==`, `hash(into:)` and `CodingKeys` that the compiler
/// would otherwise synthesize for every struct, which is most of what a large generated module costs to compile.
public protocol JSONObject: Codable, Hashable, Sendable {
    /// A value with every field `nil`; decoding starts from it.
    init()
    /// Every field, with its JSON name, in the order in which they are encoded.
    static var jsonFields: [JSONField<Self>] { get }
    /// The JSON names of the fields that are sent as `null` while they are `nil`, such as a field a PATCH
    /// clears; every other `nil` field is left out. ``sendNull(for:)`` adds one by its key path. Decoding leaves it
    /// empty.
    var nullFields: Set<String> { get set }
    /// The JSON names of the fields whose public property is computed over storage kept aside, by that property's
    /// key path: deprecated fields, and those stored out of line (`Indirect`). ``sendNull(for:)`` finds a field by
    /// its key path, and the table holds the storage's. Empty unless the type has such fields.
    static var fieldsStoredAside: [AnyKeyPath: String] { get }
}

extension JSONObject {
    /// No field is stored aside.
    public static var fieldsStoredAside: [AnyKeyPath: String] { [:] }
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

    /// Writes the fields that are not `nil`, and `null` for the `nil` ones in ``nullFields`` (Google treats `null`
    /// differently from absent: with PATCH, `null` clears a field).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        for field in Self.jsonFields {
            let wroteValue = try field.encode(self, &container)
            if !wroteValue, !nullFields.isEmpty, nullFields.contains(field.name) {
                try container.encodeNil(forKey: JSONKey(field.name))
            }
        }
    }

    /// Equal when every field is, and the same fields are sent as `null`.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.nullFields == rhs.nullFields && jsonFields.allSatisfy { $0.isEqual(lhs, rhs) }
    }

    /// Hashes every field, and the fields sent as `null`.
    public func hash(into hasher: inout Hasher) {
        for field in Self.jsonFields {
            field.hash(self, &hasher)
        }
        hasher.combine(nullFields)
    }

    /// Sets the field to `nil` and sends it as `null`, e.g. to clear it with PATCH:
    /// `file.sendNull(for: \.description)`.
    ///
    /// The key path must name a field of the type itself (`\.description`, not `\.owner.name`).
    public mutating func sendNull<Value>(for keyPath: WritableKeyPath<Self, Value?>) {
        self[keyPath: keyPath] = nil
        guard
            let name = Self.jsonFields.first(where: { $0.keyPath == keyPath })?.name ?? Self.fieldsStoredAside[keyPath]
        else {
            preconditionFailure("\(keyPath) is not a field of \(Self.self); insert its JSON name into nullFields")
        }
        nullFields.insert(name)
    }
}

/// One field of a generated struct: its JSON name and where the struct stores it.
///
/// Key paths are immutable, so a table of them is safe to share between tasks although `KeyPath` is not
/// declared `Sendable` before Swift 6.
///
/// Each field also carries how the client's own JSON reader and writer (``JSONCoding``) code it straight from and
/// to bytes: found once from the field's type when the table is built, so that generated code stays a table of
/// names and key paths.
public struct JSONField<Object>: @unchecked Sendable {
    /// The member's name in JSON.
    public let name: String
    /// Where the struct stores the field.
    let keyPath: AnyKeyPath
    let decode: (inout Object, KeyedDecodingContainer<JSONKey>) throws -> Void
    /// Writes the field unless it is `nil`, and says whether it did.
    let encode: (Object, inout KeyedEncodingContainer<JSONKey>) throws -> Bool
    let isEqual: (Object, Object) -> Bool
    let hash: (Object, inout Hasher) -> Void
    /// `"name":`, as the direct writer writes it.
    let jsonKey: [UInt8]
    /// Reads the member's value straight from JSON bytes into the struct's storage.
    let readJSON: JSONFieldReader
    /// Writes `"name":` and the value straight to JSON bytes, unless it is `nil`.
    let writeJSON: JSONFieldWriter

    /// A field whose JSON form is its `Codable` form.
    public static func field<Value: Codable & Hashable>(
        _ name: String, _ keyPath: WritableKeyPath<Object, Value?>
    ) -> Self {
        JSONField(
            name, keyPath,
            decode: { container, key in try container.decodeIfPresent(Value.self, forKey: key) },
            encode: { container, value, key in try container.encode(value, forKey: key) },
            format: JSONFormats.codable(Value.self) ?? CodableFallbackFormat<Value>.self)
    }

    /// A field whose JSON form differs from its `Codable` form: int64 as a string, timestamps, bytes, durations.
    public static func wire<Value: JSONWireConvertible & Hashable>(
        _ name: String, _ keyPath: WritableKeyPath<Object, Value?>
    ) -> Self {
        JSONField(
            name, keyPath,
            decode: { container, key in try container.decodeWireIfPresent(Value.self, forKey: key) },
            encode: { container, value, key in try container.encodeWire(value, forKey: key) },
            format: JSONFormats.wire(Value.self) ?? WireFallbackFormat<Value>.self)
    }

    /// A field stored out of line, because its type contains the struct.
    public static func boxed<Value: Codable & Hashable & Sendable>(
        _ name: String, _ keyPath: WritableKeyPath<Object, Indirect<Value>?>
    ) -> Self {
        JSONField(
            name, keyPath,
            decode: { container, key in try container.decodeIfPresent(Value.self, forKey: key).map(Indirect.init) },
            encode: { container, value, key in try container.encode(value.value, forKey: key) },
            format: JSONFormats.codable(Indirect<Value>.self)
                ?? IndirectFormat<Value, CodableFallbackFormat<Value>>.self)
    }

    /// A field stored at `keyPath` and coded by `decode` and `encode`, and by `format` straight from and to bytes;
    /// equality and hashing are the value's.
    private init<Value: Hashable>(
        _ name: String, _ keyPath: WritableKeyPath<Object, Value?>,
        decode: @escaping (KeyedDecodingContainer<JSONKey>, JSONKey) throws -> Value?,
        encode: @escaping (inout KeyedEncodingContainer<JSONKey>, Value, JSONKey) throws -> Void,
        format: any JSONFormat.Type
    ) {
        let key = JSONKey(name)
        self.name = name
        self.keyPath = keyPath
        self.decode = { object, container in object[keyPath: keyPath] = try decode(container, key) }
        self.encode = { object, container in
            guard let value = object[keyPath: keyPath] else { return false }
            try encode(&container, value, key)
            return true
        }
        isEqual = { $0[keyPath: keyPath] == $1[keyPath: keyPath] }
        hash = { object, hasher in hasher.combine(object[keyPath: keyPath]) }
        jsonKey = JSONWriter.key(name)
        (readJSON, writeJSON) = Self.directCoding(keyPath, format: format, key: jsonKey)
    }

    /// The direct reader and writer of the field at `keyPath`, whose values `format` reads and writes (its `Value`
    /// is the field's `Value`). A stored field is read and written at its offset in the struct; any other through
    /// the key path.
    private static func directCoding<Value, Format: JSONFormat>(
        _ keyPath: WritableKeyPath<Object, Value?>, format: Format.Type, key: [UInt8]
    ) -> (JSONFieldReader, JSONFieldWriter) {
        precondition(Format.Value.self == Value.self, "\(Format.self) does not code \(Value.self)")
        if let offset = MemoryLayout<Object>.offset(of: keyPath) {
            return (
                { storage, reader in try Format.readField(into: storage + offset, from: &reader) },
                { storage, writer in try Format.writeField(from: storage + offset, key: key, to: &writer) }
            )
        }
        return (
            { storage, reader in
                var value: Value? = nil
                try withUnsafeMutablePointer(to: &value) { try Format.readField(into: $0, from: &reader) }
                storage.assumingMemoryBound(to: Object.self).pointee[keyPath: keyPath] = value
            },
            { storage, writer in
                let value = storage.assumingMemoryBound(to: Object.self).pointee[keyPath: keyPath]
                return try withUnsafePointer(to: value) { try Format.writeField(from: $0, key: key, to: &writer) }
            }
        )
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
