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
    /// Output read but not yet returned starts at `buffer[start]`.
    private var buffer: [UInt8] = []
    private var start = 0
    private static let chunkSize = 1 << 16
    private var chunk = [UInt8](repeating: 0, count: chunkSize)

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

    /// Why `readLine` returned no line.
    enum ReadFailure: Error {
        /// The process closed its output (it exited or crashed).
        case ended
        /// No complete line came before the deadline.
        case timedOut
    }

    /// The next line (without the newline); fails when the output ends or `seconds` pass first.
    func readLine(within seconds: Double) -> Result<Data, ReadFailure> {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, seconds) * 1e9)
        var scanned = start
        while true {
            if let newline = buffer.withUnsafeBytes({ bytes -> Int? in
                guard scanned < bytes.count, let base = bytes.baseAddress,
                      let found = memchr(base + scanned, 0x0A, bytes.count - scanned) else { return nil }
                return base.distance(to: UnsafeRawPointer(found))
            }) {
                let line = buffer.withUnsafeBytes { Data(bytes: $0.baseAddress! + start, count: newline - start) }
                start = newline + 1
                return .success(line)
            }
            buffer.removeFirst(start)
            start = 0
            scanned = buffer.count
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { return .failure(.timedOut) }
            var descriptor = pollfd(fd: output.fileDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(UInt64(Int32.max), (deadline - now + 999_999) / 1_000_000)))
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            guard ready > 0 else { return .failure(.ended) }
            let count = chunk.withUnsafeMutableBytes { read(output.fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return .failure(.ended) }
            chunk.withUnsafeBytes { buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }

    /// How the process ended, e.g. `exited with status 1` or `was killed by signal 9`; `nil` while it runs.
    var exitDescription: String? {
        guard !process.isRunning else { return nil }
        switch process.terminationReason {
        case .exit: return "exited with status \(process.terminationStatus)"
        case .uncaughtSignal: return "was killed by signal \(process.terminationStatus)"
        @unknown default: return "ended"
        }
    }

    /// Gives a process whose output ended up to `seconds` to exit, so `exitDescription` can say how.
    func waitForExit(within seconds: Double) {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        while process.isRunning && DispatchTime.now().uptimeNanoseconds < deadline { usleep(5_000) }
    }

    /// Stops the process: SIGTERM, then SIGKILL if it still runs a second later (a child started from
    /// a Dispatch thread inherits that thread's blocked signals, and only node unblocks them).
    func terminate() {
        try? input.close()
        if process.isRunning {
            process.terminate()
            waitForExit(within: 1)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
    }
}
