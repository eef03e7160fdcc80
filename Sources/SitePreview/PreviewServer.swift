import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The site being served: the last one built successfully, swapped when a rebuild succeeds.
public final class ServedSiteHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var current: ServedSite

    public init(_ site: ServedSite) {
        current = site
    }

    public var site: ServedSite {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}

/// The preview's HTTP server (Hummingbird): the site's files through `SiteRequestHandler` with the reload
/// script in every page, the script itself, and the event stream of `ReloadHub`.
public final class PreviewServer: Sendable {
    public let host: String
    public let port: Int
    public let sites: ServedSiteHolder
    public let hub: ReloadHub
    private let group: ServiceGroup

    /// A server for `host:port` (port 0: any free port); `onRunning` gets the port it listens on.
    public init(host: String, port: Int, sites: ServedSiteHolder, hub: ReloadHub,
                onRunning: @escaping @Sendable (_ port: Int) -> Void = { _ in }) {
        self.host = host
        self.port = port
        self.sites = sites
        self.hub = hub
        var logger = Logger(label: "sitegen-serve")
        logger.logLevel = .critical
        let app = Application(
            responder: PreviewResponder(sites: sites, hub: hub),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
        group = ServiceGroup(configuration: .init(services: [app], logger: logger))
    }

    /// Serves until `stop()`; throws `PortInUse` when another program listens on the port.
    public func run() async throws {
        do {
            try await group.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw PortInUse(host: host, port: port)
        }
    }

    /// Ends the event streams, then the server (open requests finish first).
    public func stop() async {
        hub.close()
        await group.triggerGracefulShutdown()
    }
}

/// Another program listens on the port the server was asked to use.
public struct PortInUse: Error, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var description: String {
        let suggestion = PortProbe.firstFree(host: host, after: port).map { "; try --port \($0)" } ?? ""
        return "port \(port) on \(host) is in use (is another server running?)\(suggestion)"
    }
}

/// Checks whether a TCP port can be listened on, the way the server will (with `SO_REUSEADDR`).
public enum PortProbe {
    public enum Result: Equatable {
        case free
        case inUse
        /// The host cannot be listened on here (not an address of this machine, or no such name).
        case unavailable(String)
    }

    public static func check(host: String, port: Int) -> Result {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            return .unavailable(String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        let info = first.pointee
        let descriptor = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard descriptor >= 0 else { return .unavailable(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(descriptor, info.ai_addr, info.ai_addrlen) == 0 else {
            return errno == EADDRINUSE ? .inUse : .unavailable(String(cString: strerror(errno)))
        }
        return listen(descriptor, 1) == 0 ? .free : (errno == EADDRINUSE ? .inUse : .unavailable(String(cString: strerror(errno))))
    }

    /// The first port after `port` (up to 100 further) that is free.
    public static func firstFree(host: String, after port: Int) -> Int? {
        (port + 1...min(port + 100, 65535)).first { check(host: host, port: $0) == .free }
    }
}

struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let sites: ServedSiteHolder
    let hub: ReloadHub

    func respond(to request: Request, context: Context) async throws -> Response {
        let target = request.head.path ?? "/"
        let path = target.prefix { $0 != "?" && $0 != "#" }
        if path == ReloadScript.eventsPath {
            let events = hub.subscribe()
            return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
                            body: ResponseBody { writer in
                                for await event in events { try await writer.write(ByteBuffer(string: event)) }
                                try await writer.finish(nil)
                            })
        }
        if path == ReloadScript.scriptPath {
            return Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                            body: .init(byteBuffer: ByteBuffer(string: request.method == .head ? "" : ReloadScript.source)))
        }
        let handler = SiteRequestHandler(site: sites.site, reloadTag: ReloadScript.tag(generation: hub.generation))
        let answer = handler.respond(to: SiteRequest(method: request.method.rawValue, target: target,
                                                     ifNoneMatch: request.headers[.ifNoneMatch]))
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: .init(code: answer.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
