import Foundation
import SiteCore
import SitePreview
@testable import sitegen
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ServeCommandTests {
    @Test func optionsParseWithTheBuildOptions() throws {
        let serve = try #require(try Sitegen.parseAsRoot(["serve", "--port", "9000", "--host", "0.0.0.0", "--open",
                                                          "--notes", "n", "--strict", "--poll"]) as? ServeCommand)
        #expect(serve.port == 9000 && serve.host == "0.0.0.0" && serve.open && serve.poll)
        #expect(serve.options.notes == "n" && serve.options.strict)
        let defaults = try #require(try Sitegen.parseAsRoot(["serve"]) as? ServeCommand)
        #expect(defaults.port == 8000 && defaults.host == "127.0.0.1" && !defaults.open && !defaults.poll)
        #expect(throws: (any Error).self) { try Sitegen.parseAsRoot(["serve", "--port", "70000"]) }
    }

    /// The real binary on a port another program holds: exit 1 before building, naming a free port.
    @Test func aBusyPortIsAClearError() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        try #require(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-serve-port-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("notes"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CommandLineTests.runCapturingOutput(CommandLineTests.binary, ["serve", "--port", String(port)], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("sitegen: error: port \(port) on 127.0.0.1 is in use (is another server running?); try --port "))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("public").path))
    }

    static func outcome(succeeded: Bool, _ diagnostics: [Diagnostic]) -> RebuildOutcome {
        let root = URL(fileURLWithPath: "/nonexistent")
        return RebuildOutcome(succeeded: succeeded, diagnostics: diagnostics,
                              summary: succeeded ? "built 3 pages" : "build failed, public/ left as it was",
                              site: ServedSite(folder: root, basePath: "/"), inputs: WatchedInputs(folders: [], files: []), root: root)
    }

    @Test func aRebuildShowsTheChangedFilesWarningsAndEveryError() {
        let here = Diagnostic.warning("a link leads nowhere", code: "link-broken", at: SourceLocation(path: "notes/a.md", line: 3, column: 1))
        let elsewhere = Diagnostic.warning("an old warning", code: "math-lost", at: SourceLocation(path: "notes/b.md", line: 9, column: 1))
        let error = Diagnostic.error("invalid YAML", code: "yaml-syntax", at: SourceLocation(path: "notes/c.md", line: 2, column: 1))

        let good = ServeCommand.lines(for: Self.outcome(succeeded: true, [here, elsewhere]), changedIn: ["notes/a.md"])
        #expect(good == [here.description, "notes/a.md changed: built 3 pages"])

        let bad = ServeCommand.lines(for: Self.outcome(succeeded: false, [here, elsewhere, error]), changedIn: ["notes/a.md", "notes/c.md"])
        #expect(bad == [here.description, error.description,
                        "notes/a.md and 1 more changed: build failed, public/ left as it was; serving the last good site"])

        // The first build shows everything, as `sitegen build` does.
        let first = ServeCommand.lines(for: Self.outcome(succeeded: true, [here, elsewhere]), changedIn: nil)
        #expect(first == [here.description, elsewhere.description, "built 3 pages"])
    }
}
