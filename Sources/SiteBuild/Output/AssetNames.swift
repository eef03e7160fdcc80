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

    /// The `assets` template variable: the URL of each asset (with the base path, made page-relative like
    /// every link) under the keys of its theme path split at `/` and `.` (`assets/katex/x.min.css` is
    /// `assets.katex.x.min.css`). A file whose name continues another's (`a.css.map` beside `a.css`) has
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
