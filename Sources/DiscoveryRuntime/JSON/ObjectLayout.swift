import Foundation

/// Reads a field's value into an object's storage (the object starts at the pointer).
typealias JSONFieldReader = (UnsafeMutableRawPointer, inout JSONReader) throws -> Void
/// Writes a field's name and value unless the value is `nil`; says whether it wrote.
typealias JSONFieldWriter = (UnsafeRawPointer, inout JSONWriter) throws -> Bool

/// What the direct reader and writer need of a generated struct's table, built once per type: the readers and
/// writers of its fields, a hash table from member names to fields, and the order in which `JSONEncoder` with
/// `.sortedKeys` writes them. Immutable once built; the closures capture only immutable values.
final class ObjectLayout: @unchecked Sendable {
    let count: Int
    /// The JSON names.
    let names: [String]
    /// `"name":` for each field, as the writer writes it.
    let keys: [[UInt8]]
    let readers: [JSONFieldReader]
    let writers: [JSONFieldWriter]
    /// The fields in the byte order of their names.
    let encodingOrder: [Int]
    /// Every name's UTF-8, one after the other; field `i`'s is `nameBytes[nameStarts[i]..<nameStarts[i + 1]]`.
    private let nameBytes: [UInt8]
    private let nameStarts: [Int]
    /// Open addressing: a name's hash picks a slot, which holds its field + 1 (0 when empty), or the next ones do.
    private let slots: [Int32]
    private let slotMask: Int
    /// Fields whose name is not ASCII, which `JSONDecoder` also matches to a canonically equivalent member name.
    private let nonASCIIFields: [Int]

    init<Object: JSONObject>(_ type: Object.Type) {
        let fields = Object.jsonFields
        let names = fields.map(\.name)
        count = fields.count
        self.names = names
        keys = fields.map(\.jsonKey)
        readers = fields.map(\.readJSON)
        writers = fields.map(\.writeJSON)
        encodingOrder = fields.indices.sorted {
            fields[$0].name.utf8.lexicographicallyPrecedes(fields[$1].name.utf8)
        }
        var nameBytes: [UInt8] = []
        var nameStarts = [0]
        for name in names {
            nameBytes.append(contentsOf: name.utf8)
            nameStarts.append(nameBytes.count)
        }
        self.nameBytes = nameBytes
        self.nameStarts = nameStarts
        nonASCIIFields = names.indices.filter { !names[$0].utf8.allSatisfy { $0 < 0x80 } }

        var slotCount = 4
        while slotCount < count * 2 { slotCount *= 2 }
        var slots = [Int32](repeating: 0, count: slotCount)
        for field in 0..<count {
            let hash = nameBytes.withUnsafeBufferPointer {
                Self.hash(UnsafeBufferPointer(rebasing: $0[nameStarts[field]..<nameStarts[field + 1]]))
            }
            var slot = Int(truncatingIfNeeded: hash) & (slotCount - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slotCount - 1) }
            slots[slot] = Int32(field + 1)
        }
        self.slots = slots
        slotMask = slotCount - 1
    }

    /// The field whose JSON name is `name` (the first one, should two have it), or -1.
    @inline(__always)
    func field(named name: UnsafeBufferPointer<UInt8>) -> Int {
        var slot = Int(truncatingIfNeeded: Self.hash(name)) & slotMask
        return slots.withUnsafeBufferPointer { slots in
            nameBytes.withUnsafeBufferPointer { nameBytes in
                while true {
                    let field = Int(slots[slot]) - 1
                    if field < 0 { return nonASCIIFields.isEmpty ? -1 : canonicallyEquivalentField(name) }
                    let start = nameStarts[field]
                    let length = nameStarts[field + 1] - start
                    if length == name.count,
                        length == 0 || memcmp(nameBytes.baseAddress! + start, name.baseAddress!, length) == 0
                    {
                        return field
                    }
                    slot = (slot + 1) & slotMask
                }
            }
        }
    }

    /// A field whose non-ASCII name is canonically equivalent to `name` (`é` written as `e` and U+0301), which
    /// `JSONDecoder` matches because it compares names as `String`s.
    @inline(never)
    private func canonicallyEquivalentField(_ name: UnsafeBufferPointer<UInt8>) -> Int {
        guard name.contains(where: { $0 >= 0x80 }) else { return -1 }
        let text = String(decoding: name, as: UTF8.self)
        return nonASCIIFields.first { names[$0] == text } ?? -1
    }

    /// A hash of a name's bytes, eight at a time.
    @inline(__always)
    private static func hash(_ name: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = UInt64(truncatingIfNeeded: name.count) &* 0x9E37_79B9_7F4A_7C15
        guard let base = name.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var position = 0
        while position + 8 <= name.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            hash ^= hash >> 32
            position += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while position < name.count {
            tail |= UInt64(base[position]) << shift
            shift += 8
            position += 1
        }
        hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
        return hash ^ (hash >> 29)
    }

    // MARK: The shared layouts

    private static let shared = SharedLayouts()

    /// The layout of `type`, built the first time any task asks for it.
    static func layout<Object: JSONObject>(of type: Object.Type) -> ObjectLayout {
        let key = ObjectIdentifier(type)
        if let layout = shared.lock.withLock({ shared.layouts[key] }) { return layout }
        // Built outside the lock: reading `jsonFields` may build other tables, which look up formats.
        let layout = ObjectLayout(type)
        return shared.lock.withLock {
            if let existing = shared.layouts[key] { return existing }
            shared.layouts[key] = layout
            return layout
        }
    }
}

private final class SharedLayouts: @unchecked Sendable {
    let lock = NSLock()
    var layouts: [ObjectIdentifier: ObjectLayout] = [:]
}

/// The layouts a reader or writer has used, so that it takes the shared cache's lock once per type.
struct ObjectLayoutCache {
    private var types: [ObjectIdentifier] = []
    private var layouts: [ObjectLayout] = []

    @inline(__always)
    mutating func layout<Object: JSONObject>(of type: Object.Type) -> ObjectLayout {
        let key = ObjectIdentifier(type)
        if let index = types.firstIndex(of: key) { return layouts[index] }
        let layout = ObjectLayout.layout(of: type)
        types.append(key)
        layouts.append(layout)
        return layout
    }
}
