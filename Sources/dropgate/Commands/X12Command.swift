import ArgumentParser
import Foundation
import OrderX12
import Orders
import Profiles
import X12

struct X12Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "x12",
        abstract: "Read, validate and acknowledge ANSI X12 interchanges.",
        discussion: """
            Examples:
              dropgate x12 validate inbox/walmart-850.edi --ack 997
              dropgate x12 json inbox/amazon-850.edi
              dropgate x12 po inbox/homedepot-850.edi
            """,
        subcommands: [Validate.self, JSON.self, PurchaseOrders.self]
    )
}

/// Reads a file, or ends the command with exit code 2 when it cannot be read or is not X12.
private func readDocument(_ path: String) throws -> X12Document {
    let data: [UInt8]
    do {
        data = try LocalFile.bytes(path, expected: "an X12 interchange")
    } catch {
        printError("\(error)")
        throw ExitCode(2)
    }
    do {
        return try X12Document(bytes: data)
    } catch {
        printError("\(path):byte \(error.byteOffset): \(error.code) \(error.description)")
        throw ExitCode(2)
    }
}

/// Reads a file through `X12StreamReader`, handing each event to `body` after the validation (when `validates`)
/// has taken it in, and each note of what reading skipped to `noted`. Ends the command with exit code 2, as
/// `readDocument` does, when the file cannot be read or is not X12.
private func streamFile(
    _ path: String, validates: Bool = true, keepsSetOutline: Bool = false,
    noted: (X12ReadNote) -> Void = { _ in },
    _ body: (X12StreamEvent, X12StreamValidation) throws -> Void
) throws -> X12StreamValidation {
    do {
        try LocalFile.checkFile(path, expected: "an X12 interchange")
    } catch {
        printError("\(error)")
        throw ExitCode(2)
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
        printError("\(path): cannot be read (an X12 interchange)")
        throw ExitCode(2)
    }
    defer { try? handle.close() }
    var reader = X12StreamReader(
        X12FileDescriptorSource(fileDescriptor: handle.fileDescriptor),
        options: X12StreamOptions(keepsSetOutline: keepsSetOutline))
    var validation = X12StreamValidation()
    while true {
        let next: X12StreamEvent?
        do {
            next = try reader.next()
        } catch {
            if case .unreadableInput = error.kind {
                printError("\(path): cannot be read (an X12 interchange)")
            } else {
                printError("\(path):byte \(error.byteOffset): \(error.code) \(error.description)")
            }
            throw ExitCode(2)
        }
        reader.takeNotes().forEach(noted)
        guard let event = next else { break }
        if validates { validation.add(event) }
        try body(event, validation)
    }
    return validation
}

private func now() -> X12Acknowledgement.Timestamp {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: Date())
    func pad(_ value: Int?, _ width: Int) -> String {
        let text = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return X12Acknowledgement.Timestamp(
        date: pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2),
        time: pad(parts.hour, 2) + pad(parts.minute, 2))
}

extension X12Command {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check interchanges: envelopes, control numbers, counts and the set definitions.",
            discussion: """
                Errors go to stderr, one a line: FILE:byte OFFSET: segment N (ID) element M: CODE message.

                Exit status: 0 every set accepted, 1 any set rejected or accepted with errors, 2 a file is not X12 \
                or cannot be read.

                Example:
                  dropgate x12 validate po.edi --ack 997 > po.997
                """)

        @Argument(help: "X12 files to check.")
        var files: [String]

        @Option(help: "Write a 997 or 999 acknowledgement (or a TA1 when an interchange is rejected) to stdout.")
        var ack: AckKind?

        @Flag(help: "Print the report as JSON on stdout instead of error lines on stderr.")
        var json = false

        enum AckKind: String, ExpressibleByArgument {
            case fa997 = "997"
            case ia999 = "999"
        }

        func run() throws {
            var worst: Int32 = 0
            var counter = X12ControlNumberCounter()
            var reports: [ReportJSON] = []
            let timestamp = now()
            for path in files {
                // Read through the stream: memory stays bounded by the largest set whatever the file size. What a
                // file prints is held until it has been read to the end, so that a file found not to be X12 part
                // way prints only that, as reading it whole does.
                let kind: X12Acknowledgement.Kind = ack == .fa997 ? .functional997 : .implementation999
                var fileCounter = counter
                var answers: [UInt8] = []
                // A reply that cannot be written ends the command after the file's report, as it always has.
                var writeFailure: (any Error)? = nil
                let validation: X12StreamValidation
                var notes: [X12ReadNote] = []
                do {
                    validation = try streamFile(path, keepsSetOutline: ack != nil, noted: { notes.append($0) }) {
                        event, validation in
                        guard ack != nil, writeFailure == nil, case .interchangeEnd(let interchange) = event else {
                            return
                        }
                        let builder = X12Acknowledgement(
                            interchange: interchange, report: validation.report(interchange: interchange.index),
                            timestamp: timestamp)
                        do {
                            answers += try Self.answer(
                                builder, interchange: interchange, kind: kind, counter: &fileCounter)
                        } catch {
                            writeFailure = error
                        }
                    }
                } catch {
                    worst = 2
                    continue
                }
                counter = fileCounter
                let report = validation.report
                if !report.errors.isEmpty { worst = max(worst, 1) }
                if json {
                    reports.append(
                        ReportJSON(
                            file: path, errors: report.errors.map { ErrorJSON($0) },
                            skippedChecks: report.skippedChecks, notes: notes.map(NoteJSON.init)))
                } else {
                    for note in notes { printError(note.diagnosticLine(file: path)) }
                    for error in report.errors { printError(Self.line(path, error)) }
                    for note in report.skippedChecks { printError("\(path): note: \(note)") }
                }
                if !answers.isEmpty { FileHandle.standardOutput.write(Data(answers)) }
                if let writeFailure { throw writeFailure }
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                FileHandle.standardOutput.write(try encoder.encode(reports) + Data("\n".utf8))
            }
            if worst != 0 { throw ExitCode(worst) }
        }

        /// The TA1, 997 or 999 answering one interchange, written in its delimiters.
        static func answer(
            _ builder: X12Acknowledgement, interchange: X12StreamInterchange, kind: X12Acknowledgement.Kind,
            counter: inout X12ControlNumberCounter
        ) throws -> [UInt8] {
            var reply = builder.reply(to: interchange.index, kind: kind)
            reply.assignControlNumbers(from: &counter)
            var delimiters = interchange.interchange.delimiters
            if delimiters.repetition == nil, reply.header.version >= "00402" { reply.header.version = "00401" }
            if delimiters.segment == 0x0A { delimiters.segment = UInt8(ascii: "~") }
            return try X12Writer(delimiters: delimiters).write(reply)
        }

        static func line(_ path: String, _ error: X12Error) -> String {
            var text = "\(path):byte \(error.location.byteOffset):"
            if let position = error.location.segmentPosition ?? error.location.segmentIndex.map({ $0 + 1 }) {
                text += " segment \(position)"
                if let id = error.location.segmentID { text += " (\(id))" }
            }
            if let element = error.location.elementPosition { text += " element \(element)" }
            if let component = error.location.componentPosition { text += ".\(component)" }
            return text + ": \(error.code) \(error.detail)"
        }
    }

    struct ReportJSON: Encodable {
        var file: String
        var errors: [ErrorJSON]
        var skippedChecks: [String]
        /// What reading skipped (whitespace between segments, padding after an IEA): warnings, not errors.
        var notes: [NoteJSON]
    }

    struct NoteJSON: Encodable {
        var kind: String
        var byteOffset: Int
        var message: String

        init(_ note: X12ReadNote) {
            kind = note.kind == .whitespaceBetweenSegments ? "whitespace-between-segments" : "padding-after-interchange"
            byteOffset = note.byteOffset
            message = note.description
        }
    }

    struct ErrorJSON: Encodable {
        var code: String
        var level: String
        var message: String
        var location: X12Location

        init(_ error: X12Error) {
            code = error.code
            level = error.level.rawValue
            message = error.detail
            location = error.location
        }
    }

    struct JSON: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an interchange as JSON: envelopes, sets, segments, elements.",
            discussion: "Example:\n  dropgate x12 json po.edi | jq '.[0].groups[0].sets[0].segments'")

        @Argument(help: "An X12 file.")
        var file: String

        func run() throws {
            let document = try readDocument(file)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let value = document.interchanges.map { interchange in
                InterchangeJSON(
                    header: interchange.header,
                    groups: interchange.groups.map { group in
                        GroupJSON(
                            functionalID: group.functionalID, senderCode: group.senderCode,
                            receiverCode: group.receiverCode, controlNumber: group.controlNumber,
                            version: group.version.rawValue,
                            sets: group.sets.map { set in
                                SetJSON(
                                    id: set.id, controlNumber: set.controlNumber,
                                    segments: set.segments.map { index in
                                        let segment = document.segment(index)
                                        return SegmentJSON(id: segment.id, elements: segment.elementTexts)
                                    })
                            })
                    })
            }
            FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
        }
    }

    struct InterchangeJSON: Encodable {
        var header: ISAHeader
        var groups: [GroupJSON]
    }

    struct GroupJSON: Encodable {
        var functionalID, senderCode, receiverCode, controlNumber, version: String
        var sets: [SetJSON]
    }

    struct SetJSON: Encodable {
        var id, controlNumber: String
        var segments: [SegmentJSON]
    }

    struct SegmentJSON: Encodable {
        var id: String
        var elements: [String]
    }

    struct PurchaseOrders: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "po",
            abstract: "Print the canonical purchase orders found in an interchange, as JSON.",
            discussion: "Example:\n  dropgate x12 po po.edi")

        @Argument(help: "An X12 file holding 850s.")
        var file: String

        func run() throws {
            // A first pass reads the file through: one that turns out not to be X12 part way prints only that, as
            // before any order is written. The second maps and writes each order as it is read, so that memory
            // does not grow with the file.
            _ = try streamFile(file, validates: false) { _, _ in }
            var problems = 0
            let memo = PurchaseOrderMemo()
            // As `JSONEncoder` with `[.prettyPrinted, .sortedKeys]` printed them, written by hand on a second
            // thread, a batch of orders at a time, while this one reads and maps the next.
            let output = OutputThread(JSONArrayWriter(escapesSlashes: true))
            var batch: [PurchaseOrder] = []
            func hand(_ orders: [PurchaseOrder]) {
                output.enqueue { writer in for order in orders { try writer.append(order) } }
            }
            _ = try streamFile(file, validates: false) { event, _ in
                guard case .transactionSet(let set) = event, let result = set.purchaseOrder(origin: file, memo: memo)
                else { return }
                switch result {
                case .success(let order):
                    batch.append(order)
                    if batch.count == OutputThread<JSONArrayWriter>.batchSize {
                        hand(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                case .failure(let error):
                    problems += 1
                    printError(
                        "\(file):byte \(error.location.byteOffset): segment \(error.location.segmentPosition ?? 0) "
                            + "(\(error.location.segmentID ?? "")) element \(error.location.elementPosition ?? 0): "
                            + "MAP \(error.description)")
                }
            }
            hand(batch)
            try output.finish { $0.finish() }
            if problems > 0 { throw ExitCode(1) }
        }
    }
}
