import Foundation
import SiteCore
import SiteRender

/// Where the theme's assets go in the site. Stylesheets and scripts get a hash of their contents in their
/// names (`assets/style.css` → `assets/style.3f2a9c1b2d.css`), so hosts may cache them for ever; other
/// assets (images, fonts) keep their names, since stylesheets refer to them by name. Templates refer to
/// every asset through the `assets` variable, by its path in the theme: `{{assets.style.css}}`.
enum AssetNames {
    static let fingerprintedExtensions: Set<String> = ["css", "js"]

    /// The site path of every asset of `theme`, by its path in the theme. An asset that cannot be read keeps
    /// its name (copying it fails later with a warning at the file).
    static func sitePaths(of theme: Theme) -> [String: String] {
        var paths: [String: String] = [:]
        for asset in theme.assets {
            let ext = asset.path.split(separator: ".").last.map { $0.lowercased() } ?? ""
            if fingerprintedExtensions.contains(ext), let data = try? asset.contents() {
                paths[asset.path] = ContentHash.fingerprinted(asset.path, contents: Array(data))
            } else {
                paths[asset.path] = asset.path
            }
        }
        return paths
    }

    /// A warning at each place a template names a renamed asset by its plain path
    /// (`{{site.base}}assets/style.css`, from a theme written before names carried hashes): no file of
    /// that name is in the site.
    static func plainReferences(in theme: Theme, sitePaths: [String: String]) -> [Diagnostic] {
        let renamed = sitePaths.filter { $0.key != $0.value }.sorted { $0.key < $1.key }
        var diagnostics: [Diagnostic] = []
        for template in theme.templates {
            guard let data = try? template.contents() else { continue }
            let text = String(decoding: data, as: UTF8.self)
            for (path, sitePath) in renamed {
                var searchStart = text.startIndex
                while let found = text.range(of: path, range: searchStart..<text.endIndex) {
                    searchStart = found.upperBound
                    // `assets/style.css.map` or `assets/style.cssx` is another file.
                    if let next = text[found.upperBound...].first, next.isLetter || next.isNumber || next == "." || next == "-" || next == "_" { continue }
                    let before = text[..<found.lowerBound]
                    let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                    let column = before.distance(from: before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex, to: before.endIndex) + 1
                    let variable = path.split(whereSeparator: { $0 == "/" || $0 == "." }).joined(separator: ".")
                    diagnostics.append(.warning("'\(path)' is written as '\(sitePath)' (its name carries a hash of its contents); refer to it as {{\(variable)}}",
                                                code: "asset-renamed", at: SourceLocation(path: template.shownPath, line: line, column: column)))
                }
            }
        }
        return diagnostics
    }

    /// The `assets` template variable: the URL of each asset (with the base path, made page-relative like
    /// every link) under the keys of its theme path split at `/` and `.` (`assets/fonts/x.min.css` is
    /// `assets.fonts.x.min.css`). A file whose name continues another's (`a.css.map` beside `a.css`) has
    /// no key of its own.
    static func templateValue(_ sitePaths: [String: String], basePath: String) -> [String: Any] {
        var root: [String: Any] = [:]
        for (path, sitePath) in sitePaths.sorted(by: { $0.key < $1.key }) {
            let keys = path.split(whereSeparator: { $0 == "/" || $0 == "." }).map(String.init)
            insert(basePath + sitePath, at: keys[...], into: &root)
        }
        return root["assets"] as? [String: Any] ?? [:]
    }

    private static func insert(_ url: String, at keys: ArraySlice<String>, into object: inout [String: Any]) {
        guard let key = keys.first else { return }
        if keys.count == 1 {
            if object[key] == nil { object[key] = url }
            return
        }
        guard var inner = object[key, default: [String: Any]()] as? [String: Any] else { return }
        insert(url, at: keys.dropFirst(), into: &inner)
        object[key] = inner
    }
}
