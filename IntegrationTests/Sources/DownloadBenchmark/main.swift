import Foundation
import OpenAPIAsyncHTTPClient
import PortabilityExport

// `download-benchmark URL FOLDER`: downloads URL into FOLDER as portability-export does on Linux (its Downloader
// through AsyncHTTPClientTransport), and prints the size, the time, and the process's peak resident memory as
// Linux counts it (VmHWM). scripts/benchmark-download.sh runs it against a local server under /usr/bin/time.

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: download-benchmark URL FOLDER\n".utf8))
    exit(2)
}
let started = ContinuousClock.now
do {
    let downloader = Downloader(transport: AsyncHTTPClientTransport(), report: { print($0) })
    let file = try await downloader.download(arguments[1], index: 0, into: URL(fileURLWithPath: arguments[2]))
    let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value ?? -1
    let elapsed = started.duration(to: .now).components
    let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.map(String.init) ?? "VmHWM: ?"
    print("file: \(file.path)")
    print("bytes: \(size)")
    print(String(format: "seconds: %.2f", seconds))
    print(peak.replacingOccurrences(of: "\t", with: " "))
} catch {
    FileHandle.standardError.write(Data("download-benchmark: \(error)\n".utf8))
    exit(1)
}
