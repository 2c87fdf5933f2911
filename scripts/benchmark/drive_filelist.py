#!/usr/bin/env python3
"""Writes the runtime benchmark's inputs: a Drive v3 `FileList` of FILES files and a single `File`, the same every
time (a seeded generator), as Drive sends them with `prettyPrint=false`.

Usage: drive_filelist.py OUT_LIST.json OUT_FILE.json [FILES]   (FILES: 20000, about 60 MB)

Each file has 29 to 46 members, in a fixed order that is not alphabetical (Drive sends fields in its own order):
ids, names, MIME types, links, RFC 3339 timestamps with milliseconds, int64 sizes and versions as strings, owners and
permissions (objects in arrays), parents, spaces, capabilities (an object of some 40 booleans), export links and
properties (maps), and for some image and video metadata (floats, integers, a location with doubles).
"""

import json
import random
import sys

CAPABILITIES = [
    "canAcceptOwnership", "canAddChildren", "canAddFolderFromAnotherDrive", "canAddMyDriveParent",
    "canChangeCopyRequiresWriterPermission", "canChangeSecurityUpdateEnabled", "canChangeViewersCanCopyContent",
    "canComment", "canCopy", "canDelete", "canDeleteChildren", "canDownload", "canEdit", "canListChildren",
    "canModifyContent", "canModifyContentRestriction", "canModifyLabels", "canMoveChildrenOutOfDrive",
    "canMoveChildrenOutOfTeamDrive", "canMoveChildrenWithinDrive", "canMoveChildrenWithinTeamDrive",
    "canMoveItemIntoTeamDrive", "canMoveItemOutOfDrive", "canMoveItemOutOfTeamDrive", "canMoveItemWithinDrive",
    "canMoveItemWithinTeamDrive", "canMoveTeamDriveItem", "canReadDrive", "canReadLabels", "canReadRevisions",
    "canReadTeamDrive", "canRemoveChildren", "canRemoveMyDriveParent", "canRename", "canShare", "canTrash",
    "canTrashChildren", "canUntrash",
]
MIME_TYPES = [
    "application/vnd.google-apps.document", "application/vnd.google-apps.spreadsheet",
    "application/vnd.google-apps.folder", "application/pdf", "image/jpeg", "image/png", "video/mp4", "text/plain",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
]
WORDS = ["quarterly", "report", "budget", "draft", "photo", "notes", "meeting", "plan", "final", "copy", "Zürich",
         "résumé", "design", "review", "backup", "invoice", "2022", "team", "project", "summary"]
ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def main():
    out_list, out_file = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    rng = random.Random(24)

    def ident(length=33):
        return "".join(rng.choice(ID_CHARACTERS) for _ in range(length))

    def timestamp():
        return "20%02d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (
            rng.randint(10, 22), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59),
            rng.randint(0, 59), rng.randint(0, 999))

    def name():
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5)))

    def user():
        person = "%s.%s" % (rng.choice(WORDS).lower(), rng.choice(WORDS).lower())
        return {
            "kind": "drive#user", "displayName": person.replace(".", " ").title(),
            "photoLink": "https://lh3.googleusercontent.com/a/" + ident(40) + "=s64", "me": rng.random() < 0.5,
            "permissionId": str(rng.randint(10**19, 10**20)), "emailAddress": person + "@example.com",
        }

    def permission():
        permission = {
            "kind": "drive#permission", "id": str(rng.randint(10**19, 10**20)), "type": "user",
            "emailAddress": "someone%d@example.com" % rng.randint(1, 999), "role": rng.choice(["owner", "writer",
                                                                                                "reader"]),
            "displayName": name().title(), "photoLink": "https://lh3.googleusercontent.com/a/" + ident(40) + "=s64",
            "deleted": False, "pendingOwner": False,
        }
        if rng.random() < 0.3:
            permission["expirationTime"] = timestamp()
        return permission

    def file(index):
        mime = rng.choice(MIME_TYPES)
        identifier = ident()
        members = {
            "kind": "drive#file",
            "id": identifier,
            "name": name() + ("" if "google-apps" in mime else rng.choice([".pdf", ".jpg", ".txt", ".docx"])),
            "mimeType": mime,
            "starred": rng.random() < 0.1,
            "trashed": False,
            "explicitlyTrashed": False,
            "parents": [ident() for _ in range(rng.randint(1, 2))],
            "spaces": ["drive"],
            "version": str(rng.randint(1, 10**6)),
            "webViewLink": "https://drive.google.com/file/d/%s/view?usp=drivesdk" % identifier,
            "iconLink": "https://drive-thirdparty.googleusercontent.com/16/type/" + mime,
            "hasThumbnail": rng.random() < 0.5,
            "viewedByMe": True,
            "viewedByMeTime": timestamp(),
            "createdTime": timestamp(),
            "modifiedTime": timestamp(),
            "modifiedByMe": rng.random() < 0.5,
            "owners": [user()],
            "lastModifyingUser": user(),
            "shared": rng.random() < 0.4,
            "ownedByMe": rng.random() < 0.7,
            "capabilities": {key: rng.random() < 0.6 for key in CAPABILITIES if rng.random() < 0.8},
            "viewersCanCopyContent": True,
            "permissionIds": [str(rng.randint(10**19, 10**20)) for _ in range(rng.randint(1, 3))],
            "quotaBytesUsed": str(rng.randint(0, 10**9)),
        }
        optional = [
            ("permissions", lambda: [permission() for _ in range(rng.randint(1, 2))]),
            ("thumbnailVersion", lambda: str(rng.randint(0, 20))),
            ("modifiedByMeTime", timestamp),
            ("copyRequiresWriterPermission", lambda: False),
            ("writersCanShare", lambda: True),
            ("isAppAuthorized", lambda: False),
            ("linkShareMetadata", lambda: {"securityUpdateEligible": False, "securityUpdateEnabled": True}),
            ("description", lambda: "A file about " + name() + ".\nSee \"notes\" \\ attached."),
            ("webContentLink", lambda: "https://drive.google.com/uc?id=%s&export=download" % identifier),
            ("thumbnailLink", lambda: "https://lh3.googleusercontent.com/" + ident(60) + "=s220"),
            ("originalFilename", lambda: name() + ".bin"),
            ("fullFileExtension", lambda: "bin"),
            ("fileExtension", lambda: "bin"),
            ("md5Checksum", lambda: "%032x" % rng.getrandbits(128)),
            ("size", lambda: str(rng.randint(0, 10**10))),
            ("headRevisionId", lambda: ident(50)),
            ("sharedWithMeTime", timestamp),
            ("folderColorRgb", lambda: "#%06x" % rng.getrandbits(24)),
            ("resourceKey", lambda: "0-" + ident(22)),
            ("exportLinks", lambda: {"application/pdf": "https://docs.google.com/feeds/download/documents/export/"
                                     "Export?id=%s&exportFormat=pdf" % identifier,
                                     "text/plain": "https://docs.google.com/feeds/download/documents/export/"
                                     "Export?id=%s&exportFormat=txt" % identifier}),
            ("properties", lambda: {"project": rng.choice(WORDS), "reviewed": "yes"}),
            ("appProperties", lambda: {"syncState": "synced"}),
            ("imageMediaMetadata", lambda: {
                "width": rng.randint(100, 8000), "height": rng.randint(100, 6000), "rotation": 0,
                "time": "2021:07:04 12:00:00", "cameraMake": "Canon", "cameraModel": "EOS R5",
                "exposureTime": 0.004, "aperture": 2.8, "flashUsed": False, "focalLength": 35.0,
                "isoSpeed": 200, "location": {"latitude": rng.uniform(-90, 90), "longitude": rng.uniform(-180, 180),
                                               "altitude": 10.5}}),
            ("videoMediaMetadata", lambda: {"width": 1920, "height": 1080,
                                            "durationMillis": str(rng.randint(1000, 10**7))}),
        ]
        extra = rng.randint(29, 46) - len(members)
        for key, make in rng.sample(optional, max(0, extra)):
            members[key] = make()
        # Drive sends members in an order of its own, not alphabetically; a fixed shuffle stands for it.
        return {key: members[key] for key in sorted(members, key=ORDER.get)}

    files = [file(index) for index in range(count)]
    document = {"kind": "drive#fileList", "incompleteSearch": False, "nextPageToken": ident(120), "files": files}
    with open(out_list, "w") as out:
        json.dump(document, out, ensure_ascii=False, separators=(",", ":"))
    single = min(files, key=lambda file: abs(len(json.dumps(file, ensure_ascii=False, separators=(",", ":"))) - 3500))
    with open(out_file, "w") as out:
        json.dump(single, out, ensure_ascii=False, separators=(",", ":"))


MEMBERS = [
    "kind", "id", "name", "mimeType", "description", "starred", "trashed", "explicitlyTrashed", "parents",
    "properties", "appProperties", "spaces", "version", "webContentLink", "webViewLink", "iconLink", "hasThumbnail",
    "thumbnailLink", "thumbnailVersion", "viewedByMe", "viewedByMeTime", "createdTime", "modifiedTime",
    "modifiedByMeTime", "modifiedByMe", "sharedWithMeTime", "owners", "lastModifyingUser", "shared", "ownedByMe",
    "capabilities", "viewersCanCopyContent", "copyRequiresWriterPermission", "writersCanShare", "permissions",
    "permissionIds", "folderColorRgb", "originalFilename", "fullFileExtension", "fileExtension", "md5Checksum", "size",
    "quotaBytesUsed", "headRevisionId", "imageMediaMetadata", "videoMediaMetadata", "isAppAuthorized", "exportLinks",
    "linkShareMetadata", "resourceKey",
]
ORDER = {key: position for position, key in enumerate(MEMBERS)}

if __name__ == "__main__":
    main()
