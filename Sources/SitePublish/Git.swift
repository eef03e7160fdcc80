import Foundation

/// The system `git`, run in one repository folder. Input and output go through temporary files, so a large
/// `hash-object --stdin-paths` cannot fill a pipe and block.
public struct Git: Sendable {
    public let executable: URL
    public let folder: URL
    /// Added to the inherited environment (`GIT_INDEX_FILE`, an identity in tests).
    public var environment: [String: String]

    public init(executable: URL, folder: URL, environment: [String: String] = [:]) {
        self.executable = executable
        self.folder = folder
        self.environment = environment
    }

    /// The first executable `git` on `PATH`, else `nil`.
    public static func locate(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        (path ?? "/usr/bin:/bin").split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("git") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    public struct Output: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: String

        /// Standard output as text without the final newline.
        public var text: String {
            var text = String(decoding: stdout, as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            return text
        }
    }

    /// Runs `git arguments…` and returns what it printed, whatever its exit status.
    public func output(_ arguments: [String], input: Data = Data(), environment extra: [String: String] = [:]) throws -> Output {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-git-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (inURL, outURL, errURL) = (scratch.appendingPathComponent("in"), scratch.appendingPathComponent("out"), scratch.appendingPathComponent("err"))
        try input.write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let (stdin, stdout, stderr) = (try FileHandle(forReadingFrom: inURL), try FileHandle(forWritingTo: outURL), try FileHandle(forWritingTo: errURL))
        defer { try? stdin.close(); try? stdout.close(); try? stderr.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = ["-C", folder.path] + arguments
        var env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.merging(extra) { $1 }
        env["LC_ALL"] = "C"  // messages in one language, for matching and for the report
        env["GIT_TERMINAL_PROMPT"] = "0"  // a push that needs a password fails instead of waiting
        process.environment = env
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: (try? Data(contentsOf: outURL)) ?? Data(),
                      stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
                          .trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs `git arguments…`; a non-zero exit status throws `GitError.failed` with git's message.
    @discardableResult
    public func run(_ arguments: [String], input: Data = Data(), environment extra: [String: String] = [:]) throws -> String {
        let result = try output(arguments, input: input, environment: extra)
        guard result.status == 0 else { throw GitError.failed(command: "git " + arguments.joined(separator: " "), message: result.stderr) }
        return result.text
    }
}

/// `git` exited with an error.
public enum GitError: Error, CustomStringConvertible, Equatable {
    case failed(command: String, message: String)

    public var description: String {
        switch self {
        case .failed(let command, let message): "`\(command)` failed: \(message.isEmpty ? "no message" : message)"
        }
    }
}
