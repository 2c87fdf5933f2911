import DiscoveryCodegen
import Foundation

/// Type-checks generated Swift with the toolchain that runs the tests, against the runtime modules that
/// `swift build` put next to the test bundle.
enum SwiftTypeChecker {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Type-checks the Swift files of a generated module (not its documentation catalog).
    static func typeCheck(_ files: [GeneratedFile], module: String) throws {
        try typeCheck(
            sources: files.filter { $0.name.hasSuffix(".swift") }.map { ($0.name, $0.contents) }, module: module)
    }

    /// Writes the sources to a temporary folder and runs `swiftc -typecheck` on them as module `module`.
    static func typeCheck(sources: [(name: String, contents: String)], module: String) throws {
        let swiftc = try compiler()
        let modules = try runtimeModules()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("typecheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try sources.map { file in
            let url = folder.appendingPathComponent(file.name)
            try Data(file.contents.utf8).write(to: url)
            return url.path
        }
        let process = Process()
        process.executableURL = swiftc
        process.arguments = ["-typecheck", "-module-name", module, "-I", modules.path] + paths
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let log = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "swiftc -typecheck failed:\n" + String(decoding: log.prefix(8000), as: UTF8.self))
        }
    }

    /// `SWIFTC` when set; else the `swiftc` of the toolchain whose runtime this process runs on (Linux),
    /// or the one `xcrun` selects (macOS).
    static func compiler() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["SWIFTC"] { return URL(fileURLWithPath: path) }
        #if os(Linux)
            // Read to the end: /proc files report a size of 0, which whole-file readers trust.
            let maps = String(
                decoding: FileHandle(forReadingAtPath: "/proc/self/maps")?.readDataToEndOfFile() ?? Data(),
                as: UTF8.self)
            if let line = maps.split(separator: "\n").first(where: { $0.hasSuffix("/libswiftCore.so") }),
                let start = line.firstIndex(of: "/")
            {
                // <toolchain>/usr/lib/swift/linux/libswiftCore.so → <toolchain>/usr/bin/swiftc
                let library = URL(fileURLWithPath: String(line[start...]))
                let swiftc = library.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent().appendingPathComponent("bin/swiftc")
                if FileManager.default.isExecutableFile(atPath: swiftc.path) { return swiftc }
            }
        #else
            let xcrun = Process()
            xcrun.executableURL = URL(fileURLWithPath: "/usr/bin/xcrun")
            xcrun.arguments = ["--find", "swiftc"]
            let output = Pipe()
            xcrun.standardOutput = output
            if (try? xcrun.run()) != nil {
                let path = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                xcrun.waitUntilExit()
                if xcrun.terminationStatus == 0, !path.isEmpty { return URL(fileURLWithPath: path) }
            }
        #endif
        throw Failure(description: "cannot find swiftc next to the running toolchain; set SWIFTC")
    }

    /// The folder with `DiscoveryRuntime.swiftmodule`: `Modules/` in the build folder that holds the test
    /// bundle (or the build folder itself, as older SwiftPM versions lay it out).
    static func runtimeModules() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["DISCOVERY_RUNTIME_MODULES"] {
            return URL(fileURLWithPath: path)
        }
        // The folders of the test bundle (macOS) and the test executable (Linux), then the default build folder.
        let startFolders = [
            Bundle(for: BundleAnchor.self).bundleURL.deletingLastPathComponent(),
            Bundle.main.executableURL?.deletingLastPathComponent(),
            packageRoot.appendingPathComponent(".build/debug"),
        ]
        for start in startFolders.compactMap({ $0 }) {
            var folder = start
            for _ in 0..<4 {
                for candidate in [folder.appendingPathComponent("Modules"), folder]
                where FileManager.default.fileExists(
                    atPath: candidate.appendingPathComponent("DiscoveryRuntime.swiftmodule").path)
                {
                    return candidate
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        throw Failure(
            description: "cannot find DiscoveryRuntime.swiftmodule near the test bundle; set DISCOVERY_RUNTIME_MODULES")
    }
}

private final class BundleAnchor {}
