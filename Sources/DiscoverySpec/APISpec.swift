import DiscoveryYAML

/// A validated API description: what the generator renders.
///
/// Every element keeps the location it was written at, so that later stages (naming, generation)
/// can still point into the user's file.
public struct APISpec: Hashable, Sendable {
    public var file: String
    public var name: String
    public var version: String
    public var title: String
    public var description: String?
    public var revision: String?
    /// Where Google publishes the Discovery document the spec was imported from; for refreshing it.
    public var discoveryURL: String?
    /// The version of the API's interface that every method asks for (`x-goog-api-version`), unless a method
    /// names its own; Discovery's `apiVersion`.
    public var apiVersion: String?
    public var rootURL: String
    /// The root for mutual TLS, such as `https://compute.mtls.googleapis.com/`.
    public var mtlsRootURL: String?
    /// Regional or locational roots by location (`us-central1` → `https://compute.us-central1.rep.googleapis.com/`).
    public var endpoints: [Endpoint]
    public var documentation: String?
    /// The Swift module the generated code is meant for; also prefixes the client type.
    public var module: String
    public var moduleLocation: SourceLocation
    public var scopes: [Scope]
    /// Methods directly on the API, outside any resource.
    public var methods: [Method]
    public var resources: [Resource]
    public var schemas: [Schema]

    /// Every method, depth first, in spec order.
    public var allMethods: [Method] {
        methods + resources.flatMap(\.allMethods)
    }

    public func schema(named name: String) -> Schema? {
        schemas.first { $0.name == name }
    }
}

/// The schemas of a spec by name, for the stages that look one up per method or field: `schema(named:)`
/// searches the list.
public struct SchemasByName: Sendable {
    private let schemas: [Schema]
    private let positions: [String: Int]

    public init(_ schemas: [Schema]) {
        self.schemas = schemas
        positions = Dictionary(zip(schemas.map(\.name), schemas.indices), uniquingKeysWith: { first, _ in first })
    }

    /// The first schema of that name, as `schema(named:)` finds it.
    public subscript(name: String) -> Schema? {
        positions[name].map { schemas[$0] }
    }
}

/// A root URL that keeps requests in one location.
public struct Endpoint: Hashable, Sendable {
    public var location: String
    public var url: String
    public var sourceLocation: SourceLocation
}

/// An OAuth 2.0 scope the API accepts.
public struct Scope: Hashable, Sendable {
    public var url: String
    public var description: String
    public var location: SourceLocation
}

/// A group of methods, such as `archiveJobs`; resources nest.
public struct Resource: Hashable, Sendable {
    public var name: String
    public var location: SourceLocation
    public var methods: [Method]
    public var resources: [Resource]

    public var allMethods: [Method] {
        methods + resources.flatMap(\.allMethods)
    }
}

public enum HTTPMethod: String, Hashable, Sendable, CaseIterable {
    case get, put, post, delete, patch
}

/// Where a request's JSON body comes from, per `google.api.HttpRule.body`.
public enum RequestBody: Hashable, Sendable {
    /// No body: every parameter not bound to the path is a query parameter.
    case none
    /// `body: "*"`: the request schema is the whole body; no query parameters remain.
    case wholeRequest
    /// `body: "name"`: the request schema is the body, passed as the argument `name`; other parameters go to the query.
    case field(String)
}

/// One API method and its HTTP mapping.
public struct Method: Hashable, Sendable {
    public var name: String
    /// The Discovery method id, such as `dataportability.archiveJobs.retry`; also the operation id sent to transports.
    public var id: String
    public var description: String?
    public var httpMethod: HTTPMethod
    public var path: PathTemplate
    /// The template as written, so that errors can point at a character inside it.
    public var pathScalar: Scalar
    public var pathScalarLocation: SourceLocation
    public var body: RequestBody
    public var parameters: [Parameter]
    public var request: String?
    public var response: String?
    /// The scopes that allow calling the method; nil when the spec says nothing, meaning any scope of the API.
    public var scopes: [String]?
    public var isDeprecated: Bool
    /// The version of the API's interface this method asks for, when it names its own; otherwise the spec's.
    public var apiVersion: String?
    /// How the method pages through a list; nil for a method that does not.
    public var paging: Paging?
    /// Where the method's content is downloaded (`alt=media`); nil when it has none.
    public var mediaDownload: MediaDownloadRule?
    /// How the method accepts uploaded content; nil when it takes none.
    public var mediaUpload: MediaUploadRule?
    public var location: SourceLocation

    /// Where the template's character at `offset` (in Unicode scalars) is in the file.
    public func pathLocation(atOffset offset: Int) -> SourceLocation {
        pathScalarLocation.advanced(by: pathScalar.columnOffset(ofTextOffset: offset))
    }

    public var queryParameters: [Parameter] { parameters.filter { $0.placement == .query } }
}

/// A list method that returns its results page by page: the `pageToken` query parameter asks for a page, and the
/// response's `nextPageToken` names the next one (empty or missing after the last).
public struct Paging: Hashable, Sendable {
    /// The repeated field of the response that holds the page's items, such as `items` or `files`; nil when the
    /// spec names none, and only pages are iterated.
    public var itemsField: String?
    /// Where `paging:` was written.
    public var location: SourceLocation
    /// Where `items:` was written.
    public var itemsLocation: SourceLocation?

    /// The parameter that asks for a page.
    public static let pageTokenParameter = "pageToken"
    /// The response field that names the next page.
    public static let nextPageTokenField = "nextPageToken"
}

/// A method whose content, rather than its JSON response, can be downloaded with `alt=media`.
public struct MediaDownloadRule: Hashable, Sendable {
    /// The download path: the method's own, or Google's download service (`/download/…`) for the documents that
    /// say `useMediaDownloadService`. Its variables are the method's.
    public var path: PathTemplate
    public var location: SourceLocation
}

/// A method that takes uploaded content besides (or instead of) its JSON request.
public struct MediaUploadRule: Hashable, Sendable {
    /// The MIME types accepted, with wildcards: `image/*`, `*/*`.
    public var accept: [String]
    /// The largest upload accepted, in bytes; nil when unlimited.
    public var maxSize: Int64?
    /// The path of simple and multipart uploads (`uploadType=media`, `uploadType=multipart`).
    public var simplePath: PathTemplate?
    /// The path that starts a resumable upload session (`uploadType=resumable`).
    public var resumablePath: PathTemplate?
    public var location: SourceLocation
}

public enum ParameterPlacement: String, Hashable, Sendable {
    case path, query
}

/// A path or query parameter of a method.
public struct Parameter: Hashable, Sendable {
    public var name: String
    public var placement: ParameterPlacement
    /// Always a scalar type (or an enum); repetition is in `isRepeated`.
    public var type: FieldType
    public var isRequired: Bool
    public var isRepeated: Bool
    public var description: String?
    public var pattern: String?
    public var defaultValue: String?
    public var isDeprecated: Bool
    public var location: SourceLocation
}

/// A named type in `schemas:`.
public struct Schema: Hashable, Sendable {
    public var name: String
    public var description: String?
    /// `.object` for the usual message type; any other type makes the schema an alias.
    public var type: FieldType
    public var location: SourceLocation
}

/// A property of an object type.
public struct Property: Hashable, Sendable {
    /// The JSON name, as sent on the wire.
    public var name: String
    public var description: String?
    public var type: FieldType
    public var isDeprecated: Bool
    /// Output only: the server sets it and ignores it in requests.
    public var isReadOnly: Bool
    /// The ids of the methods whose requests must set it (Discovery's `annotations.required`).
    public var requiredFor: [String] = []
    public var location: SourceLocation
}

/// One value of a string enum.
public struct EnumValue: Hashable, Sendable {
    public var value: String
    public var description: String?
    /// Still decoded and encoded, but marked deprecated in Swift.
    public var isDeprecated: Bool = false
    public var location: SourceLocation
}

/// The type of a property, parameter or schema, with Discovery's `type`/`format` pairs resolved.
public indirect enum FieldType: Hashable, Sendable {
    case string
    case boolean
    case int32
    case uint32
    /// JSON string on the wire.
    case int64
    /// JSON string on the wire.
    case uint64
    case float
    case double
    /// `google-datetime`: RFC 3339 text.
    case timestamp
    /// `google-duration`: text such as `3.5s`.
    case duration
    /// `google-fieldmask`: comma-separated field paths.
    case fieldMask
    /// `byte`: base64 text.
    case bytes
    /// `date`: `YYYY-MM-DD`.
    case date
    /// `any`: arbitrary JSON.
    case any
    case enumeration([EnumValue])
    case array(FieldType)
    /// `additionalProperties`: a JSON object with string keys.
    case map(FieldType)
    case reference(String)
    case object([Property])

    /// True for types that fit in a URL path or query.
    public var isScalar: Bool {
        switch self {
        case .any, .array, .map, .reference, .object: false
        default: true
        }
    }
}
