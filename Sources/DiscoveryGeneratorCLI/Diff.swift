import ArgumentParser
import DiscoverySpec
import SpecDiff

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed between two specs, and which changes break code that uses the generated Swift.")

    @Argument(help: "The old spec.")
    var old: String

    @Argument(help: "The new spec.")
    var new: String

    @Option(help: "markdown (for a pull-request comment), text or json.")
    var format: DiffFormat = .text

    @Flag(help: "Exit 1 when any change is breaking.")
    var failOnBreaking = false

    func run() throws {
        let specs: (old: APISpec, new: APISpec)
        do {
            specs = (try SpecLoader.load(contentsOfFile: old).spec, try SpecLoader.load(contentsOfFile: new).spec)
        } catch {
            report(error.diagnostics)
            throw ExitCode.failure
        }
        let difference = SpecDifference(from: specs.old, to: specs.new)
        print(difference.report(as: format), terminator: "")
        if failOnBreaking, difference.hasBreakingChanges { throw ExitCode.failure }
    }
}

extension DiffFormat: ExpressibleByArgument {}
