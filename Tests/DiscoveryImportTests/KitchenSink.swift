/// A small Discovery document that uses every feature the importer handles, and the spec it must give.
enum KitchenSink {
    static let document = #"""
        {
          "kind": "discovery#restDescription",
          "discoveryVersion": "v1",
          "id": "library:v2",
          "name": "library",
          "canonicalName": "Library Books",
          "version": "v2",
          "revision": "20240101",
          "title": "Library API",
          "description": "Manages shelves and books.  \nA second line: with a colon.",
          "documentationLink": "https://example.com/library",
          "rootUrl": "https://library.googleapis.com/",
          "servicePath": "library/v2/",
          "apiVersion": "2025-01-01",
          "batchPath": "batch/library/v2",
          "parameters": {
            "alt": {"type": "string", "location": "query", "default": "json"}
          },
          "auth": {"oauth2": {"scopes": {
            "https://www.googleapis.com/auth/library.readonly": {"description": "See your books"},
            "https://www.googleapis.com/auth/library": {"description": "Manage: your books"}
          }}},
          "resources": {
            "shelves": {
              "methods": {
                "list": {
                  "id": "library.shelves.listAll",
                  "httpMethod": "GET",
                  "path": "shelves",
                  "flatPath": "shelves",
                  "parameters": {
                    "pageSize": {"type": "integer", "format": "int32", "location": "query", "minimum": "0"},
                    "pageToken": {"type": "string", "location": "query"},
                    "filter": {"type": "string", "location": "query", "required": true, "description": "Which shelves."}
                  },
                  "parameterOrder": ["filter"],
                  "response": {"$ref": "ListShelvesResponse"},
                  "scopes": ["https://www.googleapis.com/auth/library", "https://www.googleapis.com/auth/library.readonly"]
                },
                "create": {
                  "httpMethod": "POST",
                  "path": "shelves",
                  "parameters": {
                    "book": {"type": "string", "location": "query", "repeated": true},
                    "view": {"type": "string", "location": "query", "enum": ["VIEW_UNSPECIFIED", "BASIC", "FULL"],
                             "enumDescriptions": ["Not set.", "Basic fields.", "Everything."], "enumDeprecated": [false, false, true],
                             "default": "BASIC"},
                    "revision": {"type": "integer", "format": "uint64", "location": "query"}
                  },
                  "request": {"$ref": "Shelf", "parameterName": "book"},
                  "response": {"$ref": "Shelf"},
                  "scopes": ["https://www.googleapis.com/auth/library"],
                  "deprecated": true
                },
                "mine": {
                  "id": "library.shelves.listAll",
                  "httpMethod": "GET",
                  "path": "users/@me/shelves",
                  "apiVersion": "2026-10-01-preview",
                  "response": {"$ref": "ListShelvesResponse"}
                },
                "replaceLabels": {
                  "httpMethod": "PUT",
                  "path": "shelves/{shelf}/labels",
                  "parameters": {"shelf": {"type": "string", "location": "path", "required": true}},
                  "request": {"$ref": "Struct"},
                  "apiVersion": "2025-01-01"
                },
                "clear": {
                  "httpMethod": "POST",
                  "path": "shelves/{shelf}:clear",
                  "parameters": {"shelf": {"type": "string", "location": "path"}},
                  "request": {"$ref": "Empty"}
                }
              },
              "resources": {
                "books": {
                  "methods": {
                    "get": {
                      "httpMethod": "GET",
                      "path": "{+name}",
                      "flatPath": "shelves/{shelvesId}/books/{booksId}",
                      "parameters": {"name": {"type": "string", "location": "path", "required": true, "pattern": "^shelves/[^/]+/books/[^/]+$"}},
                      "response": {"$ref": "Book"}
                    },
                    "children": {
                      "httpMethod": "GET",
                      "path": "{+parent}/{collectionId}",
                      "parameters": {
                        "parent": {"type": "string", "location": "path", "required": true, "pattern": "^shelves/[^/]+/books/[^/]+/.*$"},
                        "collectionId": {"type": "string", "location": "path", "required": true}
                      },
                      "parameterOrder": ["parent", "collectionId"],
                      "response": {"$ref": "Book"}
                    },
                    "export": {
                      "httpMethod": "POST",
                      "path": "{+name}/$export",
                      "parameters": {"name": {"type": "string", "location": "path", "required": true, "pattern": "^shelves/[^/]+/books/[^/]+$"}},
                      "request": {"$ref": "BookCopy"},
                      "response": {"$ref": "Book"}
                    },
                    "move": {
                      "httpMethod": "POST",
                      "path": "{+name}:move",
                      "flatPath": "shelves/{shelvesId}/books/{booksId}:move",
                      "parameters": {"name": {"type": "string", "location": "path", "required": true, "pattern": "[a-z](?:[-a-z0-9/]{0,62})?"}},
                      "response": {"$ref": "Book"}
                    },
                    "download": {
                      "httpMethod": "GET",
                      "path": "files/{+path}",
                      "parameters": {"path": {"type": "string", "location": "path", "required": true}},
                      "supportsMediaDownload": true,
                      "useMediaDownloadService": true
                    },
                    "upload": {
                      "httpMethod": "POST",
                      "path": "files",
                      "request": {"$ref": "Book"},
                      "response": {"$ref": "Book"},
                      "supportsMediaUpload": true,
                      "mediaUpload": {"accept": ["image/*"], "maxSize": "10MB", "protocols": {
                        "simple": {"multipart": true, "path": "/upload/library/v2/files"},
                        "resumable": {"multipart": true, "path": "/resumable/upload/library/v2/files"}}}
                    }
                  }
                }
              }
            }
          },
          "schemas": {
            "Shelf": {"id": "Shelf", "type": "object", "properties": {
              "name": {"type": "string", "description": "The shelf's name.", "readOnly": true},
              "theme": {"type": "string", "format": "uri"}
            }},
            "Empty": {"id": "Empty", "type": "object", "properties": {}},
            "Struct": {"id": "Struct", "type": "object", "additionalProperties": {"type": "any"}},
            "BookCopy": {"id": "BookCopy", "$ref": "Book"},
            "Genres": {"id": "Genres", "type": "array", "description": "Genre names.", "items": {"type": "string"}},
            "ListShelvesResponse": {"id": "ListShelvesResponse", "type": "object", "properties": {
              "shelves": {"type": "array", "items": {"$ref": "Shelf"}},
              "nextPageToken": {"type": "string"}
            }},
            "Book": {"id": "Book", "type": "object", "description": "A book.", "properties": {
              "title": {"type": "string"},
              "pageCount": {"type": "integer", "format": "int32"},
              "isbn": {"type": "string", "format": "int64"},
              "published": {"type": "string", "format": "google-datetime"},
              "readingTime": {"type": "string", "format": "google-duration"},
              "cover": {"type": "string", "format": "byte"},
              "rating": {"type": "number", "format": "float"},
              "onLoan": {"type": "boolean"},
              "extra": {"type": "any"},
              "tags": {"type": "array", "items": {"type": "string"}},
              "labels": {"type": "object", "additionalProperties": {"type": "string"}},
              "genre": {"type": "string", "enum": ["GENRE_UNSPECIFIED", "FICTION", "true", ""], "enumDescriptions": ["Unknown.", "Made up.\nMulti-line.", "Quoted.", "Not set."]},
              "legacyCode": {"type": "string", "deprecated": true},
              "shelf": {"$ref": "Shelf", "description": "Where it stands."},
              "publisher": {"$ref": "Publisher"},
              "notes": {"type": "array"},
              "location": {"type": "object", "properties": {"aisle": {"type": "integer", "format": "int64"}}},
              "@type": {"type": "string"}
            }}
          }
        }
        """#

    static let expectedSpec = #"""
        # Library API v2, revision 20240101, imported from Google's Discovery document by `discovery-generator import`.
        name: library
        version: v2
        title: Library API
        description: |-
          Manages shelves and books.
          A second line: with a colon.
        revision: "20240101"
        rootURL: https://library.googleapis.com/
        apiVersion: 2025-01-01
        documentation: https://example.com/library
        module: LibraryBooks
        scopes:
          https://www.googleapis.com/auth/library: "Manage: your books"
          https://www.googleapis.com/auth/library.readonly: See your books
        resources:
          shelves:
            methods:
              clear:
                http:
                  post: /library/v2/shelves/{shelf}:clear
                  body: "*"
                parameters:
                  shelf:
                    type: string
                    required: true
                request: Empty
              create:
                http:
                  post: /library/v2/shelves
                  body: body
                parameters:
                  book:
                    type: string
                    repeated: true
                  revision:
                    type: string
                    format: uint64
                  view:
                    type: string
                    default: BASIC
                    enum:
                      VIEW_UNSPECIFIED: Not set.
                      BASIC: Basic fields.
                      FULL:
                        description: Everything.
                        deprecated: true
                request: Shelf
                response: Shelf
                scopes:
                - https://www.googleapis.com/auth/library
                deprecated: true
              list:
                id: library.shelves.listAll
                http:
                  get: /library/v2/shelves
                parameters:
                  filter:
                    type: string
                    required: true
                    description: Which shelves.
                  pageSize:
                    type: integer
                    format: int32
                  pageToken:
                    type: string
                response: ListShelvesResponse
                paging:
                  items: shelves
              mine:
                id: library.shelves.listAll
                http:
                  get: /library/v2/users/@me/shelves
                response: ListShelvesResponse
                apiVersion: 2026-10-01-preview
              replaceLabels:
                http:
                  put: /library/v2/shelves/{shelf}/labels
                  body: "*"
                parameters:
                  shelf:
                    type: string
                    required: true
                request: Struct
            resources:
              books:
                methods:
                  children:
                    http:
                      get: /library/v2/{parent=shelves/*/books/*/**}/{collectionId}
                    parameters:
                      parent:
                        type: string
                        required: true
                        pattern: ^shelves/[^/]+/books/[^/]+/.*$
                      collectionId:
                        type: string
                        required: true
                    response: Book
                  download:
                    http:
                      get: /library/v2/files/{path=**}
                    parameters:
                      path:
                        type: string
                        required: true
                    mediaDownload:
                      path: /download/library/v2/files/{path=**}
                  export:
                    http:
                      post: /library/v2/{name=shelves/*/books/*}/$export
                      body: "*"
                    parameters:
                      name:
                        type: string
                        required: true
                        pattern: ^shelves/[^/]+/books/[^/]+$
                    request: BookCopy
                    response: Book
                  get:
                    http:
                      get: /library/v2/{name=shelves/*/books/*}
                    parameters:
                      name:
                        type: string
                        required: true
                        pattern: ^shelves/[^/]+/books/[^/]+$
                    response: Book
                  move:
                    http:
                      post: /library/v2/{name=shelves/*/books/*}:move
                    parameters:
                      name:
                        type: string
                        required: true
                        pattern: "[a-z](?:[-a-z0-9/]{0,62})?"
                    response: Book
                  upload:
                    http:
                      post: /library/v2/files
                      body: "*"
                    request: Book
                    response: Book
                    mediaUpload:
                      accept:
                      - image/*
                      maxSize: 10485760
                      simple: /upload/library/v2/files
                      resumable: /resumable/upload/library/v2/files
        schemas:
          Book:
            description: A book.
            properties:
              "@type":
                type: string
              cover:
                type: string
                format: byte
              extra:
                type: any
              genre:
                type: string
                enum:
                  GENRE_UNSPECIFIED: Unknown.
                  FICTION: |-
                    Made up.
                    Multi-line.
                  "true": Quoted.
                  "": Not set.
              isbn:
                type: string
                format: int64
              labels:
                type: object
                additionalProperties:
                  type: string
              legacyCode:
                type: string
                deprecated: true
              location:
                type: object
                properties:
                  aisle:
                    type: string
                    format: int64
              notes:
                type: array
                items:
                  type: any
              onLoan:
                type: boolean
              pageCount:
                type: integer
                format: int32
              published:
                type: string
                format: google-datetime
              publisher:
                type: any
              rating:
                type: number
                format: float
              readingTime:
                type: string
                format: google-duration
              shelf:
                $ref: Shelf
                description: Where it stands.
              tags:
                type: array
                items:
                  type: string
              title:
                type: string
          BookCopy:
            $ref: Book
          Empty: {}
          Genres:
            description: Genre names.
            type: array
            items:
              type: string
          ListShelvesResponse:
            properties:
              nextPageToken:
                type: string
              shelves:
                type: array
                items:
                  $ref: Shelf
          Shelf:
            properties:
              name:
                type: string
                description: The shelf's name.
                readOnly: true
              theme:
                type: string
          Struct:
            type: object
            additionalProperties:
              type: any

        """#
}
