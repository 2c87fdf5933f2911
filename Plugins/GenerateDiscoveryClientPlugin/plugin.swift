import Foundation
import PackagePlugin

/// `swift package generate-discovery-client`: regenerates `Generated/<Module>/` from `spec/*.yaml` in
/// the package, for packages that check their generated code in so that reviewers see its diff.
@main
struct GenerateDiscoveryClientPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) throws {
        let package = context.package.directoryURL
        let tool = try context.tool(named: "discovery-generator")
        let process = Process()
        process.executableURL = tool.url
        process.currentDirectoryURL = package
        // With no spec named, the tool reads spec/*.yaml and discovery-generator-config.yaml of the current folder.
        process.arguments = ["generate"] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError("discovery-generator failed with exit status \(process.terminationStatus)")
        }
    }
}

struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
