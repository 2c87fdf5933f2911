import DiscoveryRuntime
import Foundation
import Testing

@Suite struct TransportTargetTests {
    @Test func aWholeURLSplitsIntoOriginAndPathWithQuery() {
        let session = URL(string: "https://www.googleapis.com/upload/drive/v3/files?upload_id=a%2Fb&x=1#f")!
        #expect(session.transportTarget.baseURL.absoluteString == "https://www.googleapis.com")
        #expect(session.transportTarget.path == "/upload/drive/v3/files?upload_id=a%2Fb&x=1")
        let local = URL(string: "http://127.0.0.1:8080")!
        #expect(local.transportTarget.baseURL.absoluteString == "http://127.0.0.1:8080")
        #expect(local.transportTarget.path == "/")
    }
}
