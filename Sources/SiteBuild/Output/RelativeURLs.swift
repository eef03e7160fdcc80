/// Rewrites site-absolute URLs (`href="/sub/x/"`) into page-relative ones (`href="../x/"`), so the site
/// works from any sub-path and straight from disk (`open public/index.html`).
///
/// The 404 page keeps absolute URLs: hosts serve it at whatever path was missing.
public enum RelativeURLs {
    /// `html` of the page written at `outputPath` (e.g. `基础/激活函数/index.html`) with every
    /// `href`/`src` attribute that starts with `basePath` made relative to that page's folder.
    public static func rewrite(_ html: String, outputPath: String, basePath: String) -> String {
        let depth = outputPath.split(separator: "/").count - 1
        let prefix = Array(String(repeating: "../", count: depth).utf8)
        let here = prefix.isEmpty ? Array("./".utf8) : prefix
        let base = Array(basePath.utf8)
        let markers = [Array("href=\"".utf8), Array("src=\"".utf8)]
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "h") || bytes[i] == UInt8(ascii: "s"),
                  let marker = markers.first(where: { matches($0, in: bytes, at: i) }),
                  matches(base, in: bytes, at: i + marker.count)
            else {
                out.append(bytes[i])
                i += 1
                continue
            }
            out += marker
            i += marker.count + base.count
            let next: UInt8? = i < bytes.count ? bytes[i] : nil
            switch next {
            case UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "?"): out += here
            case UInt8(ascii: "/"): out += base  // `//host/…` after the base path is not ours
            default: out += prefix
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func matches(_ needle: [UInt8], in bytes: [UInt8], at start: Int) -> Bool {
        guard start + needle.count <= bytes.count else { return false }
        for k in 0..<needle.count where bytes[start + k] != needle[k] { return false }
        return true
    }
}
