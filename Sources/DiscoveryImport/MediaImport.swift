import DiscoveryYAML

/// `mediaDownload:` and `mediaUpload:` from a Discovery method's `supportsMediaDownload`,
/// `useMediaDownloadService` and `mediaUpload`.
extension DocumentConverter {
    /// The method's own path, or Google's download service (`/download` before it).
    func mediaDownload(_ method: Node, template: String) -> YAMLValue? {
        guard method["supportsMediaDownload"]?.isTrue == true else { return nil }
        guard method["useMediaDownloadService"]?.isTrue == true else { return .mapping([]) }
        return .mapping([YAMLEntry(key: "path", value: .string("/download" + template))])
    }

    /// The upload paths are the method's path behind a prefix (`/upload/drive/v3/files` for `drive/v3/files`), so
    /// they are written as that prefix before the method's template, which has the same variables.
    mutating func mediaUpload(_ method: Node, template: String, context: String) -> YAMLValue? {
        guard let upload = method["mediaUpload"] else { return nil }
        let methodPath = servicePath + (method["path"]?.text ?? "")
        var rule = YAMLMappingBuilder()
        let accept = upload["accept"]?.items.compactMap(\.text) ?? []
        rule.add("accept", .sequence((accept.isEmpty ? ["*/*"] : accept).map(YAMLValue.string)))
        if let sizeNode = upload["maxSize"], let text = sizeNode.text {
            if let bytes = Self.byteCount(text) {
                rule.add("maxSize", .integer(bytes))
            } else {
                warn(at: sizeNode.location, "the maxSize '\(text)' of \(context) is not a size; it is left out")
            }
        }
        for name in ["simple", "resumable"] {
            guard let pathNode = upload["protocols"]?[name]?["path"], let path = pathNode.text else { continue }
            guard path.hasSuffix("/" + methodPath), path.count > methodPath.count + 1 else {
                warn(
                    at: pathNode.location,
                    "the \(name) upload path '\(path)' of \(context) does not end with the method's path; it is left out"
                )
                continue
            }
            rule.add(name, .string(String(path.dropLast(methodPath.count + 1)) + template))
        }
        guard rule.entries.contains(where: { ["simple", "resumable"].contains($0.key) }) else {
            warn(at: upload.location, "\(context) has no upload path the client can use; its media upload is left out")
            return nil
        }
        return rule.value
    }

    /// `5497558138880`, `10MB` or `1GB`, the units powers of 1024 as in Google's documents.
    static func byteCount(_ text: String) -> Int64? {
        let units: [(suffix: String, factor: Int64)] = [
            ("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10),
        ]
        let unit = units.first { text.hasSuffix($0.suffix) }
        let digits = unit.map { String(text.dropLast($0.suffix.count)) } ?? text
        guard let number = Int64(digits), number > 0 else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: unit?.factor ?? 1)
        return overflow ? nil : bytes
    }
}
