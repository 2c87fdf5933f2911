import DiscoveryCodegen
import DiscoverySpec
import DiscoveryYAML

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A file the generator wants on disk, with its full contents.
public struct PlannedFile: Hashable, Sendable {
    public var path: String
    public var utf8: [UInt8]

    public var contents: String { String(decoding: utf8, as: UTF8.self) }

    public init(path: String, contents: String) {
        self.init(path: path, utf8: Array(contents.utf8))
    }

    public init(path: String, utf8: [UInt8]) {
        self.path = path
        self.utf8 = utf8
    }
}

/// Where a run puts its files.
public enum Destination: Hashable, Sendable {
    /// `root/<Module>/` for each spec, as in this repository's `Generated/`.
    case moduleFolders(root: String)
    /// One spec's files directly in this folder, as the build plugin wants them.
    case folder(String)
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
    /// The folder of each module, which a run replaces as a whole.
    private var moduleFolders: [String] = []

    /// Generates every spec; throws every diagnostic of every spec on error.
    ///
    /// `config` comes from `discovery-generator-config.yaml`; `defaultAccess` applies when it names no access.
    /// `origin` is what the files' headers say about how they are produced.
    public init(
        specPaths: [String],
        destination: Destination,
        config: GeneratorConfig = .init(),
        defaultAccess: AccessModifier = .public,
        origin: GenerationOrigin = .checkedIn
    ) throws(DiagnosticsError) {
        let options = GeneratorOptions(
            access: config.access ?? defaultAccess,
            moduleName: config.module,
            clientTypeName: config.client,
            origin: origin
        )
        var errors: [Diagnostic] = []
        var modules: [String: String] = [:]
        for specPath in specPaths {
            do {
                let loaded = try SpecLoader.load(contentsOfFile: specPath)
                warnings += loaded.warnings
                let spec =
                    try config.filter.map { filter throws(DiagnosticsError) in try loaded.spec.filtered(by: filter) }
                    ?? loaded.spec
                let generated = try ModuleGenerator.generate(spec, options: options)
                let module = options.moduleName ?? spec.module
                if let other = modules[module] {
                    errors.append(.error(at: spec.moduleLocation, "module '\(module)' is also generated from \(other)"))
                    continue
                }
                modules[module] = specPath
                let folder =
                    switch destination {
                    case .moduleFolders(let root): root + "/" + module
                    case .folder(let folder): folder
                    }
                moduleFolders.append(folder)
                files += generated.map { PlannedFile(path: folder + "/" + $0.name, utf8: $0.utf8) }
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

    /// Removes every generated `.swift` file in `folder`, so that a failed build leaves nothing stale behind.
    public static func removeGeneratedFiles(in folder: String) throws {
        for name in swiftFiles(in: folder) {
            try FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }

    /// Files whose contents on disk differ from the planned ones, plus stale files.
    public func outdatedFiles() -> [String] {
        files.filter { FileManager.default.contents(atPath: $0.path) != Data($0.utf8) }.map(\.path)
            + staleFiles
    }

    /// Writes the files whose contents changed and removes stale ones; returns what it changed.
    ///
    /// Each module folder is replaced as a whole (see `ModuleFolder`), so that an interrupted run never leaves a
    /// mix of old and new files. `rewritingUnchanged` writes every file: a build system compares modification
    /// times, and an output older than its edited spec would make every later build run the generator again.
    @discardableResult
    public func write(rewritingUnchanged: Bool = false) throws -> [String] {
        var changed: [String] = []
        for folder in moduleFolders {
            let planned = files.filter { $0.path.hasPrefix(folder + "/") }
            let stale = staleFiles.filter { $0.hasPrefix(folder + "/") }
            changed += try ModuleFolder(path: folder).replace(
                with: planned, removing: stale, rewritingUnchanged: rewritingUnchanged)
        }
        return changed
    }
}
