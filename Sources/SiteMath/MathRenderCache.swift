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

/// Renderings keyed by sha256(formula, display, KaTeX version, macros), in memory and in a folder of 256 shard
/// files named by a key's first two hex digits (`3f.lines`), each holding lines `<key>\t<JSON outcome>` that
/// builds append to. A file per formula cost a cold build more in creating files than KaTeX took to typeset
/// them; a damaged line costs only its formula, which is typeset again.
final class MathRenderCache: @unchecked Sendable {
    private let directory: URL?
    private var memory: [String: KaTeXOutcome] = [:]
    /// The shard files read so far: each key's undecoded JSON.
    private var shards: [String: [String: Data]] = [:]
    private let lock = NSLock()

    init(directory: URL?) {
        self.directory = directory
        if let directory { try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
    }

    static func key(tex: String, display: Bool, version: String, macros: String) -> String {
        ContentHash.sha256Hex(tex, display ? "display" : "inline", "katex-\(version)", "driver-\(KaTeXDriver.revision)", macros)
    }

    func lookup(_ key: String) -> KaTeXOutcome? {
        lock.withLock {
            if let hit = memory[key] { return hit }
            let shard = Self.shard(of: key)
            if shards[shard] == nil { shards[shard] = readShard(shard) }
            guard let json = shards[shard]?.removeValue(forKey: key),
                  let outcome = try? JSONDecoder().decode(KaTeXOutcome.self, from: json) else { return nil }
            memory[key] = outcome
            return outcome
        }
    }

    /// Stores outcomes by key: one append per shard file, the shards in parallel.
    func store(_ entries: [(key: String, outcome: KaTeXOutcome)]) {
        lock.withLock { for (key, outcome) in entries { memory[key] = outcome } }
        guard let directory else { return }
        let byShard = Array(Dictionary(grouping: entries) { Self.shard(of: $0.key) })
        DispatchQueue.concurrentPerform(iterations: byShard.count) { i in
            var lines = Data()
            let encoder = JSONEncoder()
            for (key, outcome) in byShard[i].value {
                guard let json = try? encoder.encode(outcome) else { continue }
                lines.append(contentsOf: key.utf8)
                lines.append(0x09)
                lines.append(json)
                lines.append(0x0A)
            }
            Self.append(lines, to: directory.appendingPathComponent(byShard[i].key + ".lines").path)
        }
    }

    private static func shard(of key: String) -> String { String(key.prefix(2)) }

    private func readShard(_ shard: String) -> [String: Data] {
        guard let directory, let data = FileManager.default.contents(atPath: directory.appendingPathComponent(shard + ".lines").path)
        else { return [:] }
        var entries: [String: Data] = [:]
        for line in data.split(separator: 0x0A) {
            guard let tab = line.firstIndex(of: 0x09) else { continue }
            entries[String(decoding: line[..<tab], as: UTF8.self)] = Data(line[(tab + 1)...])
        }
        return entries
    }

    /// One `write` with `O_APPEND`: another build appending to the same file at once cannot interleave with it.
    static func append(_ data: Data, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { return }
        _ = data.withUnsafeBytes { buffer in buffer.baseAddress.map { write(fd, $0, buffer.count) } }
        close(fd)
    }
}
