import Foundation
import SiteCore

/// The KaTeX files a site needs, copied from Debian's `libjs-katex`.
public enum MathAssets {
    /// Where `libjs-katex` installs KaTeX's browser files.
    public static let defaultSource = URL(fileURLWithPath: "/usr/share/javascript/katex", isDirectory: true)
    /// Folder of the assets inside the site.
    public static let sitePath = "assets/katex"

    public enum InstallError: Error, CustomStringConvertible {
        case missing(String)

        public var description: String {
            switch self {
            case .missing(let path): "KaTeX asset \(path) not found; install `libjs-katex` (and `fonts-katex`)"
            }
        }
    }

    /// Copies `katex.min.css` and `fonts/` (following symlinks) into `<site>/assets/katex`, plus
    /// `katex.min.js` and `contrib/auto-render.js` in client-side mode, each under its `siteName`.
    public static func install(into siteDirectory: URL, mode: MathRenderingMode, from source: URL = defaultSource) throws {
        let fm = FileManager.default
        let target = siteDirectory.appendingPathComponent(sitePath, isDirectory: true)
        try fm.createDirectory(at: target, withIntermediateDirectories: true)
        for file in files(mode) {
            let from = source.appendingPathComponent(file).resolvingSymlinksInPath()
            guard fm.fileExists(atPath: from.path) else { throw InstallError.missing(from.path) }
            try copyReplacing(from, to: target.appendingPathComponent(siteName(file, from: source)))
        }
        let fonts = source.appendingPathComponent("fonts", isDirectory: true).resolvingSymlinksInPath()
        guard let names = try? fm.contentsOfDirectory(atPath: fonts.path), !names.isEmpty else {
            throw InstallError.missing(fonts.path)
        }
        for name in names.sorted() where name.hasSuffix(".woff2") || name.hasSuffix(".woff") || name.hasSuffix(".ttf") {
            let from = fonts.appendingPathComponent(name).resolvingSymlinksInPath()
            try copyReplacing(from, to: target.appendingPathComponent("fonts", isDirectory: true).appendingPathComponent(name))
        }
    }

    /// The stylesheet, and client-side the scripts, by their path in `source`.
    static func files(_ mode: MathRenderingMode) -> [String] {
        mode == .clientSide ? ["katex.min.css", "katex.min.js", "contrib/auto-render.js"] : ["katex.min.css"]
    }

    /// The path under `sitePath` of `file` (a stylesheet or script of `source`): with a hash of its contents
    /// in the name (`katex.min.3f2a9c1b2d.css`), so hosts may cache it for long. The fonts keep their names,
    /// as the stylesheet refers to them. A file that cannot be read keeps its name.
    public static func siteName(_ file: String, from source: URL = defaultSource) -> String {
        let url = source.appendingPathComponent(file).resolvingSymlinksInPath()
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        let key = "\(url.path)\u{0}\((attributes?[.size] as? Int) ?? -1)\u{0}\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        if let cached = fingerprints.value(key) { return cached }
        guard let data = FileManager.default.contents(atPath: url.path) else { return file }
        let name = ContentHash.fingerprinted(file, contents: Array(data))
        fingerprints.set(key, name)
        return name
    }

    /// Fingerprinted names by file, size and modification time: KaTeX's script is 270 KB, and a server
    /// rebuilds often.
    private static let fingerprints = FingerprintCache()

    private final class FingerprintCache: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [String: String] = [:]

        func value(_ key: String) -> String? { lock.withLock { names[key] } }
        func set(_ key: String, _ name: String) { lock.withLock { names[key] = name } }
    }

    /// Copies file contents (never a symlink) to `to`, creating folders and replacing what is there.
    static func copyReplacing(_ from: URL, to: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
        if fm.fileExists(atPath: to.path) || (try? fm.destinationOfSymbolicLink(atPath: to.path)) != nil {
            try fm.removeItem(at: to)
        }
        try fm.copyItem(at: from, to: to)
    }

    /// The `<link>` (and, client-side, `<script>`) tags for a page `<head>`; `baseURL` is the site root
    /// as pages reference it (`/`, `../`, `https://x.org/notes/`).
    /// Client-side, `macros` are handed to auto-render (build-time rendering has already expanded them).
    public static func headHTML(baseURL: String, mode: MathRenderingMode, macros: [String: String] = [:],
                                from source: URL = defaultSource) -> String {
        let base = baseURL.isEmpty || baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        func href(_ file: String) -> String { (base + sitePath + "/" + siteName(file, from: source)).htmlEscaped }
        var html = #"<link rel="stylesheet" href="\#(href("katex.min.css"))">"#
        if mode == .clientSide {
            html += "\n" + #"<script defer src="\#(href("katex.min.js"))"></script>"#
            html += "\n" + #"<script defer src="\#(href("contrib/auto-render.js"))"></script>"#
            html += "\n" + autoRenderScript(macros: macros)
        }
        return html
    }

    /// Typesets only the spans `ClientSideMathRenderer` wrote, with the delimiters it wrote them in.
    static func autoRenderScript(macros: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(macros.katexMacros)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let safeJSON = json.replacingOccurrences(of: "</", with: "<\\/")
        return """
        <script>document.addEventListener("DOMContentLoaded", function () {
          var options = {delimiters: [{left: "\\\\[", right: "\\\\]", display: true}, {left: "\\\\(", right: "\\\\)", display: false}], throwOnError: false, macros: \(safeJSON)};
          document.querySelectorAll(".math").forEach(function (el) { renderMathInElement(el, options); });
        });</script>
        """
    }
}
