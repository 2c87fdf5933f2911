import DiscoveryCodegen
import DiscoverySpec
import DiscoveryYAML

import Foundation

/// A file the generator wants on disk, with its full contents.
public struct PlannedFile: Hashable, Sendable {
    public var path: String
    public var contents: String
}

/// The files stage: turns specs into the exact set of files an output folder must hold, then writes
/// or checks them. Everything is generated before anything is written, so an error in any spec
/// leaves every folder as it was.
public struct GenerationRun: Sendable {
    /// Every file to write, in a stable order.
    public private(set) var files: [PlannedFile] = []
    /// Generated `.swift` files in the output folders that the specs no longer produce.
    public private(set) var staleFiles: [String] = []
    /// Warnings from every spec.
    public private(set) var warnings: [Diagnostic] = []

    /// Generates every spec into `outputRoot/<Module>/`; throws every diagnostic of every spec on error.
    public init(specPaths: [String], outputRoot: String, options: GeneratorOptions = .init()) throws(DiagnosticsError) {
        var errors: [Diagnostic] = []
        var modules: [String: String] = [:]
        for specPath in specPaths {
            do {
                let loaded = try SpecLoader.load(contentsOfFile: specPath)
                warnings += loaded.warnings
                let generated = try ModuleGenerator.generate(loaded.spec, specPath: specPath, options: options)
                let module = options.moduleName ?? loaded.spec.module
                if let other = modules[module] {
                    errors.append(.error(at: loaded.spec.moduleLocation, "module '\(module)' is also generated from \(other)"))
                    continue
                }
                modules[module] = specPath
                let folder = outputRoot + "/" + module
                files += generated.map { PlannedFile(path: folder + "/" + $0.name, contents: $0.contents) }
                let produced = Set(generated.map(\.name))
                staleFiles += Self.swiftFiles(in: folder).filter { !produced.contains($0) }.map { folder + "/" + $0 }
            } catch {
                errors += error.diagnostics
            }
        }
        guard errors.filter({ $0.severity == .error }).isEmpty else { throw DiagnosticsError(errors + warnings) }
    }

    private static func swiftFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".swift") }.sorted()
    }

    /// Files whose contents on disk differ from the planned ones, plus stale files.
    public func outdatedFiles() -> [String] {
        files.filter { FileManager.default.contents(atPath: $0.path) != Data($0.contents.utf8) }.map(\.path) + staleFiles
    }

    /// Writes the files whose contents changed and removes stale ones; returns what it changed.
    @discardableResult
    public func write() throws -> [String] {
        var changed: [String] = []
        for file in files where FileManager.default.contents(atPath: file.path) != Data(file.contents.utf8) {
            let url = URL(fileURLWithPath: file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url, options: .atomic)
            changed.append(file.path)
        }
        for path in staleFiles {
            try FileManager.default.removeItem(atPath: path)
            changed.append(path)
        }
        return changed
    }
}
