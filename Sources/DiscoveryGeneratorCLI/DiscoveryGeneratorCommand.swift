import ArgumentParser
import DiscoveryCodegen

/// `discovery-generator`: a thin shell over the generator's stages.
@main
struct DiscoveryGeneratorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discovery-generator",
        abstract: "Generates Swift clients for Google REST APIs from YAML specs.",
        version: ModuleGenerator.version,
        subcommands: [Generate.self, Lint.self, Import.self, Diff.self],
        defaultSubcommand: Generate.self
    )
}
