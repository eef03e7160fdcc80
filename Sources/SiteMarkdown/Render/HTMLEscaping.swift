/// cmark-gfm's escaping rules (houdini), so our HTML matches `cmark_render_html` byte for byte.
enum HTMLEscaping {
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
