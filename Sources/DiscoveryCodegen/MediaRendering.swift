import DiscoverySpec

/// `<method>Media(…)` for a method whose content can be downloaded: the same arguments, `alt=media`, and the
/// runtime's `MediaDownload` as the result, which streams the content. `<method>Upload(…)` for a method that
/// takes content: the same arguments and `media:`, sent by the runtime's upload protocols.
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
        renderSignature(name + "Media", arguments, ending: " async throws -> \(result)", into: &writer)
        writer.indented { writer in
            let request = renderRequest(
                of: method, path: download.path, pathArguments: pathArguments, queryParameters: queryParameters,
                extraQuery: [("alt", "media")], into: &writer)
            writer.line("return try await apiClient.download(\(request), options: options)")
        }
        writer.line("}")
    }

    func renderUpload(
        _ method: Method, upload: MediaUploadRule, arguments: [Argument], pathArguments: [Argument],
        queryParameters: Zip2Sequence<[Parameter], [Argument]>, response: String?, into writer: inout SwiftWriter
    ) {
        let name = Naming.memberName(method.name)
        let verb = method.httpMethod.rawValue.uppercased()
        let paths = [
            upload.simplePath.map { "`\(verb) \($0)` (one request)" },
            upload.resumablePath.map { "`\(verb) \($0)` (resumable)" },
        ]
        .compactMap { $0 }
        var limits = "Accepts " + upload.accept.map { "`\($0)`" }.joined(separator: ", ")
        if let maxSize = upload.maxSize { limits += ", up to \(maxSize) bytes" }
        writer.line()
        writer.documentation(
            [
                "Uploads content with `\(name)`"
                    + (method.request != nil ? ", the request being its metadata." : "."),
                paths.joined(separator: ", "),
                limits + "; other content fails before anything is sent.",
                "The arguments are those of `\(name)`, and `media`.",
            ].joined(separator: "\n\n"))
        if method.isDeprecated { writer.line("@available(*, deprecated)") }
        renderSignature(
            name + "Upload", arguments, ending: " async throws" + (response.map { " -> \($0)" } ?? ""), into: &writer)
        writer.indented { writer in
            let mainPath = upload.simplePath ?? upload.resumablePath ?? method.path
            let request = renderRequest(
                of: method, path: mainPath, pathArguments: pathArguments, queryParameters: queryParameters,
                into: &writer)
            var resumable = upload.resumablePath == nil ? "nil" : "path"
            if let resumablePath = upload.resumablePath, upload.simplePath != nil {
                renderPath(resumablePath, named: "resumablePath", pathArguments: pathArguments, into: &writer)
                resumable = "resumablePath"
            }
            let accept = upload.accept.map(SwiftText.literal).joined(separator: ", ")
            let endpoints =
                "\(naming.standard("MediaUploadEndpoints"))(simplePath: \(upload.simplePath == nil ? "nil" : "path"), resumablePath: \(resumable), accept: [\(accept)], maxSize: \(upload.maxSize.map(String.init) ?? "nil"))"
            writer.line("\(response == nil ? "" : "return ")try await apiClient.upload(")
            writer.line("    \(request),")
            writer.line("    media: media,")
            writer.line("    to: \(endpoints),")
            if let response { writer.line("    returning: \(response).self,") }
            writer.line("    options: options")
            writer.line(")")
        }
        writer.line("}")
    }
}
