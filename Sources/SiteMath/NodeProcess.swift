import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A long-lived child process spoken to in lines on stdin/stdout. Not thread-safe; callers lock.
final class LineProcess {
    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private var buffer = Data()

    /// Starts `executable` with `arguments`; `extraEnvironment` is merged into the current environment.
    init(executable: URL, arguments: [String], extraEnvironment: [String: String]) throws {
        Self.ignoreBrokenPipes
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in extraEnvironment { environment[k] = v }
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        self.input = stdin.fileHandleForWriting
        self.output = stdout.fileHandleForReading
    }

    /// A dead child must not kill the build with SIGPIPE when we write to it; write errors are handled instead.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    var isRunning: Bool { process.isRunning }

    func writeLine(_ data: Data) throws {
        var line = data
        line.append(0x0A)
        try input.write(contentsOf: line)
    }

    /// The next line (without the newline), or `nil` at end of output.
    func readLine() -> Data? {
        var searchFrom = buffer.startIndex
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: 0x0A) {
                let line = Data(buffer[buffer.startIndex..<newline])
                buffer = Data(buffer[(newline + 1)...])
                return line
            }
            searchFrom = buffer.endIndex
            let chunk = output.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }

    func terminate() {
        try? input.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
