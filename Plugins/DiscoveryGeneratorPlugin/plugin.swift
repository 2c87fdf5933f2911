import Foundation
import PackagePlugin

/// Generates a client at build time from the one `*.discovery.yaml` spec in a target, honouring an
/// optional `discovery-generator-config.yaml` beside it.
///
/// A build command (not a prebuild command) with the spec, the config and the tool as inputs: the build
/// system runs the generator only when one of them changed.
@main
struct DiscoveryGeneratorPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else {
            throw PluginError("target '\(target.name)' has no sources to generate into")
        }
        let files = target.sourceFiles.map(\.url)
        let specs = files.filter { $0.lastPathComponent.hasSuffix(".discovery.yaml") }
        guard specs.count == 1, let spec = specs.first else {
            let found = specs.isEmpty ? "none" : specs.map(\.lastPathComponent).joined(separator: ", ")
            throw PluginError("target '\(target.name)' must contain exactly one *.discovery.yaml spec (found \(found))")
        }
        let config = files.first { $0.lastPathComponent == "discovery-generator-config.yaml" }
        let tool = try context.tool(named: "discovery-generator")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("GeneratedSources")

        var arguments = [
            "generate", spec.path, "--module-output", output.path, "--default-access", "internal", "--build-plugin",
        ]
        if let config { arguments += ["--config", config.path] }
        return [
            .buildCommand(
                displayName: "Generating the Discovery client of \(target.name) from \(spec.lastPathComponent)",
                executable: tool.url,
                arguments: arguments,
                inputFiles: [spec] + (config.map { [$0] } ?? []),
                outputFiles: outputFileNames.map { output.appendingPathComponent($0) }
            )
        ]
    }
}

/// What the generator writes in build-plugin mode (`ModuleGenerator.buildPluginFileNames`): a large module's
/// types and resources are spread over up to eight files each, and a small module's unused ones are empty.
let outputFileNames =
    ["Client.swift", "Scopes.swift", "Types.swift"]
    + (1...8).map { "Resources\($0).swift" } + (1...8).map { "Types\($0).swift" }

struct PluginError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
