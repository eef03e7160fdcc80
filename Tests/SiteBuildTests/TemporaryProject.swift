import Foundation
import SiteBuild
import SiteCore
import SiteMath

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

    func delete() { try? FileManager.default.removeItem(at: root) }
}
