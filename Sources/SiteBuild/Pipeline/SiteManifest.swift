import Foundation
import SiteCore
#if canImport(Glibc)
import Glibc
#endif

/// What `sitegen build` remembers of its last build into an output folder, so that a build whose inputs
/// are all unchanged leaves that folder alone (docs/incremental.md, "Unchanged builds").
///
/// The inputs are one hash over everything a build reads: every note's path and bytes, the navigation
/// files, the templates folder, the size, modification time and inode of every other file beside the
/// notes, the settings and what the build reported before reading the notes, the last-commit dates from
/// git, the year, and the versions of sitegen (with its executable's size and time), KaTeX, Prism and the
/// tensor kernel. When they match the manifest and
/// every file of the output folder is still the one the build left (same paths, sizes, modification times
/// and inodes), the build stops after reading the notes and reports what the last one reported. Kept in
/// `.sitegen-cache/site/`, one file per output folder.
struct SiteManifest: Sendable {
    /// A file of the output folder as the build left it.
    struct OutputFile: Hashable, Sendable {
        var path: String
        var identity: FileIdentity
    }

    var inputs: String
    var outputFiles: [OutputFile]
    var pageCount: Int
    var reportPages: [BuildReport.PageEntry]
    var counters: [String: Int]
    /// Every diagnostic of the build, by location.
    var diagnostics: [Diagnostic]

    static let formatVersion: UInt8 = 1

    /// Where the manifest of builds into `output` lives.
    static func url(for output: URL, in context: BuildContext) -> URL {
        BuildContext.resolve(context.config.cacheDirectory, against: context.root)
            .appendingPathComponent("site")
            .appendingPathComponent(String(ContentHash.sha256Hex(output.standardizedFileURL.path).prefix(24)) + ".manifest")
    }

    /// The manifest at `url`, or nil when there is none or it cannot be read.
    static func read(_ url: URL) -> SiteManifest? {
        guard let data = try? Data(contentsOf: url),
              var reader = try? ArtifactReader(file: data, version: formatVersion),
              let manifest = try? SiteManifest(&reader), reader.isAtEnd
        else { return nil }
        return manifest
    }

    /// Writes the manifest (to a temporary name, then renamed); a failure only costs the next build time.
    func write(to url: URL) {
        var writer = ArtifactWriter()
        encode(&writer)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if (try? writer.file(version: Self.formatVersion).write(to: url, options: .atomic)) == nil {
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// The output folder's files now, sorted by path; nil when it cannot be listed.
    static func outputFiles(of output: URL) -> [OutputFile]? {
        guard let paths = try? listRegularFiles(under: output.path, includingHidden: true) else { return nil }
        var files: [OutputFile] = []
        files.reserveCapacity(paths.count)
        for path in paths.sorted() {
            guard let identity = FileIdentity(path: "\(output.path)/\(path)") else { return nil }
            files.append(OutputFile(path: path, identity: identity))
        }
        return files
    }

    private func encode(_ w: inout ArtifactWriter) {
        w.string(inputs)
        w.array(outputFiles) { w, f in
            w.string(f.path); w.int(Int(f.identity.size)); w.int(Int(f.identity.modified)); w.int(Int(bitPattern: UInt(f.identity.inode)))
        }
        w.int(pageCount)
        w.array(reportPages) { w, p in
            w.string(p.source); w.string(p.output); w.string(p.url); w.string(p.title); w.string(p.format)
            w.int(p.questions); w.int(p.formulas); w.int(p.examples)
        }
        w.array(counters.sorted { $0.key < $1.key }) { w, c in w.string(c.key); w.int(c.value) }
        w.array(diagnostics) { $0.diagnostic($1) }
    }

    private init(_ r: inout ArtifactReader) throws {
        inputs = try r.string()
        outputFiles = try r.array { r in
            OutputFile(path: try r.string(),
                       identity: FileIdentity(size: Int64(try r.int()), modified: Int64(try r.int()), inode: UInt64(UInt(bitPattern: try r.int()))))
        }
        pageCount = try r.int()
        reportPages = try r.array { r in
            BuildReport.PageEntry(source: try r.string(), output: try r.string(), url: try r.string(), title: try r.string(),
                                  format: try r.string(), questions: try r.int(), formulas: try r.int(), examples: try r.int())
        }
        counters = Dictionary(try r.array { r in (try r.string(), try r.int()) }, uniquingKeysWith: { a, _ in a })
        diagnostics = try r.array { try $0.diagnostic() }
    }

    init(inputs: String, outputFiles: [OutputFile], result context: BuildContext) {
        self.inputs = inputs
        self.outputFiles = outputFiles
        pageCount = context.pages.count
        reportPages = BuildReport.pageEntries(of: context)
        counters = context.counters
        diagnostics = context.allDiagnostics
    }
}

extension BuildStep {
    /// Ends the build early when its inputs and the output folder are exactly as the last build left them
    /// (`SiteManifest`); otherwise notes the inputs' hash for the manifest this build writes.
    public static let skipUnchangedSite = BuildStep("unchanged site") { context in
        guard context.usesNoteCache, context.artifacts == nil, context.outputLedger == nil else { return }
        let inputs = context.siteInputsHash()
        context.siteInputs = inputs
        guard let manifest = SiteManifest.read(SiteManifest.url(for: context.outputURL, in: context)),
              manifest.inputs == inputs,
              SiteManifest.outputFiles(of: context.outputURL) == manifest.outputFiles
        else { return }
        context.unchangedSite = UnchangedSite(pageCount: manifest.pageCount, reportPages: manifest.reportPages)
        context.pages = []
        context.counters = manifest.counters
        context.diagnostics = manifest.diagnostics
    }
}

/// What a build that found its site unchanged reports in place of the pages it did not build again.
public struct UnchangedSite: Sendable {
    public var pageCount: Int
    var reportPages: [BuildReport.PageEntry]
}

extension BuildContext {
    /// The hash of everything the build reads (see `SiteManifest`).
    mutating func siteInputsHash() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let settings = (try? encoder.encode(config)).map { String(decoding: $0, as: UTF8.self) } ?? "\(config)"
        let executable = FileIdentity(path: "/proc/self/exe") ?? Bundle.main.executablePath.flatMap { FileIdentity(path: $0) }
        let notes = pages.parallelMap { page in
            ContentHash.sha256Hex(page.sourcePath, page.isIndex ? "index" : "note", page.text, "\(page.diagnostics.count)")
        }
        let notesFolder = notesURL.path
        let assetStamps = assets.map { path in
            "\(path)\u{0}\(FileIdentity(path: "\(notesFolder)/\(path)").map { "\($0)" } ?? "missing")"
        }
        /// `path` with the hash of its bytes.
        func contents(_ path: String, in folder: URL) -> String {
            let data = try? Data(contentsOf: URL(fileURLWithPath: "\(folder.path)/\(path)", isDirectory: false))
            return "\(path)\u{0}\(data.map { ContentHash.hex(ContentHash.sha256([UInt8]($0))) } ?? "missing")"
        }
        let navigation = navigationFiles.map { contents($0, in: notesURL) }
        let templateFiles = ((try? listRegularFiles(under: templatesURL.path)) ?? []).sorted().map { contents($0, in: templatesURL) }
        // What the build already reported (the settings file's problems, say) is an input too: a settings
        // file that now has an error must fail, not find the site unchanged.
        let reported = diagnostics.map(\.description)
        let days = commitDays().sorted { $0.key < $1.key }.map { "\($0.key)\u{0}\($0.value)" }
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        return ContentHash.sha256Hex(
            "site-manifest-\(SiteManifest.formatVersion)", sitegenVersion, executable.map { "\($0)" } ?? "", settings,
            noteCacheFingerprint(), String(year), notes.joined(separator: "\n"), assetStamps.joined(separator: "\n"),
            navigation.joined(separator: "\n"), templateFiles.joined(separator: "\n"), days.joined(separator: "\n"),
            reported.joined(separator: "\n"))
    }

    /// `YYYY-MM-DD` of each note's last commit (`CommitDates`), asked of git once per build.
    mutating func commitDays() -> [String: String] {
        if let known = lastCommitDays { return known }
        let days = CommitDates.lastCommitDays(in: notesURL)
        lastCommitDays = days
        return days
    }
}
