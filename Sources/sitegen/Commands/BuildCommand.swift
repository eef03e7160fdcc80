import ArgumentParser
import Foundation
import SiteBuild
import SiteCore

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the notes folder into the output folder (default: notes/ → public/).",
        discussion: "Settings come from sitegen.yml in the current folder; options here override them.")

    @OptionGroup var options: BuildOptions
    @Option(help: "Write a JSON build report (pages, diagnostics, counts, timings) to this file.") var report: String?
    @Flag(name: .shortAndLong, help: "Print only errors and warnings.") var quiet = false

    func run() throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let context = try options.context(root: root)
        let progress = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) != 0)
        let result = options.builder.build(context) { index, count, step in
            progress.show("[\(index)/\(count)] \(step)…")
        }
        progress.clear()

        // Repeats of one code in one file fold into a count line; the report keeps every diagnostic.
        let digest = DiagnosticDigest()
        var lines = digest.lines(quiet ? result.diagnostics.filter { $0.severity != .note } : result.diagnostics)
        if !quiet { lines += digest.table(result.diagnostics) }
        if !quiet || !result.committed { lines.append(result.summary) }
        if !lines.isEmpty { FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
        if let report {
            let url = BuildContext.resolve(report, against: root)
            do {
                try BuildReport(result).json().write(to: url)
            } catch {
                FileHandle.standardError.write(Data("sitegen: error: cannot write the report '\(report)': \(FileSystem.reason(for: error))\n".utf8))
                throw ExitCode(1)
            }
        }
        if result.refused { throw ExitCode(2) }
        if !result.committed { throw ExitCode(1) }
    }
}

/// A one-line progress display on a terminal, shown only for builds that take longer than a second.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let start = Date()
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ text: String) {
        guard enabled, Date().timeIntervalSince(start) > 1 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        shown = true
    }

    func clear() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
