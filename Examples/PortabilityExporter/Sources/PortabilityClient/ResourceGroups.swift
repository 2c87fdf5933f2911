/// Code beside the generated client: `initiate` takes resource groups, which are the generated short names of
/// the scopes (`myactivity.youtube` ↔ `…/auth/dataportability.myactivity.youtube`).
extension DataPortabilityScope {
    /// The resource group that this scope grants, for `InitiatePortabilityArchiveRequest.resources`.
    public var resourceGroup: String { shortName }
}
