import Foundation

/// Rewrites site-absolute URLs (`href="/sub/x/"`) into page-relative ones (`href="../x/"`), so the site
/// works from any sub-path and straight from disk (`open public/index.html`).
///
/// The 404 page is rewritten as the root's page; hosts serve it at whatever path was missing, where a `<base>`
/// its template sets resolves the links.
public enum RelativeURLs {
    /// `html` of the page written at `outputPath` (e.g. `基础/激活函数/index.html`) with every
    /// `href`/`src` attribute that starts with `basePath` made relative to that page's folder.
    public static func rewrite(_ html: String, outputPath: String, basePath: String) -> String {
        var html = html
        let bytes = html.withUTF8 { rewritten($0, outputPath: outputPath, basePath: basePath) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same as `rewrite`, on the UTF-8 bytes of a rendered page (`TemplateSet.renderBytes`).
    public static func rewrittenBytes(_ html: [UInt8], outputPath: String, basePath: String) -> [UInt8] {
        html.withUnsafeBufferPointer { rewritten($0, outputPath: outputPath, basePath: basePath) }
    }

    private static func rewritten(_ bytes: UnsafeBufferPointer<UInt8>, outputPath: String, basePath: String) -> [UInt8] {
        let depth = outputPath.split(separator: "/").count - 1
        let prefix = Array(String(repeating: "../", count: depth).utf8)
        let here = prefix.isEmpty ? Array("./".utf8) : prefix
        let base = Array(basePath.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 512)
        var copied = 0
        var i = 0
        let end = bytes.count
        guard let start = bytes.baseAddress else { return [] }
        while i + 1 < end {
            // On to the next `=`, with memchr: most of a page's bytes are not one.
            guard let found = memchr(start + i, Int32(UInt8(ascii: "=")), end - 1 - i) else { break }
            i = start.distance(to: found.assumingMemoryBound(to: UInt8.self))
            // An attribute value opening: `="`, after `href` or `src`, starting with the base path.
            guard bytes[i + 1] == UInt8(ascii: "\""),
                  endsWith(bytes, at: i, "href") || endsWith(bytes, at: i, "src"),
                  startsWith(bytes, at: i + 2, base)
            else {
                i += 1
                continue
            }
            let valueStart = i + 2
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<valueStart]))
            let rest = valueStart + base.count
            let next: UInt8? = rest < end ? bytes[rest] : nil
            switch next {
            case UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "?"): out += here
            case UInt8(ascii: "/"): out += base  // `//host/…` after the base path is not ours
            default: out += prefix
            }
            copied = rest
            i = rest
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<end]))
        return out
    }

    private static func endsWith(_ bytes: UnsafeBufferPointer<UInt8>, at end: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard end >= count else { return false }
        let start = word.utf8Start
        for k in 0..<count where bytes[end - count + k] != start[k] { return false }
        return true
    }

    private static func startsWith(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ needle: [UInt8]) -> Bool {
        guard start + needle.count <= bytes.count else { return false }
        for k in 0..<needle.count where bytes[start + k] != needle[k] { return false }
        return true
    }
}
