import ArgumentParser
import DiscoveryCodegen
import DiscoveryOutput
import DiscoverySpec
import DiscoveryYAML
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate Swift sources from specs; with no spec, every spec/*.yaml into Generated/<Module>/.")

    @Argument(help: "The spec files. Default: every spec/*.yaml.")
    var specs: [String] = []

    @Option(name: .shortAndLong, help: "The folder that receives one <Module>/ folder per spec.")
    var output = "Generated"

    @Option(help: "The access modifier of the generated declarations: public, package or internal.")
    var access: AccessModifier = .public

    @Flag(help: "Write nothing; exit 1 and list the files that differ from what the specs generate.")
    var check = false

    func run() throws {
        let specPaths = try specs.isEmpty ? defaultSpecs() : specs
        let run: GenerationRun
        do {
            run = try GenerationRun(specPaths: specPaths, outputRoot: output, options: GeneratorOptions(access: access))
        } catch {
            report(error.diagnostics)
            throw ExitCode.failure
        }
        report(run.warnings)
        if check {
            let outdated = run.outdatedFiles()
            guard outdated.isEmpty else {
                printError("These files are not what the specs generate; run `swift run discovery-generator`:")
                outdated.forEach { printError("  " + $0) }
                throw ExitCode.failure
            }
            print("\(run.files.count) generated files are up to date.")
            return
        }
        let changed = try run.write()
        print("Generated \(run.files.count) files from \(specPaths.count) spec(s); \(changed.count) changed.")
    }

    private func defaultSpecs() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "spec")) ?? []
        let specs = names.filter { $0.hasSuffix(".yaml") }.sorted().map { "spec/" + $0 }
        guard !specs.isEmpty else { throw ValidationError("no spec given, and no spec/*.yaml in the current folder") }
        return specs
    }
}

extension AccessModifier: ExpressibleByArgument {}
