import Foundation
import SiteCore

/// The KaTeX files a site needs, copied from Debian's `libjs-katex`.
public enum MathAssets {
    /// Where `libjs-katex` installs KaTeX's browser files.
    public static let defaultSource = URL(fileURLWithPath: "/usr/share/javascript/katex", isDirectory: true)
    public enum InstallError: Error, CustomStringConvertible {
        case missing(String)

        public var description: String {
            switch self {
            case .missing(let path): "KaTeX asset \(path) not found; install `libjs-katex` (and `fonts-katex`)"
            }
        }
    }

    /// Copies `katex.min.css` and `fonts/` (following symlinks) into `<site>/<sitePath>`, plus
    /// `katex.min.js` and `contrib/auto-render.js` in client-side mode.
    public static func install(into siteDirectory: URL, mode: MathRenderingMode, from source: URL = defaultSource) throws {
        let fm = FileManager.default
        let target = siteDirectory.appendingPathComponent(sitePath(from: source), isDirectory: true)
        try fm.createDirectory(at: target, withIntermediateDirectories: true)
        for file in files(mode) {
            let from = source.appendingPathComponent(file).resolvingSymlinksInPath()
            guard fm.fileExists(atPath: from.path) else { throw InstallError.missing(from.path) }
            try copyReplacing(from, to: target.appendingPathComponent(file))
        }
        let names = fontNames(in: source)
        guard !names.isEmpty else { throw InstallError.missing(source.appendingPathComponent("fonts").resolvingSymlinksInPath().path) }
        let fonts = source.appendingPathComponent("fonts", isDirectory: true).resolvingSymlinksInPath()
        for name in names {
            try copyReplacing(fonts.appendingPathComponent(name).resolvingSymlinksInPath(),
                              to: target.appendingPathComponent("fonts", isDirectory: true).appendingPathComponent(name))
        }
    }

    /// The stylesheet and the scripts, by their path in `source`; client-side only needs the scripts.
    static func files(_ mode: MathRenderingMode) -> [String] {
        mode == .clientSide ? ["katex.min.css", "katex.min.js", "contrib/auto-render.js"] : ["katex.min.css"]
    }

    static func fontNames(in source: URL) -> [String] {
        let fonts = source.appendingPathComponent("fonts", isDirectory: true).resolvingSymlinksInPath()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fonts.path)) ?? []
        return names.filter { $0.hasSuffix(".woff2") || $0.hasSuffix(".woff") || $0.hasSuffix(".ttf") }.sorted()
    }

    /// The folder of KaTeX's files in the site, named with a hash of the stylesheet, the scripts and the
    /// fonts' names and sizes (`assets/katex.3f2a9c1b2d`): another KaTeX gets another folder, so hosts may
    /// cache every file in it for ever, and the stylesheet's links to `fonts/` stay as KaTeX wrote them.
    public static func sitePath(from source: URL = defaultSource) -> String {
        let fm = FileManager.default
        let stylesheet = source.appendingPathComponent("katex.min.css").resolvingSymlinksInPath()
        let attributes = try? fm.attributesOfItem(atPath: stylesheet.path)
        let key = "\(stylesheet.path)\u{0}\((attributes?[.size] as? Int) ?? -1)\u{0}\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        if let cached = folders.value(key) { return cached }
        var bytes: [UInt8] = []
        for file in files(.clientSide) {
            bytes += Array(fm.contents(atPath: source.appendingPathComponent(file).resolvingSymlinksInPath().path) ?? Data())
            bytes.append(0)
        }
        let fonts = source.appendingPathComponent("fonts", isDirectory: true).resolvingSymlinksInPath()
        for name in fontNames(in: source) {
            let size = (try? fm.attributesOfItem(atPath: fonts.appendingPathComponent(name).path))?[.size] as? Int ?? -1
            bytes += Array("\(name) \(size)\n".utf8)
        }
        let folder = ContentHash.fingerprinted("assets/katex", contents: bytes)
        folders.set(key, folder)
        return folder
    }

    /// Folder names by stylesheet, size and modification time: hashing KaTeX's script (270 KB) once per
    /// process is enough, and a server rebuilds often.
    private static let folders = FolderCache()

    private final class FolderCache: @unchecked Sendable {
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
        let folder = sitePath(from: source)
        func href(_ file: String) -> String { (base + folder + "/" + file).htmlEscaped }
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
