import ArgumentParser
import Foundation
import SitePublish

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new notes site: notes/ with an example note, sitegen.yml, .gitignore and a GitHub Pages workflow.",
        discussion: "Writes nothing when any of these files exists already.")

    @ArgumentParser.Argument(help: "Folder of the new site (created when missing; default: the current folder).")
    var folder = "."

    func run() throws {
        let url = URL(fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let written: [String]
        do {
            written = try StarterSite.write(into: url)
        } catch {
            FileHandle.standardError.write(Data("sitegen init: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let cd = folder == "." ? "" : "cd \(folder) && "
        print(written.map { "created \(folder == "." ? "" : folder + "/")\($0)" }.joined(separator: "\n"))
        print("""

        Next: \(cd)sitegen build, then open public/index.html.
        Publish: set baseURL in sitegen.yml, then `sitegen publish` (gh-pages branch) or push to GitHub with the workflow.
        """)
    }
}
