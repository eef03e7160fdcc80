import Foundation
import SiteCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `sitegen build` killed (SIGKILL) at random moments: the output is always the whole previous site or the
/// whole new one, and the formula and example caches hold no entry that cannot be read.
///
/// 20 kills by default (about half a minute); `SITEGEN_KILL_TEST_KILLS=100 swift test --filter KillTests`
/// for the long run. The seed is fixed, so a failure reproduces.
@Suite struct KillTests {
    static let kills = Int(ProcessInfo.processInfo.environment["SITEGEN_KILL_TEST_KILLS"] ?? "") ?? 20

    /// Notes whose every build differs (a stamp page, a new formula and a new example each time), so
    /// both caches are written in every build and old and new sites are told apart.
    static func notes(build: Int) -> [String: String] {
        var notes = ["stamp.md": "# 第 \(build) 次构建\n\n这一版的公式 $x^{\(build)} + y_{\(build)}$。\n\n```tensor\nsoftmax([1, \(build), 3])\n```\n"]
        for i in 0..<30 {
            notes["章节\(i % 4)/笔记\(i).md"] = """
                # 笔记 \(i)

                损失 $L = \\sum_{k=1}^{\(i + 2)} (y_k - \\hat y_k)^2$，梯度见 [下一篇](笔记\(i + 4).md)。

                $$\\frac{\\partial L}{\\partial w_{\(i)}} = \\sigma(z)(1 - \\sigma(z))$$

                ```tensor
                relu([-1, 0, \(i)])
                ```
                """
        }
        return notes
    }

    @Test func killedBuildsLeaveTheOldOrTheNewSite() throws {
        let project = try CommandLineProject(notes: Self.notes(build: 0))
        defer { project.delete() }
        let first = try project.sitegen(["build", "--quiet"])
        try #require(first.status == 0, "\(first.stderr)")
        // Kills fall anywhere in a rebuild with a warm cache (the time of the latest one) or just after it.
        let warmStart = Date()
        try #require(try project.sitegen(["build", "--quiet"]).status == 0)
        var buildSeconds = Date().timeIntervalSince(warmStart)
        var previous = try project.tree("public")
        var generator = SeededGenerator(seed: 0x5EED_0008)
        var outcomes = (old: 0, new: 0)
        for build in 1...Self.kills {
            for (path, text) in Self.notes(build: build) { try project.write(path, text) }
            let delay = Double(generator.next() % 1000) / 1000 * buildSeconds * 1.2
            try project.sitegenKilled(["build", "--quiet"], after: delay)
            let afterKill = try project.tree("public")
            for entry in try project.cacheEntries() {
                #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: entry))) != nil,
                        "unreadable cache entry after a kill at \(delay) s: \(entry.lastPathComponent)")
            }
            let start = Date()
            let rebuilt = try project.sitegen(["build", "--quiet"])
            try #require(rebuilt.status == 0, "the build after a kill at \(delay) s failed: \(rebuilt.stderr)")
            buildSeconds = Date().timeIntervalSince(start)
            let current = try project.tree("public")
            #expect(current["stamp/index.html"].map { String(decoding: $0, as: UTF8.self).contains("第 \(build) 次构建") } == true)
            #expect(afterKill[".sitegen-site"] != nil)
            if afterKill == previous {
                outcomes.old += 1
            } else if afterKill == current {
                outcomes.new += 1
            } else {
                Issue.record("kill \(build) at \(String(format: "%.3f", delay)) s left a mix: \(afterKill.count) files, old \(previous.count), new \(current.count)")
            }
            previous = current
        }
        print("kill test: \(Self.kills) kills (a rebuild takes \(String(format: "%.2f", buildSeconds)) s): \(outcomes.old) left the old site, \(outcomes.new) the new one")
    }
}

extension CommandLineProject {
    /// Starts `sitegen`, sends it SIGKILL after `delay` seconds (if it is still running), and waits for it.
    func sitegenKilled(_ arguments: [String], after delay: Double) throws {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments + ["--templates", Self.templates.path]
        process.currentDirectoryURL = root
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        usleep(useconds_t(delay * 1_000_000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Every stored formula rendering and example result.
    func cacheEntries() throws -> [URL] {
        let cache = root.appendingPathComponent(".sitegen-cache")
        guard let e = FileManager.default.enumerator(at: cache, includingPropertiesForKeys: nil) else { return [] }
        return e.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
    }
}
