// libFuzzer target: text into the whole spec pipeline, as `discovery-generator generate` runs it: load, parse and
// validate the spec, then generate the module's Swift files.
// A thrown DiagnosticsError is a normal outcome; only a crash, hang, leak or out-of-memory is a finding.
import DiscoveryCodegen
import DiscoverySpec

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let loaded = try? SpecLoader.load(text, file: "fuzz.yaml") {
        _ = try? ModuleGenerator.generate(loaded.spec)
    }
    return 0
}
