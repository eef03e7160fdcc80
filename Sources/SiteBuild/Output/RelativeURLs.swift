/// Rewrites site-absolute URLs (`href="/sub/x/"`) into page-relative ones (`href="../x/"`), so the site
/// works from any sub-path and straight from disk (`open public/index.html`).
///
/// The 404 page keeps absolute URLs: hosts serve it at whatever path was missing.
public enum RelativeURLs {
    /// `html` of the page written at `outputPath` (e.g. `基础/激活函数/index.html`) with every
    /// `href`/`src` attribute that starts with `basePath` made relative to that page's folder.
    public static func rewrite(_ html: String, outputPath: String, basePath: String) -> String {
        let depth = outputPath.split(separator: "/").count - 1
        let prefix = String(repeating: "../", count: depth)
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var rest = Substring(html)
        let markers = ["href=\"" + basePath, "src=\"" + basePath]
        while let (range, marker) = markers.compactMap({ m in rest.range(of: m).map { ($0, m) } }).min(by: { $0.0.lowerBound < $1.0.lowerBound }) {
            out += rest[..<range.lowerBound]
            out += marker.prefix { $0 != "\"" } + "\""
            rest = rest[range.upperBound...]
            let target = rest.prefix { $0 != "\"" }
            if target.isEmpty || target.first == "#" || target.first == "?" {
                out += prefix.isEmpty ? "./" : prefix
            } else if target.hasPrefix("/") {
                // `//host/…` after the base path is not ours: put the base path back.
                out += basePath
            } else {
                out += prefix
            }
        }
        out += rest
        return out
    }
}

extension Substring {
    fileprivate func range(of needle: String) -> Range<Substring.Index>? {
        guard let first = needle.first else { return nil }
        var i = startIndex
        while let start = self[i...].firstIndex(of: first) {
            if self[start...].hasPrefix(needle) { return start..<index(start, offsetBy: needle.count) }
            i = index(after: start)
        }
        return nil
    }
}
