import DiscoverySpec

/// One difference between two specs, and what it means for code that uses the generated Swift.
public struct SpecChange: Hashable, Sendable, Codable {
    /// The sections of a report, in the order they are shown.
    public enum Group: String, Hashable, Sendable, Codable, CaseIterable {
        case api, scopes, methods, parameters, paging, media, schemas, enumValues
        /// Scope descriptions that changed: shown to users on the consent screen, but no change to the Swift.
        case scopeDescriptions

        public var title: String {
            switch self {
            case .api: "API"
            case .scopes: "Scopes"
            case .methods: "Methods"
            case .parameters: "Parameters"
            case .paging: "Paging"
            case .media: "Media downloads and uploads"
            case .schemas: "Schemas and fields"
            case .enumValues: "Enum values"
            case .scopeDescriptions: "Scope descriptions"
            }
        }
    }

    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case removed, changed, added
    }

    public var group: Group
    public var kind: Kind
    /// What changed: a scope URL, a method (`archiveJobs.cancel`), a field (`PortabilityArchiveState.state`).
    public var subject: String
    /// More about it: a scope's description, an enum value, `type: string → integer`.
    public var detail: String?
    /// True when code written against the old generated Swift may no longer compile or work.
    public var isBreaking: Bool
    /// Why it is breaking or not, in one line.
    public var reason: String

    public init(group: Group, kind: Kind, subject: String, detail: String? = nil, isBreaking: Bool, reason: String) {
        self.group = group
        self.kind = kind
        self.subject = subject
        self.detail = detail
        self.isBreaking = isBreaking
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case group, kind, subject, detail, isBreaking = "breaking", reason
    }
}

/// Everything that changed from one spec to another, in a stable order: by group, then removals,
/// changes and additions, then by subject.
public struct SpecDifference: Hashable, Sendable {
    public var title: String
    public var version: String
    public var oldRevision: String?
    public var newRevision: String?
    public var changes: [SpecChange]

    public var breakingCount: Int { changes.filter(\.isBreaking).count }
    public var hasBreakingChanges: Bool { changes.contains(where: \.isBreaking) }

    public init(from old: APISpec, to new: APISpec) {
        title = new.title
        version = new.version
        oldRevision = old.revision
        newRevision = new.revision
        var comparison = SpecComparison(old: old, new: new)
        comparison.compareAll()
        changes = comparison.changes.sorted { first, second in
            let firstKey = (Self.rank(of: first.group), Self.rank(of: first.kind), first.subject, first.detail ?? "")
            let secondKey = (
                Self.rank(of: second.group), Self.rank(of: second.kind), second.subject, second.detail ?? ""
            )
            return firstKey < secondKey
        }
    }

    private static func rank(of group: SpecChange.Group) -> Int {
        SpecChange.Group.allCases.firstIndex(of: group)!
    }

    private static func rank(of kind: SpecChange.Kind) -> Int {
        SpecChange.Kind.allCases.firstIndex(of: kind)!
    }
}
