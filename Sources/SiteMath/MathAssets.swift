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
    /// `katex.min.js` and `contrib/auto-render.js` in client-side mode.
    public static func install(into siteDirectory: URL, mode: MathRenderingMode, from source: URL = defaultSource) throws {
        let fm = FileManager.default
        let target = siteDirectory.appendingPathComponent(sitePath, isDirectory: true)
        try fm.createDirectory(at: target, withIntermediateDirectories: true)
        var files = ["katex.min.css"]
        if mode == .clientSide { files += ["katex.min.js", "contrib/auto-render.js"] }
        for file in files {
            let from = source.appendingPathComponent(file).resolvingSymlinksInPath()
            guard fm.fileExists(atPath: from.path) else { throw InstallError.missing(from.path) }
            try copyReplacing(from, to: target.appendingPathComponent(file))
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
    public static func headHTML(baseURL: String, mode: MathRenderingMode, macros: [String: String] = [:]) -> String {
        let base = baseURL.isEmpty || baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        let root = (base + sitePath).htmlEscaped
        var html = #"<link rel="stylesheet" href="\#(root)/katex.min.css">"#
        if mode == .clientSide {
            html += "\n" + #"<script defer src="\#(root)/katex.min.js"></script>"#
            html += "\n" + #"<script defer src="\#(root)/contrib/auto-render.js"></script>"#
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
