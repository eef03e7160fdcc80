import Foundation
import SiteCore
import SiteMath

extension BuildStep {
    /// Writes pages and assets into the staging folder (theme assets, math assets, files kept beside notes).
    /// A page that cannot be written fails the build; a file that cannot be copied is a warning at that file.
    public static let writeOutput = BuildStep("write") { context in
        let staging = context.stagingURL
        let fileSystem = context.fileSystem
        let output = context.displayPath(context.outputURL)
        let files = context.outputFiles.sorted { $0.key < $1.key }
        let failures: [Diagnostic] = files.parallelMap { path, data in
            do {
                try fileSystem.write(data, staging.appendingPathComponent(path))
                return nil
            } catch {
                return Diagnostic.error("cannot write '\(output)/\(path)': \(FileSystem.reason(for: error))", code: "output-write")
            }
        }.compactMap { $0 }
        context.diagnostics += failures
        guard failures.isEmpty else { throw BuildAbort(step: "write") }

        var copies: [(from: URL, shownFrom: String, to: String)] = []
        let themeAssets = context.templatesURL.appendingPathComponent("assets")
        let shownThemeAssets = context.displayPath(themeAssets)
        for file in themeFiles(in: themeAssets) {
            copies.append((themeAssets.appendingPathComponent(file), "\(shownThemeAssets)/\(file)", "assets/\(file)"))
        }
        let shownNotes = context.displayPath(context.notesURL)
        for asset in context.assets {
            copies.append((context.notesURL.appendingPathComponent(asset), shownNotes.isEmpty ? asset : "\(shownNotes)/\(asset)", asset))
        }
        let pages = Set(context.outputFiles.keys)
        context.diagnostics += copies.parallelMap { copy -> Diagnostic? in
            let target = staging.appendingPathComponent(copy.to)
            let problem: String
            if pages.contains(copy.to) {
                problem = "a page of the site has that path"
            } else {
                do {
                    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try fileSystem.copy(copy.from.resolvingSymlinksInPath(), target)
                    return nil
                } catch {
                    problem = FileSystem.reason(for: error)
                }
            }
            return .warning("cannot copy '\(copy.shownFrom)' to '\(output)/\(copy.to)': \(problem); the site is written without it",
                            code: "asset-copy", at: SourceLocation(path: copy.shownFrom, line: 1, column: 1))
        }.compactMap { $0 }
        // Formulas are in the pages either way; without KaTeX's stylesheet they only look plainer.
        if context.counters["formulas", default: 0] > 0 {
            do {
                try MathAssets.install(into: staging, mode: context.mathMode)
            } catch {
                context.diagnostics.append(.warning("\(error); formulas will show without KaTeX styling",
                                                    code: "math-assets-missing"))
            }
        }
    }

    /// The theme's files under `folder` (relative paths, hidden files left out), following symbolic links so
    /// the site holds real files.
    static func themeFiles(in folder: URL) -> [String] {
        let fm = FileManager.default
        var files: [String] = []
        var pending = [""]
        var seen: Set<String> = []
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
            guard seen.insert(directory.resolvingSymlinksInPath().path).inserted else { continue }
            for name in ((try? fm.contentsOfDirectory(atPath: directory.path)) ?? []).sorted() where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue { pending.append(path) } else { files.append(path) }
            }
        }
        return files
    }
}
