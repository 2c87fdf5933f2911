/// Stores a value out of line, so that a generated struct can contain its own type.
///
/// Swift value types cannot contain themselves, even optionally; schemas that refer to themselves
/// (a folder with a parent folder) keep such fields in an `Indirect` behind a plain property.
public struct Indirect<Value: Hashable & Sendable>: Hashable, Sendable {
    private final class Box: Sendable {
        let value: Value

        init(_ value: Value) {
            self.value = value
        }
    }

    private let box: Box

    /// Stores `value` out of line.
    public init(_ value: Value) {
        box = Box(value)
    }

    /// The stored value.
    public var value: Value { box.value }

    /// Compares the stored values, not the storage.
    public static func == (lhs: Indirect, rhs: Indirect) -> Bool {
        lhs.value == rhs.value
    }

    /// Hashes the stored value.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }
}
