import Foundation
import PortabilityExport

/// One line on standard error, redrawn in place, that shows where the export is: the archive job's checks, or a
/// download's bytes, rate and time left. Only on a terminal: through a pipe, the report's lines say enough, and
/// standard output stays free for scripts.
final class ProgressDisplay: @unchecked Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var isShowing = false
    /// When the current file's download started, and how many bytes it had then (a resumed one has some).
    private var downloadStart: (file: Int, time: ContinuousClock.Instant, bytes: Int64)?

    func show(_ progress: ExportProgress) {
        guard isTerminal else { return }
        lock.withLock {
            let text: String
            switch progress {
            case .waitingForArchive(let checks, let nextCheckIn):
                text = "Waiting for the archive: checked \(checks) time(s), next check in \(nextCheckIn)"
            case .downloading(let file, let files, let bytes, let totalBytes):
                text = downloadLine(file: file, files: files, bytes: bytes, totalBytes: totalBytes)
            }
            write("\r\u{1B}[2K" + text)
            isShowing = true
        }
    }

    /// Removes the line, so that the next report starts on a clean one.
    func clear() {
        guard isTerminal else { return }
        lock.withLock {
            guard isShowing else { return }
            write("\r\u{1B}[2K")
            isShowing = false
        }
    }

    private func downloadLine(file: Int, files: Int, bytes: Int64, totalBytes: Int64?) -> String {
        let now = ContinuousClock.now
        if downloadStart?.file != file { downloadStart = (file, now, bytes) }
        guard let start = downloadStart else { return "" }
        let seconds = Self.seconds(start.time.duration(to: now))
        let rate = seconds > 0.5 ? Double(bytes - start.bytes) / seconds : nil
        var text = "File \(file) of \(files): \(Self.size(bytes))"
        if let totalBytes { text += " of \(Self.size(totalBytes))" }
        if let rate {
            text += ", \(Self.size(Int64(rate)))/s"
            if let totalBytes, rate > 0 {
                text += ", \(Self.time(Double(totalBytes - bytes) / rate)) left"
            }
        }
        return text
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// `512 B`, `3.4 MB`, `1.20 GB` (powers of 1000, as download tools show them).
    static func size(_ bytes: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: value < 10 ? "%.2f" : "%.1f", value) + " " + units[unit]
    }

    /// `42 s`, `3 min 5 s`, `2 h 10 min`.
    static func time(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
