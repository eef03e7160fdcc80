/// Which URLs a note's HTML may use: links to the web, mail and other pages; images from the web, the
/// notes folder, or inline PNG/GIF/JPEG/WebP data. Never `javascript:`, `vbscript:`, other `data:`.
enum URLRules {
    static let linkSchemes: Set<String> = ["http", "https", "mailto", "ftp", "tel"]
    static let imageSchemes: Set<String> = ["http", "https"]
    static let imageDataTypes = ["image/png", "image/gif", "image/jpeg", "image/webp"]

    /// The scheme that makes `url` unsafe in `attribute` (`href`/`src`), or `nil` when it is safe.
    static func forbiddenScheme(of url: String, attribute: String) -> String? {
        guard let scheme = scheme(of: url) else { return nil }
        if attribute == "src" {
            if imageSchemes.contains(scheme) { return nil }
            if scheme == "data" {
                let type = browserView(of: url).dropFirst("data:".count).lowercased()
                if imageDataTypes.contains(where: { type.hasPrefix($0 + ";") || type.hasPrefix($0 + ",") }) { return nil }
            }
            return scheme
        }
        return linkSchemes.contains(scheme) ? nil : scheme
    }

    /// The URL as a browser reads it: leading and trailing controls and spaces trimmed, tabs and
    /// newlines anywhere removed (`java\tscript:` is `javascript:`).
    static func browserView(of url: String) -> String {
        var scalars = String.UnicodeScalarView(url.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        return String(scalars)
    }

    /// The lowercased scheme, `nil` for a relative URL (`a/b.png`, `#x`, `/x`, `?q`).
    static func scheme(of url: String) -> String? {
        let view = browserView(of: url)
        guard let colon = view.firstIndex(of: ":") else { return nil }
        let candidate = view[..<colon]
        guard let first = candidate.unicodeScalars.first, first.isASCIILetter,
              candidate.unicodeScalars.allSatisfy({ $0.isASCIILetter || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) })
        else { return nil }
        return candidate.lowercased()
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
