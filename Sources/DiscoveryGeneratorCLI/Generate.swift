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

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate Swift sources from specs; with no spec, every spec/*.yaml into Generated/<Module>/.")

    @Argument(help: "The spec files. Default: every spec/*.yaml.")
    var specs: [String] = []

    @Option(name: .shortAndLong, help: "The folder that receives one <Module>/ folder per spec.")
    var output = "Generated"

    @Option(
        help: ArgumentHelp(
            "Write the files of a single spec directly into this folder (the build plugin's mode).", valueName: "folder"
        ))
    var moduleOutput: String?

    @Option(help: "A discovery-generator-config.yaml. Default: the one in the current folder, if any.")
    var config: String?

    @Option(
        help: "The access modifier of the generated declarations: public, package or internal; overrides the config.")
    var access: AccessModifier?

    @Option(
        help: ArgumentHelp("The access modifier when neither --access nor the config names one.", visibility: .hidden))
    var defaultAccess: AccessModifier = .public

    @Flag(help: "Write nothing; exit 1 and list the files that differ from what the specs generate.")
    var check = false

    @Flag(name: .shortAndLong, help: "Say how many files were generated and changed.")
    var verbose = false

    @Flag(
        help: ArgumentHelp(
            "Run as the build plugin: the headers say so, and only errors are printed.", visibility: .hidden))
    var buildPlugin = false

    func validate() throws {
        if moduleOutput != nil, specs.count != 1 {
            throw ValidationError("--module-output takes exactly one spec")
        }
        if buildPlugin, moduleOutput == nil {
            throw ValidationError("--build-plugin needs --module-output")
        }
    }

    func run() throws {
        let specPaths = try specs.isEmpty ? defaultSpecs() : specs
        let destination = moduleOutput.map(Destination.folder) ?? .moduleFolders(root: output)
        let run: GenerationRun
        do {
            var config = try loadConfig()
            if let access { config.access = access }
            let origin: GenerationOrigin =
                buildPlugin
                ? .buildPlugin(specFileName: URL(fileURLWithPath: specPaths[0]).lastPathComponent) : .checkedIn
            run = try GenerationRun(
                specPaths: specPaths,
                destination: destination,
                config: config,
                defaultAccess: defaultAccess,
                origin: origin
            )
        } catch {
            report(error.diagnostics)
            // A build must not go on with the sources of the previous spec.
            if let moduleOutput, !check { try GenerationRun.removeGeneratedFiles(in: moduleOutput) }
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
            if verbose { print("\(run.files.count) generated files are up to date.") }
            return
        }
        let changed: [String]
        do {
            changed = try run.write(rewritingUnchanged: moduleOutput != nil)
        } catch {
            printError(
                "\(moduleOutput ?? output): error: cannot write the generated files: \(fileErrorDescription(error))")
            throw ExitCode.failure
        }
        if verbose {
            print("Generated \(run.files.count) files from \(specPaths.count) spec(s); \(changed.count) changed.")
        }
    }

    private func loadConfig() throws(DiagnosticsError) -> GeneratorConfig {
        if let config { return try GeneratorConfig.load(contentsOfFile: config) }
        guard FileManager.default.fileExists(atPath: GeneratorConfig.fileName) else { return GeneratorConfig() }
        return try GeneratorConfig.load(contentsOfFile: GeneratorConfig.fileName)
    }

    private func defaultSpecs() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "spec")) ?? []
        let specs = names.filter { $0.hasSuffix(".yaml") }.sorted().map { "spec/" + $0 }
        guard !specs.isEmpty else { throw ValidationError("no spec given, and no spec/*.yaml in the current folder") }
        return specs
    }
}

extension AccessModifier: ExpressibleByArgument {}
