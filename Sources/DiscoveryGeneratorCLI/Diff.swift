import ArgumentParser
import DiscoverySpec
import SpecDiff

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed between two specs, and which changes break code that uses the generated Swift.")

    @Argument(help: "The old spec.")
    var old: String

    @Argument(help: "The new spec.")
    var new: String

    @Option(help: "markdown (for a pull-request comment), text or json.")
    var format: DiffFormat = .text

    @Option(
        help: ArgumentHelp(
            "Keep a Markdown or text report under this many bytes: the table, the scopes and the breaking changes first, the rest counted where it does not fit.",
            discussion:
                "Markdown reports default to \(Self.defaultMarkdownBytes) bytes, which fits a GitHub comment (65,536 characters); 0 means no limit."
        ))
    var maxBytes: Int?

    @Option(help: "Also write the whole report, without a byte limit, to this file (for a CI artifact).")
    var output: String?

    @Flag(help: "Exit 1 when any change is breaking.")
    var failOnBreaking = false

    static let defaultMarkdownBytes = 60_000

    func run() throws {
        let specs: (old: APISpec, new: APISpec)
        do {
            specs = (try SpecLoader.load(contentsOfFile: old).spec, try SpecLoader.load(contentsOfFile: new).spec)
        } catch {
            report(error.diagnostics)
            throw ExitCode.failure
        }
        let difference = SpecDifference(from: specs.old, to: specs.new)
        if let output {
            do {
                try Data(difference.report(as: format).utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                printError("error: cannot write the report to \(output): \(fileErrorDescription(error))")
                throw ExitCode.failure
            }
        }
        let limit = maxBytes ?? (format == .markdown ? Self.defaultMarkdownBytes : 0)
        print(difference.report(as: format, maxBytes: limit > 0 ? limit : nil, fullReport: output), terminator: "")
        if failOnBreaking, difference.hasBreakingChanges { throw ExitCode.failure }
    }
}

extension DiffFormat: ExpressibleByArgument {}
