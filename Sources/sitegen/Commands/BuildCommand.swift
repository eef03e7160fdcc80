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

        Self.printOutcome(result, quiet: quiet)
        try Self.writeReport(result, to: report, root: root)
        if result.refused { throw ExitCode(2) }
        if !result.committed { throw ExitCode(1) }
    }
}

extension BuildCommand {
    /// The settings file (`config`, else `sitegen.yml`, which may be absent) with the folders it names
    /// resolved against its own folder; the file it read and what it had to say about it.
    /// `--notes` and `--templates`, when given, override the file.
    static func settings(config: String?, root: URL, notes: String? = nil, templates: String? = nil) throws
        -> (SiteConfig, URL, [Diagnostic])
    {
        let configURL = BuildContext.resolve(config ?? "sitegen.yml", against: root)
        if let config, !FileManager.default.fileExists(atPath: configURL.path) {
            throw ValidationError("the settings file '\(config)' does not exist")
        }
        var (settings, diagnostics) = ConfigLoader.load(from: configURL, displayPath: config ?? "sitegen.yml")
        // Folders named in a settings file elsewhere are relative to that file, as the README says.
        let settingsFolder = configURL.deletingLastPathComponent()
        if settingsFolder.standardizedFileURL.path != root.standardizedFileURL.path {
            for key in [\SiteConfig.notesDirectory, \.templatesDirectory, \.outputDirectory, \.cacheDirectory]
            where !settings[keyPath: key].hasPrefix("/") {
                settings[keyPath: key] = BuildContext.resolve(settings[keyPath: key], against: settingsFolder).path
            }
        }
        if let notes { settings.notesDirectory = notes }
        if let templates {
            settings.templatesDirectory = templates
            settings.templatesDirectoryRequired = true
        }
        return (settings, configURL, diagnostics)
    }

    /// Prints a build's diagnostics to stderr, repeats of one code in one file folded into a count line
    /// (the report keeps every one), then the table of counts and the summary line.
    static func printOutcome(_ result: BuildResult, quiet: Bool) {
        let digest = DiagnosticDigest()
        var lines = digest.lines(quiet ? result.diagnostics.filter { $0.severity != .note } : result.diagnostics)
        if !quiet { lines += digest.table(result.diagnostics) }
        if !quiet || !(result.committed || result.checked) { lines.append(result.summary) }
        if !lines.isEmpty { FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
    }

    /// Writes the JSON report to `report` (relative to `root`) when asked; one that cannot be written exits with 1.
    static func writeReport(_ result: BuildResult, to report: String?, root: URL) throws {
        guard let report else { return }
        do {
            try BuildReport(result).json().write(to: BuildContext.resolve(report, against: root))
        } catch {
            FileHandle.standardError.write(Data("sitegen: error: cannot write the report '\(report)': \(FileSystem.reason(for: error))\n".utf8))
            throw ExitCode(1)
        }
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
