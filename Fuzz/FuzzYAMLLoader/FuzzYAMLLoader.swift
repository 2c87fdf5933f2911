// libFuzzer target: arbitrary bytes into the YAML loader (libyaml events to a Node tree).
// A thrown DiagnosticsError is a normal outcome; only a crash, hang, leak or out-of-memory is a finding.
import DiscoveryYAML

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? YAMLLoader.load(Array(UnsafeBufferPointer(start: data, count: size)), file: "fuzz.yaml")
    return 0
}
