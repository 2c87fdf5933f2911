import ArgumentParser
import DiscoveryCodegen
import DiscoveryOutput
import DiscoverySpec
import DiscoveryYAML

import Foundation

/// `discovery-generator`: a thin shell over the generator's stages.
@main
struct DiscoveryGeneratorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discovery-generator",
        abstract: "Generates Swift clients for Google REST APIs from YAML specs.",
        version: ModuleGenerator.version,
        subcommands: [Generate.self, Lint.self],
        defaultSubcommand: Generate.self
    )
}

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

extension AccessModifier: ExpressibleByArgument {}

private func report(_ diagnostics: [Diagnostic]) {
    diagnostics.forEach { printError($0.description) }
}

private func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
