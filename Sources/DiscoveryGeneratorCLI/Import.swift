import ArgumentParser
import DiscoveryImport

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a Google Discovery document (JSON) into a spec.",
        discussion: "Warnings say what the spec format cannot hold and how it was mapped. On error nothing is written.")

    @Argument(help: "The Discovery document, such as dataportability-v1.json.")
    var document: String

    @Option(
        name: .shortAndLong,
        help: "The spec file to write, such as spec/dataportability.yaml. Default: standard output.")
    var output: String?

    @Option(
        help:
            "The module name to write, instead of the one derived from the document's name or title; keeps a module's name when Google renames the API."
    )
    var module: String?

    @Option(
        help:
            "Where Google publishes the document, such as https://dataportability.googleapis.com/$discovery/rest?version=v1; written into the spec, so that scripts/refresh-apis.sh can fetch newer revisions."
    )
    var discoveryURL: String?

    func run() throws {
        let result: DiscoveryImporter.Result
        do {
            result = try DiscoveryImporter.importDocument(
                contentsOfFile: document, module: module, discoveryURL: discoveryURL)
        } catch {
            report(error.diagnostics)
            throw ExitCode.failure
        }
        report(result.warnings)
        guard let output else {
            print(result.yaml, terminator: "")
            return
        }
        do {
            // The spec's folder is made as `generate` makes its output folders (`-o spec/new.yaml` in a fresh clone).
            let url = URL(fileURLWithPath: output)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Atomic: a reader never sees half a spec, and a failed write leaves the old one.
            try Data(result.yaml.utf8).write(to: url, options: .atomic)
        } catch {
            printError("\(output): error: cannot write the spec: \(fileErrorDescription(error))")
            throw ExitCode.failure
        }
    }
}
