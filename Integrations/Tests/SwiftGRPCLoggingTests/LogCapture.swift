import InMemoryLogging
import Logging

/// A logger whose lines are kept in memory, to be looked at.
struct LogCapture {
    let handler = InMemoryLogHandler()

    /// A logger at `level` that writes here.
    func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "test") { _ in handler }
        logger.logLevel = level
        return logger
    }

    var entries: [InMemoryLogHandler.Entry] { handler.entries }

    /// The entries whose message starts with `prefix`.
    func entries(startingWith prefix: String) -> [InMemoryLogHandler.Entry] {
        entries.filter { $0.message.description.hasPrefix(prefix) }
    }

    /// Every line, message and metadata, as text: for checking what never appears.
    var everything: String {
        entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
    }
}
