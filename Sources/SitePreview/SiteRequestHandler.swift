import Foundation
import Hummingbird
import SiteCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTP request as the file handler sees it.
public struct SiteRequest: Sendable {
    public var method: String
    /// The request target as sent, percent-encoded, with any query: `/基础/%E6%BF%80/?x=1`.
    public var target: String
    /// `If-None-Match`, when sent.
    public var ifNoneMatch: String?

    public init(method: String, target: String, ifNoneMatch: String? = nil) {
        self.method = method
        self.target = target
        self.ifNoneMatch = ifNoneMatch
    }
}

/// The handler's answer: status, headers and the body (empty for HEAD and 304, with the GET headers).
public struct SiteResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Answers requests for the files of a built site: a pure function of the request and the files under the
/// site folder.
///
/// Only files under the folder are served: the path is percent-decoded once, must be valid UTF-8 (overlong
/// forms are not), and is refused (400) with `..` or `.` segments, backslashes, NUL or control characters;
/// hidden files are not served, and a file whose real path (symbolic links resolved) lies outside the
/// folder is not found. Pretty URLs: `/a/b/` is `a/b/index.html`, `/a/b` of a folder redirects to `/a/b/`.
/// A missing file is the site's `404.html` with status 404. HTML pages get `reloadTag` before `</body>`.
public struct SiteRequestHandler: Sendable {
    public var site: ServedSite
    /// Inserted into every HTML response (the live-reload script); nil: pages are served as written.
    public var reloadTag: String?

    public init(site: ServedSite, reloadTag: String? = nil) {
        self.site = site
        self.reloadTag = reloadTag
    }

    public func respond(to request: SiteRequest) -> SiteResponse {
        let head = request.method == "HEAD"
        guard head || request.method == "GET" else {
            return SiteResponse(status: 405, headers: ["Allow": "GET, HEAD", "Content-Type": "text/plain; charset=utf-8"],
                                body: Data("method not allowed\n".utf8))
        }
        let rawPath = String(request.target.prefix { $0 != "?" && $0 != "#" })
        guard let path = Self.decodedPath(rawPath) else {
            return SiteResponse(status: 400, headers: ["Content-Type": "text/plain; charset=utf-8"],
                                body: head ? Data() : Data("bad request\n".utf8))
        }
        let base = site.basePath
        if base != "/" && path + "/" == base || path == "/" && base != "/" {
            return redirect(to: Self.headerSafe(base))
        }
        guard path.hasPrefix(base) else { return notFound(head: head) }
        let relative = String(path.dropFirst(base.count))
        let segments = relative.split(separator: "/", omittingEmptySubsequences: false).dropLast(relative.hasSuffix("/") ? 1 : 0)
        if !relative.isEmpty, segments.contains(where: { $0.isEmpty || $0.hasPrefix(".") }) {
            return notFound(head: head)
        }
        var file = relative
        switch fileKind(relative) {
        case .folder:
            guard relative.isEmpty || relative.hasSuffix("/") else {
                return redirect(to: Self.headerSafe(rawPath) + "/" + request.target.dropFirst(rawPath.count))
            }
            file = relative + "index.html"
        case .file:
            guard !relative.hasSuffix("/") else { return notFound(head: head) }
        case nil:
            return notFound(head: head)
        }
        guard let served = serve(file, status: 200, request: request) else { return notFound(head: head) }
        return served
    }

    /// The percent-decoded path, or nil when it is malformed or tries to leave the site.
    static func decodedPath(_ raw: String) -> String? {
        guard raw.hasPrefix("/") else { return nil }
        var bytes: [UInt8] = []
        var i = raw.utf8.startIndex
        let utf8 = raw.utf8
        while i < utf8.endIndex {
            let byte = utf8[i]
            if byte == UInt8(ascii: "%") {
                let h = utf8.index(after: i)
                guard h < utf8.endIndex, utf8.index(after: h) < utf8.endIndex,
                      let high = hexValue(utf8[h]), let low = hexValue(utf8[utf8.index(after: h)]) else { return nil }
                bytes.append(high << 4 | low)
                i = utf8.index(h, offsetBy: 2)
            } else {
                bytes.append(byte)
                i = utf8.index(after: i)
            }
        }
        // Strict UTF-8: overlong forms (`%C0%AE` for `.`) and surrogates are rejected.
        guard let path = String(validating: bytes, as: UTF8.self) else { return nil }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\u{7F}" || $0 == "\\" }) { return nil }
        if path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) { return nil }
        return path
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private enum Kind { case file, folder }

    /// What `relative` is inside the site folder, following symbolic links only where they stay inside it.
    private func fileKind(_ relative: String) -> Kind? {
        guard let root = Self.realPath(site.folder.path) else { return nil }
        let trimmed = relative.hasSuffix("/") ? String(relative.dropLast()) : relative
        let candidate = trimmed.isEmpty ? root : root + "/" + trimmed
        guard let real = Self.realPath(candidate), real == root || real.hasPrefix(root + "/") else { return nil }
        var info = stat()
        guard stat(real, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file
        default: return nil
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The file `relative` with `status`, or nil when it is not a regular file inside the site.
    private func serve(_ relative: String, status: Int, request: SiteRequest) -> SiteResponse? {
        guard fileKind(relative) == .file, let root = Self.realPath(site.folder.path),
              let real = Self.realPath(root + "/" + relative) else { return nil }
        var info = stat()
        guard stat(real, &info) == 0, let data = FileManager.default.contents(atPath: real) else { return nil }
        let type = Self.contentType(forPath: relative)
        var body = data
        var tag = ""
        if let reloadTag, type.hasPrefix("text/html") {
            body = Self.inserting(reloadTag, into: data)
            tag = "-" + ContentHash.sha256Hex(reloadTag).prefix(10)
        }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        let etag = "\"\(String(UInt64(info.st_ino), radix: 36))-\(String(data.count, radix: 36))-\(String(modified, radix: 36))\(tag)\""
        var headers = ["Content-Type": type, "ETag": etag, "Cache-Control": "no-cache",
                       "Content-Length": String(body.count), "X-Content-Type-Options": "nosniff"]
        if status == 200, let match = request.ifNoneMatch, Self.matches(match, etag) {
            headers["Content-Length"] = nil
            return SiteResponse(status: 304, headers: headers)
        }
        if status != 200 { headers["ETag"] = nil }
        return SiteResponse(status: status, headers: headers, body: request.method == "HEAD" ? Data() : body)
    }

    /// `If-None-Match: "a", W/"b"` or `*` against an entity tag (weak comparison, RFC 9110 13.1.2).
    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }

    private func notFound(head: Bool) -> SiteResponse {
        if var page = serve("404.html", status: 404, request: SiteRequest(method: head ? "HEAD" : "GET", target: "/")) {
            page.status = 404
            return page
        }
        return SiteResponse(status: 404, headers: ["Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache"],
                            body: head ? Data() : Data("not found\n".utf8))
    }

    /// `text` with bytes outside printable ASCII percent-encoded (a client may send raw UTF-8).
    static func headerSafe(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            if byte > 0x20 && byte < 0x7F {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return result
    }

    private func redirect(to location: String) -> SiteResponse {
        SiteResponse(status: 301, headers: ["Location": location, "Cache-Control": "no-cache"])
    }

    /// The media type by extension (Hummingbird's table), with `charset=utf-8` for text, scripts, JSON and SVG.
    static func contentType(forPath path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), let type = MediaType.getMediaType(forExtension: String(name[name.index(after: dot)...]))
        else { return "application/octet-stream" }
        let text = type.type == .text || ["javascript", "json", "svg+xml", "xml", "manifest+json"].contains(type.subType)
        return text ? type.withParameter(name: "charset", value: "utf-8").description : type.description
    }

    /// `tag` before the last `</body>` of `page` (case-insensitive), or at its end when there is none.
    static func inserting(_ tag: String, into page: Data) -> Data {
        let closing = Array("</body".utf8)
        var result = page
        let bytes = [UInt8](page)
        var i = bytes.count - closing.count
        while i >= 0 {
            var equal = true
            for (k, c) in closing.enumerated() where bytes[i + k] | 0x20 != c | 0x20 {
                equal = false
                break
            }
            if equal {
                result.insert(contentsOf: Data(tag.utf8), at: result.startIndex + i)
                return result
            }
            i -= 1
        }
        result.append(Data(tag.utf8))
        return result
    }
}
