/// The short names of OAuth scopes, which generated scope types offer as `shortName`.
public enum ScopeNames {
    /// `https://www.googleapis.com/auth/dataportability.myactivity.youtube` of `dataportability` gives
    /// `myactivity.youtube`; a scope outside Google's prefix (`openid`) stays as it is.
    public static func shortName(of scope: String, apiName: String) -> String {
        var name = Substring(scope)
        let prefix = "https://www.googleapis.com/auth/"
        if name.hasPrefix(prefix) { name = name.dropFirst(prefix.count) }
        if name.hasPrefix(apiName + "."), name.count > apiName.count + 1 { name = name.dropFirst(apiName.count + 1) }
        return String(name)
    }
}
