import Foundation
import SiteBuild
import SiteCore
import SiteMath
import Testing

/// A throw-away project folder with notes, the repository's templates, and an output folder.
struct TemporaryProject {
    let root: URL

    init(notes: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in notes { try write(path, text) }
    }

    static var repositoryTemplates: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates")
    }

    func write(_ notePath: String, _ text: String) throws {
        let url = root.appendingPathComponent("notes").appendingPathComponent(notePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove(_ notePath: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent("notes").appendingPathComponent(notePath))
    }

    func context(baseURL: String = "", output: String = "public", fileSystem: FileSystem = .disk) -> BuildContext {
        var config = SiteConfig()
        config.templatesDirectory = Self.repositoryTemplates.path
        config.baseURL = baseURL
        config.outputDirectory = output
        var context = BuildContext(config: config, root: root, fileSystem: fileSystem)
        context.math = ClientSideMathRenderer()
        return context
    }

    func build(baseURL: String = "", output: String = "public", fileSystem: FileSystem = .disk, strict: Bool = false) -> BuildResult {
        SiteBuilder(strict: strict).build(context(baseURL: baseURL, output: output, fileSystem: fileSystem))
    }

    var output: URL { root.appendingPathComponent("public") }

    func page(_ relative: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Where the theme asset `path` (`assets/style.css`) was written: the one file of the output named like it
    /// with ten hex digits of content hash before the extension (`assets/style.3f2a9c1b2d.css`).
    func hashedAsset(_ path: String) throws -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().relativePath
        let (stem, ext) = (url.deletingPathExtension().lastPathComponent, url.pathExtension)
        let names = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent(folder).path).filter { name in
            guard name.hasPrefix(stem + "."), name.hasSuffix("." + ext) else { return false }
            let hash = name.dropFirst(stem.count + 1).dropLast(ext.count + 1)
            return hash.count == 10 && hash.allSatisfy { $0.isHexDigit && !$0.isUppercase }
        }
        guard names.count == 1, let name = names.first else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "\(folder)/\(stem).<hash>.\(ext) (found \(names))"])
        }
        return "\(folder)/\(name)"
    }

    /// Builds the notes afresh into `fresh/` and expects the output folder to hold the same files with the
    /// same bytes (but for the marker, which names its folder): reuse changes how a site is made, never what it is.
    func expectOutputEqualsFreshBuild(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        #expect(SiteBuilder().build(context(output: "fresh")).committed, sourceLocation: sourceLocation)
        var fresh = try snapshot(of: root.appendingPathComponent("fresh"))
        var kept = try snapshot()
        fresh["/" + OutputSafety.markerName] = nil
        kept["/" + OutputSafety.markerName] = nil
        #expect(kept.keys.sorted() == fresh.keys.sorted(), sourceLocation: sourceLocation)
        #expect(kept.filter { fresh[$0.key] != $0.value }.keys.sorted() == [], sourceLocation: sourceLocation)
    }

    /// Every file under the output folder (or `folder`) with its contents, to prove a failed build changed nothing.
    func snapshot(of folder: URL? = nil) throws -> [String: Data] {
        let folder = folder ?? output
        var files: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return files }
        let base = folder.standardizedFileURL.path
        for case let url as URL in e where !url.hasDirectoryPath {
            let path = url.standardizedFileURL.path
            files[String(path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return files
    }

    /// The names in the project folder, to prove a refused build created nothing beside its output.
    func rootEntries() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: root.path))
    }

    /// Removes what the last build remembered of the whole site (`SiteManifest`), so the next build runs
    /// every step even when nothing changed (the note cache and the formula cache stay).
    func forgetSite() {
        try? FileManager.default.removeItem(at: root.appendingPathComponent(".sitegen-cache/site"))
    }

    func delete() { try? FileManager.default.removeItem(at: root) }
}
