#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A generated module's folder, replaced all at once.
///
/// The new contents are assembled in a staging folder beside it, which then takes the folder's place by
/// renaming: a run that fails or is killed leaves the old files or the new ones, never a mix. Files whose
/// contents did not change are hard-linked into the staging folder, so they keep their modification times, and
/// files the generator does not own are carried over. Staging folders that a killed run left behind are removed
/// by the next run.
struct ModuleFolder {
    let path: String

    /// What names a staging folder, after `.<folder name>`.
    static let stagingMarker = ".discovery-generator-"

    /// Makes the folder hold exactly `files` and whatever the generator does not own, minus `stale`;
    /// returns the paths that changed.
    func replace(with files: [PlannedFile], removing stale: [String], rewritingUnchanged: Bool) throws -> [String] {
        let fileManager = FileManager.default
        let folder = URL(fileURLWithPath: path)
        let parent = folder.deletingLastPathComponent()
        removeLeftoverStagingFolders(in: parent, of: folder.lastPathComponent)

        let unchanged = Set(
            files.filter { fileManager.contents(atPath: $0.path) == Data($0.utf8) }.map(\.path))
        let changed = files.map(\.path).filter { !unchanged.contains($0) } + stale
        if changed.isEmpty && !rewritingUnchanged { return [] }

        let staging = parent.appendingPathComponent(
            "." + folder.lastPathComponent + Self.stagingMarker + UUID().uuidString)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            for file in files {
                let target = staging.appendingPathComponent(String(file.path.dropFirst(path.count + 1)))
                try fileManager.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if unchanged.contains(file.path) && !rewritingUnchanged {
                    try fileManager.linkItem(atPath: file.path, toPath: target.path)
                } else {
                    try Data(file.utf8).write(to: target)
                }
            }
            try carryOver(into: staging, except: Set(files.map(\.path)).union(stale))
            try swap(staging, into: folder)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
        return changed
    }

    /// Links into `staging` the top-level entries of the folder that the generator neither writes nor removes.
    private func carryOver(into staging: URL, except generated: Set<String>) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in names {
            let source = path + "/" + name
            guard !generated.contains(source), !generated.contains(where: { $0.hasPrefix(source + "/") }) else {
                continue
            }
            try FileManager.default.linkItem(atPath: source, toPath: staging.appendingPathComponent(name).path)
        }
    }

    /// Puts `staging` in the place of `folder`. Between the two renames the folder is briefly absent, never
    /// half written; the next run finishes the job.
    private func swap(_ staging: URL, into folder: URL) throws {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: folder.path) else {
            try fileManager.moveItem(at: staging, to: folder)
            return
        }
        let old = folder.deletingLastPathComponent().appendingPathComponent(
            "." + folder.lastPathComponent + Self.stagingMarker + "old-" + UUID().uuidString)
        try fileManager.moveItem(at: folder, to: old)
        try fileManager.moveItem(at: staging, to: folder)
        try fileManager.removeItem(at: old)
    }

    private func removeLeftoverStagingFolders(in parent: URL, of name: String) {
        let prefix = "." + name + Self.stagingMarker
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for leftover in names where leftover.hasPrefix(prefix) {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(leftover))
        }
    }
}
