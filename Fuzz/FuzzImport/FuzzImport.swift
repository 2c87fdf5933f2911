// libFuzzer target: text into the Discovery importer (JSON to spec YAML), then the spec it writes into the
// generator. A thrown DiagnosticsError from the import is a normal outcome. Besides a crash, hang, leak or
// out-of-memory, a finding is an imported spec that `generate` rejects: the importer promises never to write one.
import DiscoveryCodegen
import DiscoveryImport
import DiscoverySpec

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let imported = try? DiscoveryImporter.importDocument(text, file: "fuzz.json") else { return 0 }
    do {
        _ = try ModuleGenerator.generate(SpecLoader.load(imported.yaml, file: "spec.yaml").spec)
    } catch {
        fatalError("the imported spec does not generate: \(error.diagnostics)\n\(imported.yaml)")
    }
    return 0
}
