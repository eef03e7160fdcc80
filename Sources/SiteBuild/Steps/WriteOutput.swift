import Foundation
import SiteCore
import SiteMath
import SiteRender

extension BuildStep {
    /// Writes pages and assets into the staging folder (theme assets, math assets, files kept beside notes).
    /// A page that cannot be written fails the build; a file that cannot be copied, or that has the path of a
    /// generated file, is a warning at that file.
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

        var copies: [(from: Theme.File.Origin, shownFrom: String, to: String)] = context.theme.assets.map {
            ($0.origin, $0.shownPath, context.assetPaths[$0.path] ?? $0.path)
        }
        // Generated files win: a file beside the notes at the path of a page or a theme asset (a docsify or
        // Jekyll `index.html`, `404.html`) is left out, with one warning naming it.
        let themePaths = Set(copies.map(\.to))
        let shownNotes = context.displayPath(context.notesURL)
        for asset in context.assets {
            let shown = shownNotes.isEmpty ? asset : "\(shownNotes)/\(asset)"
            let owner: String? = switch asset {
            case "index.html": "sitegen's home page"
            case "404.html": "sitegen's not-found page"
            case "CNAME" where context.outputFiles[asset] != nil: "the `cname` setting"
            case _ where context.outputFiles[asset] != nil: asset.hasSuffix(".html") ? "a page sitegen writes" : "a file sitegen writes"
            case _ where themePaths.contains(asset): "the theme's '\(asset)'"
            default: nil
            }
            if let owner {
                context.diagnostics.append(.warning("'\(shown)' is not copied into the site: \(owner) has that path (generated files win); rename the file to publish it",
                                                    code: "asset-collision", at: SourceLocation(path: shown, line: 1, column: 1)))
            } else {
                copies.append((.disk(context.notesURL.appendingPathComponent(asset)), shown, asset))
            }
        }
        context.diagnostics += copies.parallelMap { copy -> Diagnostic? in
            let target = staging.appendingPathComponent(copy.to)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                switch copy.from {
                case .disk(let url): try fileSystem.copy(url.resolvingSymlinksInPath(), target)
                case .builtIn(let data): try fileSystem.write(data, target)
                }
                return nil
            } catch {
                return .warning("cannot copy '\(copy.shownFrom)' to '\(output)/\(copy.to)': \(FileSystem.reason(for: error)); the site is written without it",
                                code: "asset-copy", at: SourceLocation(path: copy.shownFrom, line: 1, column: 1))
            }
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
}
