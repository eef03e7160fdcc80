import ArgumentParser
import Foundation
import SiteBuild

@main
struct Sitegen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Builds math-heavy study notes into a fast, cross-linked static site.",
        version: sitegenVersion,
        subcommands: [BuildCommand.self, ServeCommand.self, CheckCommand.self, PublishCommand.self, InitCommand.self, EvalCommand.self],
        defaultSubcommand: BuildCommand.self)

    /// Usage errors exit with 2 (ArgumentParser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
