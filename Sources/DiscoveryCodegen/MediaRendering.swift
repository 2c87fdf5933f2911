import DiscoverySpec

/// `<method>Media(…)` for a method whose content can be downloaded: the same arguments, `alt=media`, and the
/// runtime's `MediaDownload` as the result, which streams the content.
extension ClientFile {
    func renderDownload(
        _ method: Method, download: MediaDownloadRule, arguments: [Argument], pathArguments: [Argument],
        queryParameters: Zip2Sequence<[Parameter], [Argument]>, into writer: inout SwiftWriter
    ) {
        let name = Naming.memberName(method.name)
        let result = naming.standard("MediaDownload")
        writer.line()
        writer.documentation(
            [
                "Downloads the content of `\(name)` (`alt=media`) rather than its JSON response.",
                "`\(method.httpMethod.rawValue.uppercased()) \(download.path)?alt=media`",
                "The arguments are those of `\(name)`. The result streams the content as it arrives: write it to a file with `write(to:progress:)`, or read it whole with `data(upTo:)`.",
            ].joined(separator: "\n\n"))
        if method.isDeprecated { writer.line("@available(*, deprecated)") }
        writer.line("\(access) func \(name)Media(")
        for (index, argument) in arguments.enumerated() {
            writer.line("    " + argument.declaration + (index == arguments.count - 1 ? "" : ","))
        }
        writer.line(") async throws -> \(result) {")
        writer.indented { writer in
            let request = renderRequest(
                of: method, path: download.path, pathArguments: pathArguments, queryParameters: queryParameters,
                extraQuery: [("alt", "media")], into: &writer)
            writer.line("return try await apiClient.download(\(request), options: options)")
        }
        writer.line("}")
    }
}
