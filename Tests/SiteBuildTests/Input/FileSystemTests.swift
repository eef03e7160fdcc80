import Foundation
@testable import SiteBuild
import Testing

@Suite struct FileSystemTests {
    @Test func listsRegularFilesBelowAFolderWithoutHiddenOnesOrLinks() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-list-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        for path in ["a.md", "基础/激活函数.md", "基础/深/层.md", ".git/config", "基础/.draft.md", "图/.hidden/x.png"] {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("链接.md").path, withDestinationPath: root.appendingPathComponent("a.md").path)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("外面").path, withDestinationPath: "/usr")

        #expect(try listRegularFiles(under: root.path).sorted() == ["a.md", "基础/深/层.md", "基础/激活函数.md"])
        #expect(try listRegularFiles(under: root.path, includingHidden: true).sorted()
            == [".git/config", "a.md", "图/.hidden/x.png", "基础/.draft.md", "基础/深/层.md", "基础/激活函数.md"].sorted())
        #expect(throws: (any Error).self) { try listRegularFiles(under: root.appendingPathComponent("不存在").path) }
    }

    @Test func writingCreatesMissingFoldersAndFailsBelowAFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-write-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let page = root.appendingPathComponent("基础/激活函数/index.html")
        try FileSystem.disk.write(Data("一".utf8), page)
        try FileSystem.disk.write(Data("二".utf8), page)
        #expect(try String(contentsOf: page, encoding: .utf8) == "二")
        #expect(throws: (any Error).self) { try FileSystem.disk.write(Data("x".utf8), page.appendingPathComponent("below-a-file.html")) }
    }
}
