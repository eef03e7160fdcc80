import Foundation
import SiteCore
import Testing

@Suite struct FreedMemoryTests {
    /// Resident memory of this process, from `/proc/self/statm`.
    static func residentBytes() -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/statm")))
    func freedSmallBlocksGoBackToTheSystem() throws {
        // 200 MB in 1 KB blocks, all freed but the last, which keeps glibc from trimming its heap by itself.
        let count = 200_000
        var blocks: [UnsafeMutableRawPointer] = []
        blocks.reserveCapacity(count)
        for _ in 0..<count {
            let block = UnsafeMutableRawPointer.allocate(byteCount: 1024, alignment: 8)
            block.initializeMemory(as: UInt8.self, repeating: 1, count: 1024)
            blocks.append(block)
        }
        for block in blocks.dropLast() { block.deallocate() }
        defer { blocks.last?.deallocate() }
        let before = try #require(Self.residentBytes())
        FreedMemory.returnToSystem()
        let after = try #require(Self.residentBytes())
        #expect(before - after > 100_000_000, "resident \(before / 1_000_000) MB before, \(after / 1_000_000) MB after")
    }
}
