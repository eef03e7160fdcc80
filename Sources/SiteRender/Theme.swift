import Foundation

/// The files of a site's look: Mustache templates (`note.mustache`, `partials/toc.mustache`) and the assets
/// copied into the site (`assets/style.css`), by their path inside the theme.
///
/// sitegen carries a complete theme (`builtIn`, generated from the repository's `templates/`); a templates
/// folder overrides it file by file, like Hugo's theme lookup: a folder holding only `note.mustache`
/// changes note pages and keeps the rest of the built-in theme.
public struct Theme: Sendable {
    public struct File: Sendable, Hashable {
        /// Path inside the theme, e.g. `note.mustache`, `assets/style.css`.
        public var path: String
        /// How diagnostics name the file: `templates/note.mustache`, `(built-in theme)/note.mustache`.
        public var shownPath: String
        public var origin: Origin

        public enum Origin: Sendable, Hashable {
            case disk(URL)
            case builtIn(Data)
        }

        public func contents() throws -> Data {
            switch origin {
            case .disk(let url): try Data(contentsOf: url)
            case .builtIn(let data): data
            }
        }
    }

    /// Every file by its path inside the theme.
    public private(set) var files: [String: File]

    /// What diagnostics call the built-in theme's folder.
    public static let builtInName = "(built-in theme)"

    /// The theme built into sitegen.
    public static let builtIn = Theme(files: Dictionary(uniqueKeysWithValues: BuiltInTheme.files.map {
        ($0.path, File(path: $0.path, shownPath: "\(builtInName)/\($0.path)", origin: .builtIn($0.contents)))
    }))

    /// The theme files in `folder` (every `*.mustache` outside `assets/`, every file in `assets/`; hidden files
    /// left out, symbolic links followed), named `shownAs/<path>` in diagnostics; `nil` when there is no such folder.
    public static func folder(_ folder: URL, shownAs shownFolder: String) -> Theme? {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        var files: [String: File] = [:]
        var pending = [""]
        var seen: Set<String> = []
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
            guard seen.insert(directory.resolvingSymlinksInPath().path).inserted else { continue }
            for name in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? [] where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                let url = folder.appendingPathComponent(path)
                guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    pending.append(path)
                } else if path.hasPrefix("assets/") || path.hasSuffix(".mustache") {
                    files[path] = File(path: path, shownPath: shownFolder.isEmpty ? path : "\(shownFolder)/\(path)", origin: .disk(url))
                }
            }
        }
        return Theme(files: files)
    }

    /// This theme with `other`'s files in place of its own of the same path, and `other`'s additions.
    public func overridden(by other: Theme) -> Theme {
        Theme(files: files.merging(other.files) { _, override in override })
    }

    /// The Mustache templates, sorted by path.
    public var templates: [File] {
        files.values.filter { !$0.path.hasPrefix("assets/") }.sorted { $0.path < $1.path }
    }

    /// The files under `assets/`, sorted by path; the site gets them at the same path.
    public var assets: [File] {
        files.values.filter { $0.path.hasPrefix("assets/") }.sorted { $0.path < $1.path }
    }
}
