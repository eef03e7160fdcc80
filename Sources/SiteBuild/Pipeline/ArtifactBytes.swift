import Foundation
import SiteCore

/// The length-prefixed binary format of the on-disk note cache (`NoteCache`): integers as LEB128
/// varints, strings as their UTF-8 length and bytes, arrays as their count and elements. A file is
/// `magic`, the format version, the payload's length and a 64-bit checksum of it, then the payload: a
/// truncated or damaged file is refused whole. Reading one costs about a copy of its bytes, where
/// `JSONDecoder` costs many times that (see docs/incremental.md).
struct ArtifactWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 16_384) {
        bytes.reserveCapacity(capacity)
    }

    mutating func int(_ value: Int) {
        var v = UInt64(bitPattern: Int64(value))
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func bool(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func array<T>(_ values: [T], _ element: (inout ArtifactWriter, T) -> Void) {
        int(values.count)
        for value in values { element(&self, value) }
    }

    mutating func diagnostic(_ d: Diagnostic) {
        string(d.severity.rawValue); string(d.message); string(d.code)
        bool(d.location != nil)
        if let l = d.location { string(l.path); int(l.line); int(l.column) }
    }

    /// The whole file: header, then the payload.
    func file(version: UInt8) -> Data {
        var header = ArtifactWriter()
        header.bytes.append(contentsOf: Self.magic)
        header.bytes.append(version)
        header.fixed(UInt64(bytes.count))
        header.fixed(Self.checksum(bytes[...]))
        var file = Data(capacity: header.bytes.count + bytes.count)
        file.append(contentsOf: header.bytes)
        file.append(contentsOf: bytes)
        return file
    }

    private mutating func fixed(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    static let magic: [UInt8] = Array("SGNC".utf8)
    static let headerSize = magic.count + 1 + 16

    /// A fast non-cryptographic checksum over 8-byte words (it finds damage, it does not resist attacks).
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            var i = 0
            while i + 8 <= raw.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01B3 &+ 0x632B_E59B_D9B4_E019
                h ^= h >> 29
                i += 8
            }
            while i < raw.count {
                h = (h ^ UInt64(raw[i])) &* 0x100_0000_01B3
                i += 1
            }
        }
        return h ^ (h >> 32)
    }
}

/// Reads what `ArtifactWriter` wrote; every read throws on bytes that run out or make no sense.
struct ArtifactReader {
    struct Damaged: Error {}

    private let bytes: [UInt8]
    private var offset: Int

    /// The payload of `data` when its header, length and checksum hold for `version`.
    init(file data: Data, version: UInt8) throws {
        let bytes = [UInt8](data)
        let h = ArtifactWriter.headerSize
        guard bytes.count >= h, Array(bytes[0..<4]) == ArtifactWriter.magic, bytes[4] == version else { throw Damaged() }
        func fixed(_ at: Int) -> UInt64 {
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << UInt64(8 * $1) }
        }
        guard fixed(5) == UInt64(bytes.count - h), fixed(13) == ArtifactWriter.checksum(bytes[h...]) else { throw Damaged() }
        self.bytes = bytes
        offset = h
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func int() throws -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Damaged() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: value))
    }

    /// A count of things still to read: never negative, never more than the bytes left.
    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - offset else { throw Damaged() }
        return n
    }

    mutating func bool() throws -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw Damaged() }
        defer { offset += 1 }
        return bytes[offset] == 1
    }

    mutating func string() throws -> String {
        let n = try count()
        defer { offset += n }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offset..<offset + n]), as: UTF8.self) }
    }

    mutating func optional() throws -> String? {
        try bool() ? try string() : nil
    }

    mutating func diagnostic() throws -> Diagnostic {
        guard let severity = Diagnostic.Severity(rawValue: try string()) else { throw Damaged() }
        let message = try string(), code = try string()
        let location = try bool() ? SourceLocation(path: try string(), line: try int(), column: try int()) : nil
        return Diagnostic(severity, message, code: code, at: location)
    }

    mutating func array<T>(_ element: (inout ArtifactReader) throws -> T) throws -> [T] {
        let n = try count()
        var values: [T] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try element(&self)) }
        return values
    }
}
