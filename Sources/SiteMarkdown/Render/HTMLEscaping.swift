/// cmark-gfm's escaping rules (houdini), so our HTML matches `cmark_render_html` byte for byte.
enum HTMLEscaping {
    /// `houdini_escape_href`: percent-encodes every byte outside the URL-safe set; `&` and `'` become entities.
    static func href(_ url: String) -> String {
        var out = ""
        out.reserveCapacity(url.utf8.count)
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;"
            case UInt8(ascii: "'"): out += "&#x27;"
            default:
                if isHrefSafe(byte) {
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    out += "%" + hexDigits[Int(byte >> 4)] + hexDigits[Int(byte & 0xF)]
                }
            }
        }
        return out
    }

    private static let hexDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]

    private static func isHrefSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-_.+!*(),%#@?=;:/$~".utf8.contains(byte)
        }
    }

    /// `scan_dangerous_url`: script-capable schemes, and `data:` other than common images.
    static func isDangerous(_ url: String) -> Bool {
        let lower = url.lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("file:") { return true }
        if lower.hasPrefix("data:") {
            let safeImages = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
            return !safeImages.contains { lower.hasPrefix($0) }
        }
        return false
    }

    /// GFM's tagfilter: `<` of these tags becomes `&lt;` when raw HTML is allowed.
    private static let filteredTags = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"]

    static func tagFiltered(_ html: String) -> String {
        guard html.contains("<") else { return html }
        var out = ""
        let scalars = Array(html.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "<", isFilteredTag(scalars, at: i) {
                out += "&lt;"
            } else {
                out.unicodeScalars.append(scalars[i])
            }
            i += 1
        }
        return out
    }

    private static func isFilteredTag(_ s: [Unicode.Scalar], at start: Int) -> Bool {
        var i = start + 1
        if i < s.count, s[i] == "/" { i += 1 }
        for tag in filteredTags {
            let tagScalars = Array(tag.unicodeScalars)
            guard i + tagScalars.count <= s.count else { continue }
            let candidate = String(String.UnicodeScalarView(s[i..<(i + tagScalars.count)])).lowercased()
            guard candidate == tag else { continue }
            let after = i + tagScalars.count
            if after == s.count { return false }
            let c = s[after]
            if c == ">" || c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" { return true }
            if c == "/", after + 1 < s.count, s[after + 1] == ">" { return true }
        }
        return false
    }
}
