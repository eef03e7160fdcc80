import Foundation
import Testing
@testable import SiteMath

/// The line protocol's time limit and end-of-output handling, with `sh` standing in for node.
@Suite struct NodeProcessTests {
    static let shell = URL(fileURLWithPath: "/bin/sh")
    static let available = FileManager.default.isExecutableFile(atPath: shell.path)

    @Test(.enabled(if: available, "/bin/sh is missing"))
    func aSilentProcessTimesOut() throws {
        let process = try LineProcess(executable: Self.shell, arguments: ["-c", "echo first; exec sleep 30"], extraEnvironment: [:])
        defer { process.terminate() }
        #expect(try String(decoding: process.readLine(within: 10).get(), as: UTF8.self) == "first")
        let started = Date()
        guard case .failure(.timedOut) = process.readLine(within: 0.3) else {
            Issue.record("expected a time-out")
            return
        }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(process.isRunning)
    }

    @Test(.enabled(if: available, "/bin/sh is missing"))
    func anEndedProcessSaysHow() throws {
        let process = try LineProcess(executable: Self.shell, arguments: ["-c", "printf 'a\\nb\\npartial'; exit 3"], extraEnvironment: [:])
        defer { process.terminate() }
        #expect(try process.readLine(within: 10).get() == Data("a".utf8))
        #expect(try process.readLine(within: 10).get() == Data("b".utf8))
        guard case .failure(.ended) = process.readLine(within: 10) else {
            Issue.record("expected the end of output")
            return
        }
        process.waitForExit(within: 5)
        #expect(process.exitDescription == "exited with status 3")
    }

    @Test(.enabled(if: available, "/bin/sh is missing"))
    func longLinesArriveWhole() throws {
        let process = try LineProcess(executable: Self.shell, arguments: ["-c", "head -c 300000 /dev/zero | tr '\\0' x; echo; echo end"], extraEnvironment: [:])
        defer { process.terminate() }
        #expect(try process.readLine(within: 30).get().count == 300_000)
        #expect(try process.readLine(within: 30).get() == Data("end".utf8))
    }
}
