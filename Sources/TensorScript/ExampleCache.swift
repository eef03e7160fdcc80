import Foundation
import SiteCore
import Tensor

/// A content-addressed cache of evaluated blocks on disk, one JSON file per block.
///
/// The key is the SHA-256 of the block source, the kernel version and the language version: not the path
/// or position, so a block that moves (or is copied to another note) is not evaluated again. The stored
/// errors are block-relative and are placed at the caller's path and lines when loaded.
///
/// A block stopped by its time limit is not stored: whether it finishes depends on the machine and its load,
/// so the next build tries it again (and a raised limit takes effect), while every finished result, errors
/// included, is the same on every machine and is stored.
public struct ExampleCache: Sendable {
    public let directory: URL?
    /// How long one block may run (`examples: timeout:` in sitegen.yml).
    public let timeLimit: Duration
    /// The site's language (`language:` in sitegen.yml), for the words plots write themselves.
    public let language: String

    /// `nil` = no caching.
    public init(directory: URL?, timeLimit: Duration = ExampleEvaluator.defaultTimeLimit, language: String = "en") {
        self.directory = directory
        self.timeLimit = timeLimit
        self.language = language
    }

    /// The cache key of a block run for a site in `language`.
    public static func key(for source: String, language: String = "en") -> String {
        ContentHash.sha256Hex(source, tensorKernelVersion, tensorScriptLanguageVersion, PlotWords(language: language).code)
    }

    /// Evaluates the block, or loads its earlier evaluation.
    public func output(for source: String, path: String, firstLine: Int, column: Int) -> ExampleOutput {
        guard let directory else {
            return ExampleEvaluator.evaluate(source, path: path, firstLine: firstLine, column: column, timeLimit: timeLimit,
                                             language: language)
        }
        let file = directory.appendingPathComponent(Self.key(for: source, language: language) + ".json")
        if let data = try? Data(contentsOf: file), let stored = try? JSONDecoder().decode(RenderedBlock.self, from: data) {
            return stored.output(path: path, firstLine: firstLine, column: column)
        }
        let rendered = RenderedBlock(BlockRunner.run(source, timeLimit: timeLimit, language: language))
        if !rendered.timedOut { store(rendered, at: file, in: directory) }
        return rendered.output(path: path, firstLine: firstLine, column: column)
    }

    /// Whether the block is in the cache.
    public func contains(_ source: String) -> Bool {
        guard let directory else { return false }
        return FileManager.default.fileExists(atPath: directory.appendingPathComponent(Self.key(for: source, language: language) + ".json").path)
    }

    /// Writes through a temporary file and a rename, so parallel pages (and a build killed midway) never
    /// leave half a file; the rename replaces an entry that could not be read (truncated by an older writer).
    private func store(_ rendered: RenderedBlock, at file: URL, in directory: URL) {
        guard let data = try? JSONEncoder().encode(rendered) else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
            guard rename(temporary.path, file.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
