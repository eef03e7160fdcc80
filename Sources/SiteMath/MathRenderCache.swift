import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SiteCore

/// What KaTeX said about one formula, stored without its location so any page can reuse it.
struct KaTeXOutcome: Codable, Sendable, Hashable {
    var html: String?
    /// KaTeX's parse error (`KaTeX parse error: …`) or the exception it threw (`RangeError: …`).
    var error: String?
    var warnings: [KaTeXWarning]
}

/// A strict-mode complaint (`code` as KaTeX names it, e.g. `unknownSymbol`) or a `console.warn` (`console`).
struct KaTeXWarning: Codable, Sendable, Hashable {
    var code: String
    var message: String
    /// The token KaTeX complained about, whole (KaTeX's `message` may hold half of an astral character).
    var symbol: String?
}

/// Renderings keyed by sha256(formula, display, KaTeX version, macros), in memory and in a folder.
final class MathRenderCache: @unchecked Sendable {
    private let directory: URL?
    private var memory: [String: KaTeXOutcome] = [:]
    private let lock = NSLock()

    init(directory: URL?) {
        self.directory = directory
        if let directory { try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
    }

    static func key(tex: String, display: Bool, version: String, macros: String) -> String {
        ContentHash.sha256Hex(tex, display ? "display" : "inline", "katex-\(version)", "driver-\(KaTeXDriver.revision)", macros)
    }

    func lookup(_ key: String) -> KaTeXOutcome? {
        if let hit = lock.withLock({ memory[key] }) { return hit }
        guard let file = file(for: key), let data = try? Data(contentsOf: file),
              let outcome = try? JSONDecoder().decode(KaTeXOutcome.self, from: data)
        else { return nil }
        lock.withLock { memory[key] = outcome }
        return outcome
    }

    func store(_ outcome: KaTeXOutcome, for key: String) {
        lock.withLock { memory[key] = outcome }
        guard let file = file(for: key), let data = try? JSONEncoder().encode(outcome) else { return }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        Self.writeAtomically(data, to: file.path)
    }

    /// Write to a unique temporary name, then rename. Plain POSIX calls: Foundation's `Data.write` costs
    /// about 5 ms per file on Linux, which would dominate a cold build.
    static func writeAtomically(_ data: Data, to path: String) {
        let temporary = path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        let written = data.withUnsafeBytes { buffer in buffer.baseAddress.map { write(fd, $0, buffer.count) } ?? 0 }
        close(fd)
        if written == data.count, rename(temporary, path) == 0 { return }
        unlink(temporary)
    }

    private func file(for key: String) -> URL? {
        directory?.appendingPathComponent(String(key.prefix(2)), isDirectory: true).appendingPathComponent(key + ".json")
    }
}
