import DiscoveryYAML
import Foundation

/// Prints diagnostics to standard error, one per line, as compilers do.
func report(_ diagnostics: [Diagnostic]) {
    diagnostics.forEach { printError($0.description) }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
