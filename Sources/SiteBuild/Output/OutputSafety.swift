import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decides whether an output folder may be replaced: a build swaps the whole folder away, so it must never be
/// a folder that holds the user's own files.
///
/// The rules, on real paths (symbolic links, `.` and `..` resolved):
/// - the output must not be empty, `/`, the home folder, or an existing file;
/// - it must not be, contain, or lie inside the notes folder or the templates folder;
/// - it must not be or contain the current folder, the project folder, the settings file's folder or the
///   cache (an output *inside* the project, like `public/`, is the normal case);
/// - an existing non-empty folder must hold the marker file an earlier build left (`--force` skips this rule).
public enum OutputSafety {
    /// The file every build writes into the output; it marks the folder as sitegen's to replace.
    public static let markerName = ".sitegen-site"

    static var markerText: String {
        "sitegen \(sitegenVersion)\nThis folder is written by sitegen: the next build replaces all of it.\n"
    }

    /// Why the context's output folder must not be replaced, or nil when it may be.
    static func refusal(for context: BuildContext, force: Bool) -> String? {
        let given = context.config.outputDirectory
        let advice = "sitegen replaces the whole output folder, so give it one of its own, such as 'public'"
        if given.trimmingCharacters(in: .whitespaces).isEmpty {
            return "the output folder is empty; \(advice)"
        }
        let output = realPath(context.outputURL.path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), !isDirectory.boolValue {
            return "output '\(given)' is not a folder; \(advice)"
        }
        if output == "/" { return "output folder '\(given)' is the root of the file system; \(advice)" }
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let realHome = realPath(home)
        if output == realHome || contains(output, realHome) { return "output folder '\(given)' is or contains your home folder; \(advice)" }

        struct Protected {
            var name: String
            var path: String
            var mayHoldOutput: Bool

            init(name: String, path: String, mayHoldOutput: Bool) {
                self.name = name
                self.path = OutputSafety.realPath(path)
                self.mayHoldOutput = mayHoldOutput
            }
        }
        var protected = [
            Protected(name: "the current folder", path: FileManager.default.currentDirectoryPath, mayHoldOutput: true),
            Protected(name: "the project folder", path: context.root.path, mayHoldOutput: true),
        ]
        if let settings = context.configFile {
            protected.append(Protected(name: "the folder of '\(settings.lastPathComponent)'",
                                       path: settings.deletingLastPathComponent().path, mayHoldOutput: true))
        }
        protected += [
            Protected(name: "the notes folder '\(context.config.notesDirectory)'", path: context.notesURL.path, mayHoldOutput: false),
            Protected(name: "the templates folder '\(context.config.templatesDirectory)'", path: context.templatesURL.path, mayHoldOutput: false),
            Protected(name: "the cache '\(context.config.cacheDirectory)'",
                      path: BuildContext.resolve(context.config.cacheDirectory, against: context.root).path, mayHoldOutput: true),
        ]
        if let same = protected.first(where: { $0.path == output }) {
            return "output folder '\(given)' is \(same.name); \(advice)"
        }
        if let inside = protected.first(where: { !$0.mayHoldOutput && contains($0.path, output) }) {
            return "output folder '\(given)' is inside \(inside.name); \(advice)"
        }
        if let held = protected.first(where: { contains(output, $0.path) }) {
            return "output folder '\(given)' contains \(held.name); \(advice)"
        }
        if !force, isDirectory.boolValue, !isSitegenOutput(URL(fileURLWithPath: output)) {
            return "output folder '\(context.displayPath(context.outputURL))' holds files sitegen did not write; remove it or pass --force"
        }
        return nil
    }

    /// An empty folder, one with the marker an earlier build left, or a site of sitegen 0.1.0 (which wrote no
    /// marker yet): its home page names sitegen as its generator.
    static func isSitegenOutput(_ folder: URL) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        if names.isEmpty || names.contains(markerName) { return true }
        guard names.contains("index.html"),
              let home = FileManager.default.contents(atPath: folder.appendingPathComponent("index.html").path)
        else { return false }
        return String(decoding: home.prefix(4096), as: UTF8.self).contains(#"<meta name="generator" content="sitegen 0.1.0">"#)
    }

    /// `outer` contains `inner` (and is not the same path).
    static func contains(_ outer: String, _ inner: String) -> Bool {
        outer == "/" ? inner != "/" : inner.hasPrefix(outer + "/")
    }

    /// The absolute path with every symbolic link, `.` and `..` resolved, also for paths that do not exist
    /// yet (the existing part is resolved, the rest appended).
    static func realPath(_ path: String) -> String {
        var resolved = "/"
        for component in path.split(separator: "/") {
            switch component {
            case ".":
                continue
            case "..":
                resolved = (resolved as NSString).deletingLastPathComponent
            default:
                let candidate = resolved == "/" ? "/\(component)" : "\(resolved)/\(component)"
                if let real = realpath(candidate, nil) {
                    resolved = String(cString: real)
                    free(real)
                } else {
                    resolved = candidate
                }
            }
        }
        return resolved
    }
}

/// An advisory lock (`flock`) on a file beside the output folder (`.public.lock`), held for the whole build so
/// that two builds into one output (two terminals, a server and a build) never mix their sites.
final class OutputLock {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    static func lockURL(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).lock")
    }

    /// Takes the lock, waiting up to `seconds` for another build to finish; nil when it did not.
    static func acquire(for output: URL, waiting seconds: Double) throws -> OutputLock? {
        let url = lockURL(for: output)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystem.posixError(errno, path: url.path) }
        let deadline = Date().addingTimeInterval(seconds)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                return nil
            }
            usleep(50_000)
        }
        return OutputLock(descriptor: descriptor)
    }

    /// Releases the lock (the file stays: removing it would let a waiting build lock a file nobody else sees).
    func release() {
        close(descriptor)
    }
}
