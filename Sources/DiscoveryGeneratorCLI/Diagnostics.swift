import DiscoveryYAML

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prints diagnostics to standard error, one per line, as compilers do.
func report(_ diagnostics: [Diagnostic]) {
    diagnostics.forEach { printError($0.description) }
}

func printError(_ line: String) {
    var unwritten = Array((line + "\n").utf8)[...]
    while !unwritten.isEmpty {
        let written = unwritten.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return }
        unwritten = unwritten.dropFirst(written)
    }
}

/// Why a file could not be read or written, as the system says it (`No such file or directory`): Foundation's
/// errors describe themselves as their user-info dictionaries.
func fileErrorDescription(_ error: any Error) -> String {
    let posix = error as? POSIXError ?? (error as? CocoaError)?.userInfo["NSUnderlyingError"] as? POSIXError
    guard let posix else { return "\(error)" }
    return String(cString: strerror(posix.code.rawValue))
}
