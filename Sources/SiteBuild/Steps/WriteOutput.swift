import Foundation
import SiteCore
import SiteMath
import SiteRender

extension BuildStep {
    /// Writes pages and assets into the staging folder (theme assets, math assets, files kept beside notes).
    /// A page that cannot be written fails the build; a file that cannot be copied, or that has the path of a
    /// generated file, is a warning at that file.
    ///
    /// With an `OutputLedger` that describes the output folder (`writesInPlace`), only files whose bytes
    /// changed are written, into the output folder itself, and files no longer produced are removed.
    public static let writeOutput = BuildStep("write") { context in
        let inPlace = context.writesInPlace
        let staging = inPlace ? context.outputURL : context.stagingURL
        let fileSystem = context.fileSystem
        let output = context.displayPath(context.outputURL)
        let ledger = context.outputLedger
        let previous = inPlace ? ledger?.record : nil
        var record = OutputLedger.Record()
        /// Writes `target` unless the previous build wrote the same `stamp` there; true when written.
        @Sendable func put(_ path: String, _ stamp: OutputLedger.Stamp?, _ write: (URL) throws -> Void) throws -> Bool {
            if let stamp, previous?.stamps[path] == stamp { return false }
            let target = staging.appendingPathComponent(path)
            if inPlace { try OutputLedger.replace(target, write) } else { try write(target) }
            return true
        }
        let files = context.outputFiles.sorted { $0.key < $1.key }
        let written: [OutputLedger.Outcome] = files.parallelMap { path, data in
            let stamp = ledger?.stamp(path, data)
            do {
                return .written(stamp, try put(path, stamp) { try fileSystem.write(data, $0) })
            } catch {
                return .failure(.error("cannot write '\(output)/\(path)': \(FileSystem.reason(for: error))", code: "output-write"))
            }
        }
        var changed: [String] = []
        var failures: [Diagnostic] = []
        for ((path, _), result) in zip(files, written) {
            switch result {
            case .written(let stamp, let wrote):
                record.stamps[path] = stamp
                if wrote { changed.append(path) }
            case .failure(let diagnostic): failures.append(diagnostic)
            }
        }
        context.diagnostics += failures
        guard failures.isEmpty else { throw BuildAbort(step: "write") }
        ledger?.rememberStamps(zip(files, written).compactMap { file, result in
            guard case .written(let stamp?, _) = result else { return nil }
            return (file.key, file.value, stamp)
        })

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
            case "CNAME" where context.produces(asset): "the `cname` setting"
            case _ where context.produces(asset): asset.hasSuffix(".html") ? "a page sitegen writes" : "a file sitegen writes"
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
        let copied: [OutputLedger.Outcome] = copies.parallelMap { copy in
            let target = staging.appendingPathComponent(copy.to)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                switch copy.from {
                case .disk(let url):
                    let source = url.resolvingSymlinksInPath()
                    let stamp = ledger == nil ? nil : OutputLedger.stamp(source: source)
                    return .written(stamp, try put(copy.to, stamp) { try fileSystem.copy(source, $0) })
                case .builtIn(let data):
                    let stamp = ledger == nil ? nil : OutputLedger.stamp(data)
                    return .written(stamp, try put(copy.to, stamp) { try fileSystem.write(data, $0) })
                }
            } catch {
                return .failure(.warning("cannot copy '\(copy.shownFrom)' to '\(output)/\(copy.to)': \(FileSystem.reason(for: error)); the site is written without it",
                                         code: "asset-copy", at: SourceLocation(path: copy.shownFrom, line: 1, column: 1)))
            }
        }
        for (copy, result) in zip(copies, copied) {
            switch result {
            case .written(let stamp, let wrote):
                record.stamps[copy.to] = stamp
                if wrote { changed.append(copy.to) }
            case .failure(let diagnostic): context.diagnostics.append(diagnostic)
            }
        }
        // Formulas are in the pages either way; without KaTeX's stylesheet they only look plainer.
        if context.counters["formulas", default: 0] > 0 {
            if previous?.mathMode == context.mathMode {
                record.mathMode = context.mathMode
            } else {
                do {
                    try MathAssets.install(into: staging, mode: context.mathMode)
                    record.mathMode = context.mathMode
                } catch {
                    context.diagnostics.append(.warning("\(error); formulas will show without KaTeX styling",
                                                        code: "math-assets-missing"))
                }
            }
        }
        let writtenCount = changed.count
        if let previous {
            for path in previous.stamps.keys where record.stamps[path] == nil {
                if (try? FileManager.default.removeItem(at: staging.appendingPathComponent(path))) != nil { changed.append(path) }
            }
        }
        ledger?.propose(record, written: writtenCount, changed: changed, inPlace: inPlace)
    }
}
