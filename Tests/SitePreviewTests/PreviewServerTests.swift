import Foundation
@testable import SitePreview
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTP/1.1 client on a plain socket: what a browser sends, and the raw bytes back. Its reads block a
/// Dispatch thread, never one of the few threads the server's tasks (and the other tests) run on.
final class RawConnection: @unchecked Sendable {
    private let descriptor: Int32
    private var received = Data()

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        // Long: under a full parallel test run on 2 cores the server can take many seconds to answer.
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(descriptor) }

    func send(_ request: String) {
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Reads until the received text contains `marker` (or the connection ends or times out).
    func read(until marker: String) async -> String {
        await offThePool { self.blockingRead(until: marker) }
    }

    /// Reads until the server closes the connection; true when it did within the socket's timeout.
    func readsToEnd() async -> Bool {
        await offThePool { self.blockingReadToEnd() }
    }

    private func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    private func blockingRead(until marker: String) -> String {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while !String(decoding: received, as: UTF8.self).contains(marker) {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: received, as: UTF8.self)
    }

    private func blockingReadToEnd() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return true }
            if count < 0 { return false }
        }
    }
}

/// The Hummingbird server on a real port: pages with the reload script, the event stream, a busy port, stop.
@Suite(.serialized) struct PreviewServerTests {
    @Test func servesPagesAndStreamsReloads() async throws {
        let fixture = try SiteRequestHandlerTests.Fixture()
        let hub = ReloadHub()
        let running = AsyncStream.makeStream(of: Int.self)
        let server = PreviewServer(host: "127.0.0.1", port: 0, sites: ServedSiteHolder(ServedSite(folder: fixture.site, basePath: "/")),
                                   hub: hub) { running.continuation.yield($0) }
        let serving = Task { try await server.run() }
        var ports = running.stream.makeAsyncIterator()
        let port = try #require(await ports.next())

        let page = try RawConnection(port: port)
        page.send("GET /%E5%9F%BA%E7%A1%80/%E6%BF%80%E6%B4%BB%E5%87%BD%E6%95%B0/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        let response = await page.read(until: "</html>")
        #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(response.lowercased().contains("content-type: text/html; charset=utf-8\r\n"))
        #expect(response.contains("激活函数</p>\(ReloadScript.tag(generation: hub.generation))</BODY>"))

        let script = try RawConnection(port: port)
        script.send("GET /__sitegen/reload.js HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        #expect(await script.read(until: "})();").contains("new EventSource('/__sitegen/events')"))

        let events = try RawConnection(port: port)
        events.send("GET /__sitegen/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let hello = await events.read(until: "event: hello")
        #expect(hello.lowercased().contains("content-type: text/event-stream"))
        #expect(hello.contains("event: hello"))
        while hub.subscriberCount == 0 { try await Task.sleep(for: .milliseconds(10)) }
        hub.publish(ReloadHubTests.outcome(succeeded: true))
        #expect(await events.read(until: "event: reload").contains("data: {\"generation\":\"\(hub.generation)\"}"))

        // Stopping ends the open event stream and the server.
        await server.stop()
        #expect(await events.readsToEnd())
        try await serving.value
        #expect(throws: (any Error).self) { try RawConnection(port: port) }
    }

    @Test func aBusyPortIsAClearErrorWithTheNextFreePort() async throws {
        let fixture = try SiteRequestHandlerTests.Fixture()
        let sites = ServedSiteHolder(ServedSite(folder: fixture.site, basePath: "/"))
        let running = AsyncStream.makeStream(of: Int.self)
        let first = PreviewServer(host: "127.0.0.1", port: 0, sites: sites, hub: ReloadHub()) { running.continuation.yield($0) }
        let serving = Task { try await first.run() }
        var ports = running.stream.makeAsyncIterator()
        let port = try #require(await ports.next())

        #expect(PortProbe.check(host: "127.0.0.1", port: port) == .inUse)
        let next = try #require(PortProbe.firstFree(host: "127.0.0.1", after: port))
        #expect(next > port && PortProbe.check(host: "127.0.0.1", port: next) == .free)
        let second = PreviewServer(host: "127.0.0.1", port: port, sites: sites, hub: ReloadHub())
        await #expect(throws: PortInUse.self) { try await second.run() }
        #expect(PortInUse(host: "127.0.0.1", port: port).description.hasPrefix("port \(port) on 127.0.0.1 is in use"))
        #expect(PortInUse(host: "127.0.0.1", port: port).description.contains("; try --port "))
        #expect(PortProbe.check(host: "no-such-host.invalid", port: 8000) != .free)

        await first.stop()
        try await serving.value
    }
}
