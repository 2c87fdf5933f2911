/// Changes that are the same but for where they are: `parameter returnPartialSuccess removed` from 138 methods is
/// one group with 138 places, which a report shows as one line.
public struct ChangeGroup: Hashable, Sendable, Encodable {
    public var group: SpecChange.Group
    public var kind: SpecChange.Kind
    public var isBreaking: Bool
    public var reason: String
    /// What changed, the same in every place: `parameter returnPartialSuccess removed`, `field kind added (string)`.
    public var change: String
    /// Where: methods (`instances.list`), types (`Instance`), enums (`Instance.status`).
    public var places: [String]
    /// The changes, one per place.
    public var changes: [SpecChange]

    /// What the places are, in the plural.
    public var placeNoun: String {
        switch group {
        case .schemas: "types"
        case .enumValues: "enums"
        default: "methods"
        }
    }

    enum CodingKeys: String, CodingKey {
        case group, kind, isBreaking = "breaking", reason, change, places
    }

    /// The changes grouped, in the order of each group's first change.
    static func grouping(_ changes: [SpecChange]) -> [ChangeGroup] {
        var groups: [ChangeGroup] = []
        var indexByKey: [GroupKey: Int] = [:]
        for change in changes {
            let (place, what) = change.placeAndChange
            let key = GroupKey(
                group: change.group, kind: change.kind, isBreaking: change.isBreaking, reason: change.reason,
                change: what)
            if let index = indexByKey[key] {
                groups[index].places.append(place)
                groups[index].changes.append(change)
            } else {
                indexByKey[key] = groups.count
                groups.append(
                    ChangeGroup(
                        group: change.group, kind: change.kind, isBreaking: change.isBreaking, reason: change.reason,
                        change: what, places: [place], changes: [change]))
            }
        }
        return groups
    }

    private struct GroupKey: Hashable {
        var group: SpecChange.Group
        var kind: SpecChange.Kind
        var isBreaking: Bool
        var reason: String
        var change: String
    }
}

extension SpecChange {
    /// The change split into where it is and what it is, so that the same change in many places groups. Changes
    /// that cannot repeat (a scope, a method or a schema added or removed) keep their subject in what they are.
    var placeAndChange: (place: String, change: String) {
        let detail = self.detail ?? ""
        switch group {
        case .methods where kind == .changed, .parameters, .paging, .media:
            return (subject, detail)
        case .schemas:
            guard let dot = subject.lastIndex(of: ".") else {
                return (subject, kind == .changed ? detail : "\(kind.rawValue) \(subject)")
            }
            let field = subject[subject.index(after: dot)...]
            let what =
                kind == .changed ? "field \(field): \(detail)" : "field \(field) \(kind.rawValue) (\(detail))"
            return (String(subject[..<dot]), what)
        case .enumValues:
            return (subject, kind == .changed ? detail : "value \(detail) \(kind.rawValue)")
        default:
            return (subject, "\(kind.rawValue) \(subject)" + (detail.isEmpty ? "" : ": \(detail)"))
        }
    }
}
