import DiscoverySpec
import Foundation
import SpecDiff
import Testing

/// One line per change: `group kind subject: detail`, and `BREAKING` when it is.
func describe(_ difference: SpecDifference) -> [String] {
    difference.changes.map { change in
        var line = "\(change.group.rawValue) \(change.kind.rawValue) \(change.subject)"
        if let detail = change.detail { line += ": \(detail)" }
        return line + (change.isBreaking ? " BREAKING" : "")
    }
}

/// Every kind of change on a small spec, and how it is classified.
@Suite struct SyntheticDiffTests {
    static let base = """
        name: shop
        version: v1
        title: Shop API
        revision: "1"
        rootURL: https://shop.googleapis.com/
        scopes:
          https://www.googleapis.com/auth/shop: Manage your shop
          https://www.googleapis.com/auth/shop.readonly: See your shop
        resources:
          orders:
            methods:
              get:
                http: { get: "/v1/{name=orders/*}" }
                parameters:
                  name: { type: string, required: true }
                  view: { type: string, enum: [BASIC, FULL] }
                response: Order
              list:
                http: { get: /v1/orders }
                parameters:
                  pageSize: { type: integer }
                  filter: { type: string }
                response: ListOrdersResponse
                scopes: [https://www.googleapis.com/auth/shop, https://www.googleapis.com/auth/shop.readonly]
              cancel:
                http: { post: "/v1/{name=orders/*}:cancel", body: "*" }
                parameters:
                  name: { type: string, required: true }
                request: CancelRequest
                response: Order
        schemas:
          Order:
            properties:
              name: { type: string }
              total: { type: string, format: int64 }
              state: { type: string, enum: [STATE_UNSPECIFIED, OPEN, CLOSED] }
              shipping: { type: object, properties: { address: { type: string } } }
          ListOrdersResponse:
            properties:
              orders: { type: array, items: { $ref: Order } }
          CancelRequest: {}
          Status: { type: string, enum: [A, B] }

        """

    /// The changes from the base spec to the base spec with `replacements` applied, or back when `reversed`.
    private func changes(_ replacements: [(String, String)], reversed: Bool = false) throws -> [String] {
        var text = Self.base
        for (old, new) in replacements {
            try #require(text.contains(old), "the base spec has no '\(old)'")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let base = try SpecLoader.load(Self.base, file: "base.yaml").spec
        let changed = try SpecLoader.load(text, file: "changed.yaml").spec
        return describe(reversed ? SpecDifference(from: changed, to: base) : SpecDifference(from: base, to: changed))
    }

    @Test func identicalSpecsHaveNoChanges() throws {
        #expect(try changes([]) == [])
    }

    @Test func scopes() throws {
        #expect(
            try changes([
                (
                    "  https://www.googleapis.com/auth/shop.readonly: See your shop\n",
                    "  https://www.googleapis.com/auth/shop.readonly: See your shop\n  https://www.googleapis.com/auth/shop.admin: Run your shop\n"
                )
            ])
                == ["scopes added shop.admin: Run your shop"])
        #expect(
            try changes([
                ("  https://www.googleapis.com/auth/shop.readonly: See your shop\n", ""),
                (", https://www.googleapis.com/auth/shop.readonly]", "]"),
            ])
                == [
                    "scopes removed shop.readonly: See your shop BREAKING",
                    "methods changed orders.list: scope shop.readonly no longer allows it BREAKING",
                ])
        #expect(
            try changes([("Manage your shop", "Manage your shops")])
                == ["scopeDescriptions changed shop: Manage your shop → Manage your shops"])
    }

    @Test func methodsAddedAndRemoved() throws {
        #expect(
            try changes([
                (
                    "      cancel:\n",
                    "      delete:\n        http: { delete: \"/v1/{name=orders/*}\" }\n        parameters:\n          name: { type: string, required: true }\n      cancel:\n"
                )
            ])
                == ["methods added orders.delete: DELETE /v1/{name=orders/*}"])
        #expect(
            try changes([
                (
                    "orders:\n    methods:\n",
                    "orders:\n    resources:\n      items:\n        methods:\n          list:\n            http: { get: /v1/items }\n    methods:\n"
                )
            ])
                == ["methods added orders.items.list: GET /v1/items"])
        let cancel =
            "      cancel:\n        http: { post: \"/v1/{name=orders/*}:cancel\", body: \"*\" }\n        parameters:\n          name: { type: string, required: true }\n        request: CancelRequest\n        response: Order\n"
        #expect(
            try changes([(cancel, "")]) == [
                "methods removed orders.cancel: POST /v1/{name=orders/*}:cancel (body: *) BREAKING"
            ])
    }

    @Test func httpRules() throws {
        #expect(
            try changes([("get: /v1/orders", "get: /v2/orders")])
                == ["methods changed orders.list: HTTP rule: GET /v1/orders → GET /v2/orders"])
        #expect(
            try changes([("get: \"/v1/{name=orders/*}\"", "get: \"/v1/{name=shops/*/orders/*}\"")])
                == [
                    "methods changed orders.get: HTTP rule: GET /v1/{name=orders/*} → GET /v1/{name=shops/*/orders/*} BREAKING"
                ])
        #expect(
            try changes([
                ("body: \"*\" }", "body: cancellation }"),
                (
                    "          name: { type: string, required: true }\n        request:",
                    "          name: { type: string, required: true }\n          force: { type: boolean }\n        request:"
                ),
            ])
                == [
                    "methods changed orders.cancel: HTTP rule: POST /v1/{name=orders/*}:cancel (body: *) → POST /v1/{name=orders/*}:cancel (body: cancellation) BREAKING",
                    "parameters changed orders.cancel: parameter force added (optional)",
                ])
    }

    @Test func parameters() throws {
        #expect(
            try changes([("filter: { type: string }", "filter: { type: string }\n          orderBy: { type: string }")])
                == ["parameters changed orders.list: parameter orderBy added (optional)"])
        #expect(
            try changes([
                (
                    "filter: { type: string }",
                    "filter: { type: string }\n          shop: { type: string, required: true }"
                )
            ])
                == ["parameters changed orders.list: parameter shop added (required) BREAKING"])
        #expect(
            try changes([("          filter: { type: string }\n", "")])
                == ["parameters changed orders.list: parameter filter removed BREAKING"])
        #expect(
            try changes([("pageSize: { type: integer }", "pageSize: { type: string, format: int64 }")])
                == ["parameters changed orders.list: parameter pageSize type: integer → string (int64) BREAKING"])
        #expect(
            try changes([("filter: { type: string }", "filter: { type: string, repeated: true }")])
                == ["parameters changed orders.list: parameter filter type: string → string, repeated BREAKING"])
        #expect(
            try changes([("filter: { type: string }", "filter: { type: string, required: true }")])
                == [
                    "parameters changed orders.list: argument order: pageSize, filter → filter, pageSize BREAKING",
                    "parameters changed orders.list: parameter filter is now required BREAKING",
                ])
        #expect(
            try changes([
                (
                    "          pageSize: { type: integer }\n          filter: { type: string }\n",
                    "          filter: { type: string }\n          pageSize: { type: integer }\n"
                )
            ])
                == ["parameters changed orders.list: argument order: pageSize, filter → filter, pageSize BREAKING"])
    }

    @Test func optionalParametersThatBecomeOptionalDoNotBreak() throws {
        let required = try SpecLoader.load(
            Self.base.replacingOccurrences(
                of: "filter: { type: string }",
                with: "filter: { type: string, required: true }\n          sort: { type: string, required: true }"),
            file: "old.yaml"
        ).spec
        let optional = try SpecLoader.load(
            Self.base.replacingOccurrences(
                of: "filter: { type: string }",
                with: "filter: { type: string }\n          sort: { type: string, required: true }"), file: "new.yaml"
        ).spec
        #expect(
            describe(SpecDifference(from: required, to: optional)) == [
                "parameters changed orders.list: argument order: filter, sort, pageSize → sort, pageSize, filter BREAKING",
                "parameters changed orders.list: parameter filter is now optional",
            ])
    }

    @Test func requestsResponsesScopesAndDeprecation() throws {
        #expect(
            try changes([("request: CancelRequest", "request: Order")])
                == ["methods changed orders.cancel: request: CancelRequest → Order BREAKING"])
        #expect(
            try changes([("response: ListOrdersResponse", "response: Order")])
                == ["methods changed orders.list: response: ListOrdersResponse → Order BREAKING"])
        #expect(
            try changes([("        response: ListOrdersResponse\n", "")])
                == ["methods changed orders.list: response ListOrdersResponse removed BREAKING"])
        #expect(
            try changes([
                (
                    "http: { get: /v1/orders }",
                    "http: { post: /v1/orders, body: options }\n        request: CancelRequest"
                )
            ])
                == [
                    "methods changed orders.list: HTTP rule: GET /v1/orders → POST /v1/orders (body: options)",
                    "methods changed orders.list: request CancelRequest added",
                ])
        #expect(
            try changes([
                ("http: { get: /v1/orders }", "http: { post: /v1/orders, body: order }\n        request: Order")
            ])
                == [
                    "methods changed orders.list: HTTP rule: GET /v1/orders → POST /v1/orders (body: order)",
                    "methods changed orders.list: request Order added BREAKING",
                ])
        #expect(
            try changes([("        response: ListOrdersResponse\n", "")], reversed: true)
                == ["methods changed orders.list: response ListOrdersResponse added"])
        #expect(
            try changes([(", https://www.googleapis.com/auth/shop.readonly]", "]")])
                == ["methods changed orders.list: scope shop.readonly no longer allows it BREAKING"])
        #expect(
            try changes([
                (
                    "        scopes: [https://www.googleapis.com/auth/shop, https://www.googleapis.com/auth/shop.readonly]\n",
                    "        scopes: [https://www.googleapis.com/auth/shop]\n        deprecated: true\n"
                )
            ])
                == [
                    "methods changed orders.list: deprecated",
                    "methods changed orders.list: scope shop.readonly no longer allows it BREAKING",
                ])
        #expect(
            try changes([("        response: Order\n      list:", "      list:")])
                == ["methods changed orders.get: response Order removed BREAKING"])
    }

    @Test func pagingAndMedia() throws {
        let paging = [
            ("  filter: { type: string }\n", "  filter: { type: string }\n          pageToken: { type: string }\n"),
            ("response: ListOrdersResponse\n", "response: ListOrdersResponse\n        paging: { items: orders }\n"),
            (
                "orders: { type: array, items: { $ref: Order } }",
                "orders: { type: array, items: { $ref: Order } }\n      nextPageToken: { type: string }"
            ),
        ]
        #expect(try changes(paging).contains("paging changed orders.list: now pages"))
        #expect(try changes(paging, reversed: true).contains("paging changed orders.list: no longer pages BREAKING"))

        let download = [
            ("        response: Order\n      list:", "        response: Order\n        mediaDownload: {}\n      list:")
        ]
        #expect(try changes(download) == ["media changed orders.get: now downloads media"])
        #expect(
            try changes(download, reversed: true) == ["media changed orders.get: no longer downloads media BREAKING"])

        let upload =
            "mediaUpload: { accept: [image/*], maxSize: 100, simple: \"/upload/v1/{name=orders/*}:cancel\", resumable: \"/resumable/v1/{name=orders/*}:cancel\" }"
        let withUpload = [("        request: CancelRequest\n", "        request: CancelRequest\n        \(upload)\n")]
        #expect(try changes(withUpload) == ["media changed orders.cancel: now accepts media uploads"])
        #expect(
            try changes(withUpload, reversed: true)
                == ["media changed orders.cancel: no longer accepts media uploads BREAKING"])
        let narrowed = upload.replacingOccurrences(of: "[image/*], maxSize: 100", with: "[image/png], maxSize: 10")
            .replacingOccurrences(of: ", resumable: \"/resumable/v1/{name=orders/*}:cancel\"", with: "")
        let before = try SpecLoader.load(
            Self.base.replacingOccurrences(of: withUpload[0].0, with: withUpload[0].1), file: "a.yaml"
        ).spec
        let after = try SpecLoader.load(
            Self.base.replacingOccurrences(
                of: withUpload[0].0, with: "        request: CancelRequest\n        \(narrowed)\n"),
            file: "b.yaml"
        ).spec
        #expect(
            describe(SpecDifference(from: before, to: after)) == [
                "media changed orders.cancel: accepted media: image/* → image/png BREAKING",
                "media changed orders.cancel: largest upload: 100 bytes → 10 bytes BREAKING",
                "media changed orders.cancel: resumable uploads removed BREAKING",
            ])
    }

    @Test func schemasFieldsAndEnumValues() throws {
        #expect(
            try changes([
                (
                    "  CancelRequest: {}\n",
                    "  CancelRequest: {}\n  Refund:\n    properties:\n      amount: { type: number }\n"
                )
            ])
                == ["schemas added Refund"])
        #expect(
            try changes([("  Status: { type: string, enum: [A, B] }\n", "")]) == ["schemas removed Status BREAKING"])
        #expect(
            try changes([
                (
                    "  Status: { type: string, enum: [A, B] }\n",
                    "  Status: { type: object, properties: { a: { type: string } } }\n"
                )
            ])
                == ["schemas changed Status: type: enum → object BREAKING"])
        #expect(
            try changes([
                (
                    "      name: { type: string }\n      total",
                    "      name: { type: string }\n      note: { type: string }\n      total"
                )
            ])
                == ["schemas added Order.note: string"])
        #expect(
            try changes([("      name: { type: string }\n      total", "      total")])
                == ["schemas removed Order.name: string BREAKING"])
        #expect(
            try changes([("total: { type: string, format: int64 }", "total: { type: number }")])
                == ["schemas changed Order.total: type: string (int64) → number BREAKING"])
        #expect(
            try changes([
                (
                    "properties: { address: { type: string } }",
                    "properties: { address: { type: string }, city: { type: string } }"
                )
            ])
                == ["schemas added Order.shipping.city: string"])
        #expect(
            try changes([
                ("orders: { type: array, items: { $ref: Order } }", "orders: { type: array, items: { type: string } }")
            ])
                == ["schemas changed ListOrdersResponse.orders: type: array of Order → array of string BREAKING"])
        #expect(
            try changes([("enum: [STATE_UNSPECIFIED, OPEN, CLOSED]", "enum: [STATE_UNSPECIFIED, OPEN, SHIPPED]")])
                == ["enumValues removed Order.state: CLOSED BREAKING", "enumValues added Order.state: SHIPPED"])
        #expect(
            try changes([("enum: [A, B]", "enum: [A, B, C]"), ("enum: [BASIC, FULL]", "enum: [BASIC]")])
                == ["enumValues removed orders.get(view): FULL BREAKING", "enumValues added Status: C"])
    }

    @Test func apiChanges() throws {
        #expect(
            try changes([
                ("title: Shop API\n", "title: Shop API\nmodule: Store\n"),
                ("rootURL: https://shop.googleapis.com/", "rootURL: https://store.googleapis.com/"),
            ])
                == [
                    "api changed module: Shop → Store BREAKING",
                    "api changed rootURL: https://shop.googleapis.com/ → https://store.googleapis.com/",
                ])
    }

    /// The interface version a request asks for changes what the server does, not the Swift: never breaking.
    @Test func apiVersions() throws {
        let documentAndMethod = [
            (
                "rootURL: https://shop.googleapis.com/",
                "rootURL: https://shop.googleapis.com/\napiVersion: \"2025-01-01\""
            ),
            (
                "        request: CancelRequest\n",
                "        request: CancelRequest\n        apiVersion: 2026-10-01-preview\n"
            ),
        ]
        #expect(
            try changes(documentAndMethod) == [
                "api changed apiVersion: none → 2025-01-01",
                "methods changed orders.cancel: apiVersion: the API's → 2026-10-01-preview",
            ])
        #expect(
            try changes(documentAndMethod, reversed: true) == [
                "api changed apiVersion: 2025-01-01 → none",
                "methods changed orders.cancel: apiVersion: 2026-10-01-preview → the API's",
            ])
    }

    @Test func reportsInEveryFormat() throws {
        let old = try SpecLoader.load(Self.base, file: "old.yaml").spec
        let newText = Self.base
            .replacingOccurrences(of: "revision: \"1\"", with: "revision: \"2\"")
            .replacingOccurrences(
                of: "  https://www.googleapis.com/auth/shop.readonly: See your shop\n",
                with: "  https://www.googleapis.com/auth/shop_*: \"Shop <all>\"\n"
            )
            .replacingOccurrences(of: ", https://www.googleapis.com/auth/shop.readonly]", with: "]")
            .replacingOccurrences(of: "Manage your shop", with: "Manage your shops")
        let difference = SpecDifference(from: old, to: try SpecLoader.load(newText, file: "new.yaml").spec)
        #expect(
            difference.report(as: .markdown) == """
                ## Shop API v1: revision 1 → 2

                **2 breaking changes, 2 other changes.**

                | category | breaking | other |
                |---|---:|---:|
                | Scopes | 1 | 1 |
                | Methods | 1 | 0 |
                | Scope descriptions | 0 | 1 |
                | **all** | **2** | **2** |

                ### Scopes

                - **Breaking:** removed `shop.readonly`: See your shop (its scope constant is gone, so code that uses it no longer compiles)
                - added `shop_*`: Shop \\<all\\>

                <details>
                <summary>Scope descriptions: 1 change</summary>

                - changed `shop`: Manage your shop → Manage your shops

                </details>

                ### Breaking changes

                #### Methods

                - **Breaking:** changed `orders.list`: scope shop.readonly no longer allows it (apps that hold only this scope can no longer call it)

                """)
        #expect(
            difference.report(as: .text) == """
                Shop API v1: revision 1 → 2
                2 breaking changes, 2 other changes.

                Scopes              1 breaking, 1 other
                Methods             1 breaking, 0 other
                Scope descriptions  0 breaking, 1 other

                Scopes
                  BREAKING removed shop.readonly: See your shop (its scope constant is gone, so code that uses it no longer compiles)
                  added shop_*: Shop <all>

                Scope descriptions
                  changed shop: Manage your shop → Manage your shops

                Breaking changes: Methods
                  BREAKING changed orders.list: scope shop.readonly no longer allows it (apps that hold only this scope can no longer call it)

                """)
        let json = try JSONSerialization.jsonObject(with: Data(difference.report(as: .json).utf8)) as? [String: Any]
        #expect(json?["breakingCount"] as? Int == 2)
        #expect(json?["otherCount"] as? Int == 2)
        #expect(json?["newRevision"] as? String == "2")
        let first = (json?["changes"] as? [[String: Any]])?.first
        #expect(first?["group"] as? String == "scopes")
        #expect(first?["kind"] as? String == "removed")
        #expect(first?["subject"] as? String == "shop.readonly")
        #expect(first?["breaking"] as? Bool == true)
        #expect(first?["reason"] as? String == "its scope constant is gone, so code that uses it no longer compiles")
    }
}

/// How reports group repeated changes, summarize them, and stay within a byte budget.
@Suite struct DiffReportTests {
    /// A spec with `count` resources, each with a list method that takes `filter` (when `withFilter`) and a
    /// schema of its own; with `extraScope`, one scope more.
    static func spec(
        count: Int, withFilter: Bool, newField: Bool = false, distinctFields: Bool = false, extraScope: Bool = false
    ) throws -> APISpec {
        var text = """
            name: big
            version: v1
            title: Big API
            rootURL: https://big.googleapis.com/
            scopes:
              https://www.googleapis.com/auth/big: See and change everything

            """
        if extraScope { text += "  https://www.googleapis.com/auth/big.readonly: See everything\n" }
        text += "resources:\n"
        for index in 0..<count {
            text += "  r\(index):\n    methods:\n      list:\n        http: { get: /v1/r\(index) }\n"
            if withFilter { text += "        parameters:\n          filter: { type: string }\n" }
            text += "        response: Item\(index)\n"
        }
        text += "schemas:\n"
        for index in 0..<count {
            text += "  Item\(index):\n    properties:\n      name: { type: string }\n"
            if newField { text += "      etag\(distinctFields ? String(index) : ""): { type: string }\n" }
        }
        return try SpecLoader.load(text, file: "big.yaml").spec
    }

    static func bigDifference(count: Int = 40, distinctFields: Bool = false) throws -> SpecDifference {
        SpecDifference(
            from: try spec(count: count, withFilter: true),
            to: try spec(
                count: count, withFilter: false, newField: true, distinctFields: distinctFields, extraScope: true))
    }

    @Test func theSameChangeInManyPlacesIsOneLineWithItsPlacesFolded() throws {
        let difference = try Self.bigDifference(count: 3)
        let groups = difference.changeGroups
        #expect(groups.count == 3)
        let removed = try #require(groups.first { $0.group == .parameters })
        #expect(removed.change == "parameter filter removed" && removed.isBreaking)
        #expect(removed.places == ["r0.list", "r1.list", "r2.list"])
        let added = try #require(groups.first { $0.group == .schemas })
        #expect(added.change == "field etag added (string)" && added.places == ["Item0", "Item1", "Item2"])
        #expect(
            difference.report(as: .markdown) == """
                ## Big API v1: revision (none) → (none)

                **3 breaking changes, 4 other changes.**

                | category | breaking | other |
                |---|---:|---:|
                | Scopes | 0 | 1 |
                | Parameters | 3 | 0 |
                | Schemas and fields | 0 | 3 |
                | **all** | **3** | **4** |

                ### Scopes

                - added `big.readonly`: See everything

                ### Breaking changes

                #### Parameters

                - **Breaking:** parameter filter removed, in 3 methods (calls that pass it no longer compile)
                  <details><summary>the 3 methods</summary>

                  `r0.list`, `r1.list`, `r2.list`

                  </details>

                ### Other changes

                #### Schemas and fields

                - field etag added (string), in 3 types
                  <details><summary>the 3 types</summary>

                  `Item0`, `Item1`, `Item2`

                  </details>

                """)
    }

    @Test func aChangeInOnePlaceKeepsItsOwnLine() throws {
        let difference = SpecDifference(
            from: try Self.spec(count: 2, withFilter: true), to: try Self.spec(count: 2, withFilter: false))
        let once = SpecDifference(
            from: try Self.spec(count: 1, withFilter: true), to: try Self.spec(count: 1, withFilter: false))
        #expect(
            once.report(as: .text)
                == """
                Big API v1: revision (none) → (none)
                1 breaking change, 0 other changes.

                Parameters  1 breaking, 0 other

                Breaking changes: Parameters
                  BREAKING changed r0.list: parameter filter removed (calls that pass it no longer compile)

                """)
        #expect(difference.report(as: .text).contains("  BREAKING parameter filter removed, in 2 methods"))
    }

    @Test func aBudgetKeepsTheTableScopesAndBreakingChangesAndCountsTheRest() throws {
        // Each type gains a field of another name: 300 other changes that do not group.
        let difference = try Self.bigDifference(count: 300, distinctFields: true)
        let whole = difference.report(as: .markdown)
        #expect(whole.utf8.count > 6_000)
        let budgeted = difference.report(as: .markdown, maxBytes: 6_000, fullReport: "diff.md")
        #expect(budgeted.utf8.count <= 6_000)
        #expect(budgeted.contains("| **all** | **300** | **301** |"))
        #expect(budgeted.contains("- added `big.readonly`: See everything"))
        #expect(budgeted.contains("- **Breaking:** parameter filter removed, in 300 methods"))
        #expect(budgeted.contains("_Left out to keep this report under 6000 bytes: "))
        #expect(budgeted.contains("The full report is `diff.md`._"))
        // A budget too small for the breaking changes still counts every one of them.
        let tiny = difference.report(as: .markdown, maxBytes: 500)
        #expect(tiny.utf8.count <= 1_000)
        #expect(tiny.contains("| Parameters | 300 | 0 |"))
        #expect(tiny.contains("300 breaking changes and 300 other changes (counted in the table above)"))
    }

    @Test func jsonCarriesTheSummaryAndTheGroups() throws {
        let json = try Self.bigDifference(count: 2).report(as: .json)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let summary = try #require(report["summary"] as? [[String: Any]])
        #expect(summary.map { $0["group"] as? String } == ["scopes", "parameters", "schemas"])
        #expect(summary.map { $0["breaking"] as? Int } == [0, 2, 0])
        let groups = try #require(report["groups"] as? [[String: Any]])
        #expect(groups.count == 3)
        #expect(groups[1]["change"] as? String == "parameter filter removed")
        #expect(groups[1]["places"] as? [String] == ["r0.list", "r1.list"])
        #expect(groups[1]["breaking"] as? Bool == true)
        #expect((report["changes"] as? [Any])?.count == 5)
    }
}
