import ArgumentParser
import DiscoveryCodegen
import DiscoveryOutput
import DiscoverySpec
import DiscoveryYAML

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate specs without generating anything.")

    @Argument(help: "The spec files.")
    var specs: [String]

    func run() throws {
        var failed = false
        for path in specs {
            do {
                let loaded = try SpecLoader.load(contentsOfFile: path)
                let problems = ModuleGenerator.check(loaded.spec)
                report(loaded.warnings + problems)
                failed = failed || !problems.isEmpty
            } catch {
                report(error.diagnostics)
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}
