import DiscoveryCodegen
import DiscoverySpec
import DiscoveryYAML
import Testing

/// aiplatform has a method and a resource both named `responses` in one resource: Swift allows a
/// property `responses` beside a method `responses(endpoint:)`, but not beside `responses()`.
@Suite struct MethodResourceNameTests {
    private func spec(methodParameters: String) -> String {
        """
        name: demo
        version: v1
        title: Demo API
        rootURL: https://demo.googleapis.com/
        resources:
          v1:
            methods:
              responses:
                http: { get: /v1/responses }
        \(methodParameters)
            resources:
              responses:
                methods:
                  compact:
                    http: { post: /v1/responses:compact }

        """
    }

    @Test func aMethodWithArgumentsMayShareItsNameWithAResource() throws {
        let loaded = try SpecLoader.load(
            spec(methodParameters: "        parameters:\n          filter: { type: string }"), file: "demo.yaml")
        try SwiftTypeChecker.typeCheck(ModuleGenerator.generate(loaded.spec), module: "Demo")
    }

    @Test func aMethodWithoutArgumentsMayNot() throws {
        let loaded = try SpecLoader.load(spec(methodParameters: ""), file: "demo.yaml")
        #expect(
            ModuleGenerator.check(loaded.spec).map(\.description) == [
                "demo.yaml:12:7: error: resource 'responses' and method 'responses' (line 8) both become 'responses' in resource 'v1'"
            ])
    }
}
