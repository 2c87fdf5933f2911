/// Hand-written code beside the generated client: `initiate` takes resource groups, which are the
/// suffixes of the scopes (`myactivity.youtube` ↔ `…/auth/dataportability.myactivity.youtube`).
extension DataPortabilityScope {
    public static let resourceGroupPrefix = "https://www.googleapis.com/auth/dataportability."

    /// The resource group that this scope grants, for `InitiatePortabilityArchiveRequest.resources`.
    public var resourceGroup: String {
        rawValue.hasPrefix(Self.resourceGroupPrefix)
            ? String(rawValue.dropFirst(Self.resourceGroupPrefix.count)) : rawValue
    }
}
