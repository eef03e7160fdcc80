import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real binary refuses dangerous output folders with exit 2 and serialises builds into one output.
@Suite struct OutputSafetyCommandTests {
    @Test func outputThatIsTheNotesExitsTwoAndKeepsThem() throws {
        let project = try CommandLineProject(notes: ["a.md": "# A\n\n正文\n"])
        defer { project.delete() }
        let run = try project.sitegen(["build", "--out", "notes"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("notes folder"))
        #expect(try project.files(in: "notes") == ["a.md"])
        #expect(try project.entries() == ["notes"])
    }

    @Test func outputThatHoldsTheCurrentFolderOrIsHomeExitsTwo() throws {
        let project = try CommandLineProject(notes: ["a.md": "# A\n\n正文\n"])
        defer { project.delete() }
        let work = project.root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let up = try project.sitegen(["build", "--notes", "../notes", "--out", ".."], in: work)
        #expect(up.status == 2, "\(up.stderr)")
        #expect(up.stderr.contains("current folder"))

        let home = project.root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let intoHome = try project.sitegen(["build", "--out", home.path], environment: ["HOME": home.path])
        #expect(intoHome.status == 2, "\(intoHome.stderr)")
        #expect(intoHome.stderr.contains("home folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.path).isEmpty)
        #expect(try project.entries() == ["home", "notes", "work"])
    }

    @Test func missingConfigFileGivenOnTheCommandLineExitsTwo() throws {
        let project = try CommandLineProject(notes: ["a.md": "# A\n"])
        defer { project.delete() }
        let run = try project.sitegen(["build", "--config", "nope.yml"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("nope.yml"))
        #expect(try project.entries() == ["notes"])
        // The default sitegen.yml may be absent.
        #expect(try project.sitegen(["build"]).status == 0)
    }

    @Test func foldersInASettingsFileElsewhereAreRelativeToThatFile() throws {
        let project = try CommandLineProject(notes: [:])
        defer { project.delete() }
        let site = project.root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("pages"), withIntermediateDirectories: true)
        try Data("# Page\n\n正文\n".utf8).write(to: site.appendingPathComponent("pages/p.md"))
        try Data("notes: pages\noutput: out\n".utf8).write(to: site.appendingPathComponent("sitegen.yml"))
        let run = try project.sitegen(["build", "--config", "site/sitegen.yml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("out/p/index.html").path))
    }

    /// Another build holds the lock: this one waits a moment, then fails and leaves the output alone.
    @Test func buildWaitsForTheLockThenFails() throws {
        let project = try CommandLineProject(notes: ["a.md": "# A\n\n正文\n"])
        defer { project.delete() }
        #expect(try project.sitegen(["build"]).status == 0)
        let before = try project.tree("public")
        let lock = open(project.root.appendingPathComponent(".public.lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(flock(lock, LOCK_EX) == 0)
        try project.write("b.md", "# B\n")
        let blocked = try project.sitegen(["build"])
        #expect(blocked.status == 1, "\(blocked.stderr)")
        #expect(blocked.stderr.contains("another sitegen build is writing 'public'"), "\(blocked.stderr)")
        #expect(try project.tree("public") == before)

        // Released while the second build waits: it goes ahead.
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { close(lock) }
        let waited = try project.sitegen(["build"])
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(try project.tree("public").keys.contains("b/index.html"))
    }

    /// Two real builds of different notes into one output at once: the output is always one whole site.
    @Test func concurrentBuildsNeverMixTwoSites() throws {
        var a: [String: String] = [:], b: [String: String] = [:]
        for i in 0..<150 {
            a["a/\(i).md"] = "# 第 \(i) 篇 A\n\n内容 A \(i)，见 [下一篇](\(i + 1).md)。\n"
            b["b/\(i).md"] = "# 第 \(i) 篇 B\n\n内容 B \(i)。\n"
        }
        let project = try CommandLineProject(notes: a)
        defer { project.delete() }
        for (path, text) in b { try project.write(path, text, in: "other") }
        #expect(try project.sitegen(["build", "--notes", "notes", "--out", "expected-a"]).status == 0)
        #expect(try project.sitegen(["build", "--notes", "other", "--out", "expected-b"]).status == 0)
        let expected = [try project.tree("expected-a"), try project.tree("expected-b")]
        #expect(expected[0] != expected[1])

        for _ in 0..<3 {
            let runs = try project.sitegenConcurrently([
                ["build", "--quiet", "--notes", "notes", "--out", "site"],
                ["build", "--quiet", "--notes", "other", "--out", "site"],
            ])
            for run in runs {
                #expect(run.status == 0 || (run.status == 1 && run.stderr.contains("another sitegen build")), "\(run.stderr)")
            }
            #expect(runs.contains { $0.status == 0 })
            let site = try project.tree("site")
            #expect(expected.contains(site), "the output mixes two builds: \(site.count) files")
        }
    }
}

/// A throw-away project folder for running the real binary in.
struct CommandLineProject {
    let root: URL

    init(notes: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in notes { try write(path, text) }
    }

    static var templates: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates")
    }

    func write(_ path: String, _ text: String, in folder: String = "notes") throws {
        let url = root.appendingPathComponent(folder).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Runs `sitegen` with the repository's templates, in the project folder unless told otherwise.
    func sitegen(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws
        -> (status: Int32, stderr: String)
    {
        try CommandLineTests.run(CommandLineTests.binary, arguments + ["--templates", Self.templates.path],
                                 in: folder ?? root, environment: environment)
    }

    /// Runs several `sitegen` commands at the same time and waits for all of them.
    func sitegenConcurrently(_ commands: [[String]]) throws -> [(status: Int32, stderr: String)] {
        let results = ResultBox(count: commands.count)
        DispatchQueue.concurrentPerform(iterations: commands.count) { i in
            results.set(i, (try? sitegen(commands[i])) ?? (-1, "could not start"))
        }
        return results.values
    }

    /// Top-level names in the project folder.
    func entries() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: root.path))
    }

    func files(in folder: String) throws -> Set<String> {
        Set(try tree(folder).keys)
    }

    /// Every file under `folder` (relative path → contents).
    func tree(_ folder: String) throws -> [String: Data] {
        let base = root.appendingPathComponent(folder).standardizedFileURL
        var files: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return files }
        for case let url as URL in e where !url.hasDirectoryPath {
            files[String(url.standardizedFileURL.path.dropFirst(base.path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    func delete() { try? FileManager.default.removeItem(at: root) }
}

final class ResultBox: @unchecked Sendable {
    private var slots: [(status: Int32, stderr: String)]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: (-1, ""), count: count) }

    func set(_ i: Int, _ value: (status: Int32, stderr: String)) { lock.withLock { slots[i] = value } }

    var values: [(status: Int32, stderr: String)] { lock.withLock { slots } }
}
