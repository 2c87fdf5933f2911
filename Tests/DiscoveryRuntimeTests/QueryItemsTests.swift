import DiscoveryRuntime
import Foundation
import TestTransport
import Testing

/// `QueryItems.encodedQuery` is internal, so these tests read it through the request the client sends.
@Suite struct QueryItemsTests {
    private func sentPath(_ query: QueryItems) async throws -> String? {
        let transport = RecordingTransport()
        let client = APIClient(
            serverURL: URL(string: "https://example.googleapis.com/")!,
            transport: transport,
            service: ServiceInfo(apiName: "example", apiVersion: "v1", generatorVersion: "1.0.0")
        )
        var path = PathBuilder()
        path.appendLiteral("/v1/things")
        try await client.send(APIRequest(operationID: "example.things.list", method: .get, path: path, query: query))
        return try await transport.onlyCall().request.path
    }

    @Test func keepsOrderRepeatsValuesAndSkipsNil() async throws {
        var query = QueryItems()
        query.append("b", "1")
        query.append("a", nil as String?)
        query.append("r", ["x", "y"])
        query.append("n", nil as [String]?)
        query.append("c", true)
        query.append("b", "2")
        #expect(try await sentPath(query) == "/v1/things?b=1&r=x&r=y&c=true&b=2&$.xgafv=2&prettyPrint=false")
    }

    @Test func encodesValuesStrictlyAndNamesVerbatim() async throws {
        var query = QueryItems()
        query.append("filter", "a b&c=d/é+?#%~")
        #expect(
            try await sentPath(query)
                == "/v1/things?filter=a%20b%26c%3Dd%2F%C3%A9%2B%3F%23%25~&$.xgafv=2&prettyPrint=false"
        )
    }

    @Test func emptyQueryStillCarriesTheStandardParameters() async throws {
        #expect(try await sentPath(QueryItems()) == "/v1/things?$.xgafv=2&prettyPrint=false")
    }

    @Test func parameterValuesUseTheirJSONText() async throws {
        var query = QueryItems()
        query.append("i32", Int32(-5))
        query.append("u32", UInt32.max)
        query.append("i64", Int64.min)
        query.append("u64", UInt64.max)
        query.append("int", 42)
        query.append("double", 0.1)
        query.append("float", Float(1.5))
        query.append("no", false)
        query.append("time", Date(timeIntervalSince1970: 1_704_164_645.5))
        query.append("timeout", Duration.milliseconds(3500))
        query.append("bytes", Data([0xFB, 0xFF]))
        query.append("mask", ["a.b", "c"] as FieldMask)
        query.append("day", CalendarDate(year: 2024, month: 3, day: 8))
        query.append("state", State(rawValue: "NEW_STATE"))
        #expect(
            try await sentPath(query)
                == "/v1/things?i32=-5&u32=4294967295&i64=-9223372036854775808&u64=18446744073709551615&int=42"
                + "&double=0.1&float=1.5&no=false&time=2024-01-02T03%3A04%3A05.500Z&timeout=3.500s&bytes=%2B%2F8%3D"
                + "&mask=a.b%2Cc&day=2024-03-08&state=NEW_STATE&$.xgafv=2&prettyPrint=false"
        )
    }
}
