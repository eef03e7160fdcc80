import Testing
@testable import SiteBuild

@Suite struct NotesLayoutTests {
    @Test func repositoryScaffoldingIsRecognised() {
        let roles: [String: NotesLayout.Role] = [
            "基础/激活函数.md": .note,
            "README.md": .note,
            "part1/_index.md": .note,
            "_sidebar.md": .navigation,
            "part1/_sidebar.md": .navigation,
            "SUMMARY.md": .navigation,
            "part1/SUMMARY.md": .note,
            "_navbar.md": .otherToolPart,
            "_coverpage.md": .otherToolPart,
            ".DS_Store": .litter,
            "img/.DS_Store": .litter,
            ".nojekyll": .litter,
            ".github/workflows/pages.md": .litter,
            "img/Thumbs.db": .litter,
            "Desktop.ini": .litter,
            "index.html": .asset,
            "404.html": .asset,
            "img/图 1.png": .asset,
            "robots.txt": .asset,
            "part1/robots.txt": .note,
        ]
        for (path, role) in roles {
            #expect(NotesLayout.role(of: path) == role, "\(path)")
        }
    }

    @Test func eachFolderHasOneIndexPageByPrecedence() {
        let indexes = NotesLayout.indexPages(among: [
            "README.md", "a.md",
            "hugo/README.md", "hugo/_index.md", "hugo/index.md",
            "mkdocs/index.md", "mkdocs/readme.md",
            "github/Readme.md",
            "none/notes.md", "none/my-readme.md",
        ])
        #expect(indexes == ["": "README.md", "hugo": "hugo/_index.md", "mkdocs": "mkdocs/index.md", "github": "github/Readme.md"])
    }
}
