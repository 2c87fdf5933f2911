// What a reader of the paging and media examples has: a Google Drive client (`drive` in README.md, `client` in the
// DocC article "Paging, downloads and uploads"), a file's ID, the URLs of files to upload and of a download's
// destination, and a transport. The clients are generated from Tests/Fixtures/discovery/drive-v3.json and
// aiplatform-v1.json (for the README's regional endpoint).
import Aiplatform
import DiscoveryRuntime
import Foundation
import GoogleDrive
import OpenAPIRuntime

let drive: GoogleDriveClient = given()
let client = drive
let id = "1a2b3c4d"
let url = URL(fileURLWithPath: "report.pdf")
let videoURL = URL(fileURLWithPath: "movie.mp4")
let destination = URL(fileURLWithPath: "download.bin")
let transport: any ClientTransport = given()
