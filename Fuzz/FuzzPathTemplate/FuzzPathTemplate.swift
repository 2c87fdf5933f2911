// libFuzzer target: text into the path template parser, and what the generator does with a parsed template.
// A thrown PathTemplateError is a normal outcome. Besides a crash, hang or leak, a finding is a template whose
// canonical text (`description`) does not parse back to the same template.
import DiscoverySpec

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let template = try? PathTemplate(parsing: text) else { return 0 }
    for variable in template.variables {
        _ = (variable.fieldName, variable.segmentTemplate, variable.matchesMultipleSegments)
    }
    if template.anonymousWildcardOffset == nil {
        _ = template.pieces
    }
    guard let reparsed = try? PathTemplate(parsing: template.description) else {
        fatalError("the canonical text \(template.description) of \(text) does not parse")
    }
    guard reparsed.description == template.description, reparsed.verb == template.verb,
        (reparsed.anonymousWildcardOffset == nil) == (template.anonymousWildcardOffset == nil),
        reparsed.variables.map(\.fieldPath) == template.variables.map(\.fieldPath),
        reparsed.variables.map(\.segments) == template.variables.map(\.segments)
    else {
        fatalError("\(text) and its canonical text \(template.description) parse differently")
    }
    return 0
}
