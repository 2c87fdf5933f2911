// The runtime benchmark (scripts/benchmark/runtime.py builds and runs it): a Drive v3 FileList and a single File,
// decoded and encoded by the client's direct reader and writer (JSONCoding), by the same generated types through
// JSONDecoder and JSONEncoder (how the client coded them before), and by a twin of the types with
// compiler-synthesized Codable (scripts/benchmark/codable_twin.py); and a bare scan of the bytes as the floor.
//
//   RuntimeBenchmark times LIST.json FILE.json ROUNDS FILE_ITERATIONS
//       CPU time of every operation, the operations taking turns in each round; prints one JSON object.
//   RuntimeBenchmark once OPERATION LIST.json|FILE.json ITERATIONS
//       Runs one operation ITERATIONS times in `benchRun` (callgrind counts its instructions with
//       --toggle-collect=*benchRun*) and prints the memory it took at most beyond what it started with (KiB,
//       from /proc/self/status after resetting the high-water mark), and the process's peak.
// Every operation's results are checked to be the same first: equal values, and identical bytes.
import DiscoveryRuntime
import DriveAPI
import DriveTwin
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

@_silgen_name("json_scan")
func jsonScan(_ text: UnsafePointer<UInt8>, _ length: Int) -> Int

/// glibc's: gives free heap memory back to the system, so that the next peak is the operation's own.
@_silgen_name("malloc_trim")
func mallocTrim(_ padding: Int) -> Int32

nonisolated(unsafe) var input = Data()
nonisolated(unsafe) var kept: Any?
nonisolated(unsafe) var oursList = DriveAPI.FileList()
nonisolated(unsafe) var twinList = DriveTwin.FileList()
nonisolated(unsafe) var oursFile = DriveAPI.File()
nonisolated(unsafe) var twinFile = DriveTwin.File()

let sortedEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
}()

/// The operations, on the list (`…List`) or the single file (`…File`).
let operations: [String: () throws -> Void] = [
    "decodeOursList": { kept = try JSONCoding.decode(DriveAPI.FileList.self, from: input) },
    "decodeTablesList": { kept = try JSONDecoder().decode(DriveAPI.FileList.self, from: input) },
    "decodeTwinList": { kept = try JSONDecoder().decode(DriveTwin.FileList.self, from: input) },
    "scanList": { kept = input.withUnsafeBytes { jsonScan($0.bindMemory(to: UInt8.self).baseAddress!, $0.count) } },
    "encodeOursList": { kept = try JSONCoding.encode(oursList) },
    "encodeTablesList": { kept = try sortedEncoder.encode(oursList) },
    "encodeTwinList": { kept = try sortedEncoder.encode(twinList) },
    "encodeTwinUnsortedList": { kept = try JSONEncoder().encode(twinList) },
    "decodeOursFile": { kept = try JSONCoding.decode(DriveAPI.File.self, from: input) },
    "decodeTablesFile": { kept = try JSONDecoder().decode(DriveAPI.File.self, from: input) },
    "decodeTwinFile": { kept = try JSONDecoder().decode(DriveTwin.File.self, from: input) },
    "scanFile": { kept = input.withUnsafeBytes { jsonScan($0.bindMemory(to: UInt8.self).baseAddress!, $0.count) } },
    "encodeOursFile": { kept = try JSONCoding.encode(oursFile) },
    "encodeTablesFile": { kept = try sortedEncoder.encode(oursFile) },
    "encodeTwinFile": { kept = try sortedEncoder.encode(twinFile) },
    "encodeTwinUnsortedFile": { kept = try JSONEncoder().encode(twinFile) },
]

func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

/// Reads the input and decodes what the encoders need.
func setUp(_ path: String, isList: Bool) throws {
    input = try Data(contentsOf: URL(fileURLWithPath: path))
    if isList {
        oursList = try JSONCoding.decode(DriveAPI.FileList.self, from: input)
        twinList = try JSONDecoder().decode(DriveTwin.FileList.self, from: input)
    } else {
        oursFile = try JSONCoding.decode(DriveAPI.File.self, from: input)
        twinFile = try JSONDecoder().decode(DriveTwin.File.self, from: input)
    }
}

/// The direct reader and writer give what JSONDecoder and JSONEncoder give.
func check(isList: Bool) throws {
    if isList {
        guard oursList == (try JSONDecoder().decode(DriveAPI.FileList.self, from: input)) else {
            fail("the direct reader and JSONDecoder decode the list differently")
        }
        let ours = try JSONCoding.encode(oursList)
        guard ours == (try sortedEncoder.encode(oursList)), ours == (try sortedEncoder.encode(twinList)) else {
            fail("the direct writer and JSONEncoder encode the list differently")
        }
    } else {
        guard oursFile == (try JSONDecoder().decode(DriveAPI.File.self, from: input)) else {
            fail("the direct reader and JSONDecoder decode the file differently")
        }
        let ours = try JSONCoding.encode(oursFile)
        guard ours == (try sortedEncoder.encode(oursFile)), ours == (try sortedEncoder.encode(twinFile)) else {
            fail("the direct writer and JSONEncoder encode the file differently")
        }
    }
}

nonisolated(unsafe) var benchOperation: () throws -> Void = {}
nonisolated(unsafe) var benchIterations = 1

/// What callgrind counts (--toggle-collect=*benchRun*): the operation, ITERATIONS times.
@inline(never)
func benchRun() {
    for _ in 0..<benchIterations {
        try! benchOperation()
        kept = nil
    }
}

/// `VmRSS` and `VmHWM` of this process, in KiB.
func memory() -> (current: Int, peak: Int) {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    func field(_ name: String) -> Int {
        let line = status.split(separator: "\n").first { $0.hasPrefix(name + ":") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }
    return (field("VmRSS"), field("VmHWM"))
}

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "times":
    guard arguments.count == 6, let rounds = Int(arguments[4]), let fileIterations = Int(arguments[5]) else {
        fail("usage: RuntimeBenchmark times LIST.json FILE.json ROUNDS FILE_ITERATIONS")
    }
    var results: [String: [Double]] = [:]
    for (path, isList) in [(arguments[2], true), (arguments[3], false)] {
        try setUp(path, isList: isList)
        try check(isList: isList)
        let names = operations.keys.filter { $0.hasSuffix(isList ? "List" : "File") }.sorted()
        let iterations = isList ? 1 : fileIterations
        for _ in 0..<rounds {
            for name in names {
                let operation = operations[name]!
                let start = cpuSeconds()
                for _ in 0..<iterations { try operation() }
                let seconds = cpuSeconds() - start
                kept = nil
                results[name, default: []].append(seconds / Double(iterations))
            }
        }
    }
    let json = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
case "once":
    guard arguments.count == 5, let operation = operations[arguments[2]], let iterations = Int(arguments[4]) else {
        fail("usage: RuntimeBenchmark once OPERATION LIST.json|FILE.json ITERATIONS")
    }
    try setUp(arguments[3], isList: arguments[2].hasSuffix("List"))
    benchOperation = operation
    benchIterations = iterations
    _ = mallocTrim(0)
    // Resets VmHWM to the current VmRSS (Linux 4.0 and later), so that the peak is the operation's.
    let reset = (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
    let before = memory()
    benchRun()
    let after = memory()
    print("{\"extraKiB\": \(reset ? after.peak - before.current : -1), \"peakKiB\": \(after.peak)}")
default:
    fail("usage: RuntimeBenchmark times|once …")
}
