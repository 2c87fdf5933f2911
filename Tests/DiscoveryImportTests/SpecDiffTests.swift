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
                    "methods changed orders.cancel: parameter force added (optional)",
                ])
    }

    @Test func parameters() throws {
        #expect(
            try changes([("filter: { type: string }", "filter: { type: string }\n          orderBy: { type: string }")])
                == ["methods changed orders.list: parameter orderBy added (optional)"])
        #expect(
            try changes([
                (
                    "filter: { type: string }",
                    "filter: { type: string }\n          shop: { type: string, required: true }"
                )
            ])
                == ["methods changed orders.list: parameter shop added (required) BREAKING"])
        #expect(
            try changes([("          filter: { type: string }\n", "")])
                == ["methods changed orders.list: parameter filter removed BREAKING"])
        #expect(
            try changes([("pageSize: { type: integer }", "pageSize: { type: string, format: int64 }")])
                == ["methods changed orders.list: parameter pageSize type: integer → string (int64) BREAKING"])
        #expect(
            try changes([("filter: { type: string }", "filter: { type: string, repeated: true }")])
                == ["methods changed orders.list: parameter filter type: string → string, repeated BREAKING"])
        #expect(
            try changes([("filter: { type: string }", "filter: { type: string, required: true }")])
                == [
                    "methods changed orders.list: argument order: pageSize, filter → filter, pageSize BREAKING",
                    "methods changed orders.list: parameter filter is now required BREAKING",
                ])
        #expect(
            try changes([
                (
                    "          pageSize: { type: integer }\n          filter: { type: string }\n",
                    "          filter: { type: string }\n          pageSize: { type: integer }\n"
                )
            ])
                == ["methods changed orders.list: argument order: pageSize, filter → filter, pageSize BREAKING"])
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
                "methods changed orders.list: argument order: filter, sort, pageSize → sort, pageSize, filter BREAKING",
                "methods changed orders.list: parameter filter is now optional",
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
        #expect(try changes(paging).contains("methods changed orders.list: now pages"))
        #expect(try changes(paging, reversed: true).contains("methods changed orders.list: no longer pages BREAKING"))

        let download = [
            ("        response: Order\n      list:", "        response: Order\n        mediaDownload: {}\n      list:")
        ]
        #expect(try changes(download) == ["methods changed orders.get: now downloads media"])
        #expect(
            try changes(download, reversed: true) == ["methods changed orders.get: no longer downloads media BREAKING"])

        let upload =
            "mediaUpload: { accept: [image/*], maxSize: 100, simple: \"/upload/v1/{name=orders/*}:cancel\", resumable: \"/resumable/v1/{name=orders/*}:cancel\" }"
        let withUpload = [("        request: CancelRequest\n", "        request: CancelRequest\n        \(upload)\n")]
        #expect(try changes(withUpload) == ["methods changed orders.cancel: now accepts media uploads"])
        #expect(
            try changes(withUpload, reversed: true)
                == ["methods changed orders.cancel: no longer accepts media uploads BREAKING"])
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
                "methods changed orders.cancel: accepted media: image/* → image/png BREAKING",
                "methods changed orders.cancel: largest upload: 100 bytes → 10 bytes BREAKING",
                "methods changed orders.cancel: resumable uploads removed BREAKING",
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

                ### Scopes

                - **Breaking:** removed `shop.readonly`: See your shop (its scope constant is gone, so code that uses it no longer compiles)
                - added `shop_*`: Shop \\<all\\>

                ### Methods

                - **Breaking:** changed `orders.list`: scope shop.readonly no longer allows it (apps that hold only this scope can no longer call it)

                <details>
                <summary>Scope descriptions: 1 change</summary>

                - changed `shop`: Manage your shop → Manage your shops

                </details>

                """)
        #expect(
            difference.report(as: .text) == """
                Shop API v1: revision 1 → 2
                2 breaking changes, 2 other changes.

                Scopes
                  BREAKING removed shop.readonly: See your shop (its scope constant is gone, so code that uses it no longer compiles)
                  added shop_*: Shop <all>

                Methods
                  BREAKING changed orders.list: scope shop.readonly no longer allows it (apps that hold only this scope can no longer call it)

                Scope descriptions
                  changed shop: Manage your shop → Manage your shops

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
