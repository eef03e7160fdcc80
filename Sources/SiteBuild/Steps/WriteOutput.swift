import Foundation
import SiteCore
import SiteMath

extension BuildStep {
    /// Writes pages and assets into the staging folder (theme assets, math assets, files kept beside notes).
    public static let writeOutput = BuildStep("write") { context in
        let staging = context.stagingURL
        let fileSystem = context.fileSystem
        let files = context.outputFiles.sorted { $0.key < $1.key }
        let failures: [Diagnostic] = files.parallelMap { path, data in
            do {
                try fileSystem.write(data, staging.appendingPathComponent(path))
                return nil
            } catch {
                return Diagnostic.error("cannot write '\(path)': \(error.localizedDescription)", code: "output-write")
            }
        }.compactMap { $0 }
        context.diagnostics += failures
        guard failures.isEmpty else { throw BuildAbort(step: "write") }

        let fm = FileManager.default
        do {
            let themeAssets = context.templatesURL.appendingPathComponent("assets")
            if fm.fileExists(atPath: themeAssets.path) {
                try copyTree(themeAssets, to: staging.appendingPathComponent("assets"))
            }
            for asset in context.assets {
                let target = staging.appendingPathComponent(asset)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.copyItem(at: context.notesURL.appendingPathComponent(asset), to: target)
            }
        } catch {
            context.diagnostics.append(.error("cannot copy assets: \(error.localizedDescription)", code: "output-assets"))
            throw BuildAbort(step: "write")
        }
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

    /// Copies a folder, following symbolic links so the site holds real files.
    static func copyTree(_ source: URL, to target: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: target, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: source.path) where !name.hasPrefix(".") {
            let from = source.appendingPathComponent(name).resolvingSymlinksInPath()
            let to = target.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: from.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                try copyTree(from, to: to)
            } else {
                try fm.copyItem(at: from, to: to)
            }
        }
    }
}
