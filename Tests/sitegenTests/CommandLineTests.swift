import Foundation
@testable import sitegen
import Testing

@Suite struct CommandLineTests {
    @Test func buildOptionsParse() throws {
        let command = try Sitegen.parseAsRoot(["build", "--notes", "n", "--out", "o", "--base-url", "/sub/", "--strict", "--quiet"])
        let build = try #require(command as? BuildCommand)
        #expect(build.options.notes == "n" && build.options.out == "o" && build.options.baseURL == "/sub/")
        #expect(build.options.strict && build.quiet && build.report == nil)
    }

    @Test func buildIsTheDefaultCommand() throws {
        #expect(try Sitegen.parseAsRoot([]) is BuildCommand)
    }

    @Test func unknownOptionIsAUsageError() {
        #expect(throws: (any Error).self) { try Sitegen.parseAsRoot(["build", "--nope"]) }
    }

    /// The real binary: exit 2 on usage errors, 1 on a failed build, 0 with --version.
    @Test func exitCodes() throws {
        let binary = Self.productsDirectory.appendingPathComponent("sitegen")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no binary at \(binary.path)")
        #expect(try Self.run(binary, ["--version"]).status == 0)
        #expect(try Self.run(binary, ["build", "--no-such-flag"]).status == 2)
        let missing = try Self.run(binary, ["build", "--notes", "/nonexistent-\(UUID().uuidString)", "--out", NSTemporaryDirectory() + "/sitegen-unused"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error: notes folder"))
        #expect(missing.stderr.contains("build failed"))
    }

    static var productsDirectory: URL {
        Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
            ?? Bundle.main.bundleURL
    }

    static var binary: URL { productsDirectory.appendingPathComponent("sitegen") }

    static func run(_ binary: URL, _ arguments: [String], in folder: URL = FileManager.default.temporaryDirectory,
                    environment: [String: String] = [:]) throws -> (status: Int32, stderr: String) {
        let run = try runCapturingOutput(binary, arguments, in: folder, environment: environment)
        return (run.status, run.stderr)
    }

    static func runCapturingOutput(_ binary: URL, _ arguments: [String], in folder: URL = FileManager.default.temporaryDirectory,
                                   environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let errors = Pipe(), output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        try process.run()
        // Both pipes are read while the process runs, so neither fills up and blocks it.
        nonisolated(unsafe) var outputData = Data()
        let reader = Thread { outputData = output.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: data, as: UTF8.self))
    }
}

@Suite struct CheckCommandTests {
    @Test func checkOptionsParse() throws {
        let command = try Sitegen.parseAsRoot(["check", "--notes", "n", "--strict", "--report", "r.json"])
        let check = try #require(command as? CheckCommand)
        #expect(check.notes == "n" && check.strict && check.report == "r.json")
        #expect(throws: (any Error).self) { try Sitegen.parseAsRoot(["check", "--out", "o"]) }
    }

    /// The real binary checks a folder of notes, writes no site, and exits 1 only on errors.
    @Test func checkWritesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("notes"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("# 甲\n\n见 [[不存在]]。\n".utf8).write(to: folder.appendingPathComponent("notes/a.md"))
        let run = try CommandLineTests.run(CommandLineTests.binary, ["check"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: [[不存在]] leads nowhere"))
        #expect(run.stderr.contains("1 broken links, 0 missing images, 1 orphan notes"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("public").path))
        #expect(try CommandLineTests.run(CommandLineTests.binary, ["check", "--strict"], in: folder).status == 1)
    }
}
