/// The definitions this build knows, keyed by transaction set and base version. Facts derived from the published
/// X12 segment tables (004010 and 005010); 005010 tables add the segments that release introduced (MTX).
public struct X12Definitions: Sendable {
    public var sets: [String: X12SetDefinition]
    public var segments: [String: X12SegmentDefinition]
    public var elements: [Int: X12ElementDefinition]
    /// `segments` keyed by `X12SetDefinition.code(id)`, element entries resolved: what the validator reads.
    public private(set) var segmentsByCode: [UInt32: X12SegmentDefinition] = [:]

    public init(sets: [X12SetDefinition], segments: [String: X12SegmentDefinition], elements: [Int: X12ElementDefinition]) {
        self.sets = Dictionary(sets.map { ("\($0.id)/\($0.version)", $0) }, uniquingKeysWith: { first, _ in first })
        self.segments = segments
        self.elements = elements
        for (id, segment) in segments {
            var resolved = segment
            for index in resolved.elements.indices {
                resolved.elements[index].definition = elements[resolved.elements[index].reference]
            }
            segmentsByCode[X12SetDefinition.code(id)] = resolved
        }
    }

    /// The definition for a set in a group version: exact base version first, then the nearest release of the
    /// same major version (004030 reads with 004010), else nil (checks are reported as skipped).
    public func definition(for setID: String, version: X12Version) -> X12SetDefinition? {
        if let exact = sets["\(setID)/\(version.base)"] { return exact }
        let major = version.major
        guard major == 4 || major == 5 || major == 3 || major == 6 else { return nil }
        // 004030 and later already carry MTX; read them with the 005010 table.
        let fallback = major >= 5 || (Int(version.base) ?? 0) >= 4030 ? "005010" : "004010"
        return sets["\(setID)/\(fallback)"]
    }

    /// 850, 855, 856, 810 and 997 for 004010 and 005010, 999 for 005010.
    public static let standard: X12Definitions = {
        let elements = X12DefinitionData.parseElements(X12DefinitionData.elements)
        let segments = X12DefinitionData.parseSegments(X12DefinitionData.segments)
        let sets = [
            X12SetDefinition(id: "850", version: "004010", functionalID: "PO", table: X12DefinitionData.table850),
            X12SetDefinition(id: "850", version: "005010", functionalID: "PO", table: X12DefinitionData.table850_5010),
            X12SetDefinition(id: "855", version: "004010", functionalID: "PR", table: X12DefinitionData.table855),
            X12SetDefinition(id: "855", version: "005010", functionalID: "PR", table: X12DefinitionData.table855),
            X12SetDefinition(id: "856", version: "004010", functionalID: "SH", table: X12DefinitionData.table856),
            X12SetDefinition(id: "856", version: "005010", functionalID: "SH", table: X12DefinitionData.table856),
            X12SetDefinition(id: "810", version: "004010", functionalID: "IN", table: X12DefinitionData.table810),
            X12SetDefinition(id: "810", version: "005010", functionalID: "IN", table: X12DefinitionData.table810),
            X12SetDefinition(id: "997", version: "004010", functionalID: "FA", table: X12DefinitionData.table997),
            X12SetDefinition(id: "997", version: "005010", functionalID: "FA", table: X12DefinitionData.table997),
            X12SetDefinition(id: "999", version: "005010", functionalID: "FA", table: X12DefinitionData.table999),
        ]
        return X12Definitions(sets: sets, segments: segments, elements: elements)
    }()
}

enum X12DefinitionData {
    static func parseElements(_ text: String) -> [Int: X12ElementDefinition] {
        var result: [Int: X12ElementDefinition] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 4, let reference = Int(words[0]),
                let type = X12ElementDefinition.DataType(rawValue: words[1]), let min = Int(words[2]),
                let max = Int(words[3])
            else { continue }
            let codes = words.count > 4 ? Set(words[4].split(separator: ",").map(String.init)) : nil
            result[reference] = X12ElementDefinition(type: type, minLength: min, maxLength: max, codes: codes)
        }
        return result
    }

    /// `ID: ref REQ, ref REQ, C040 O, 1234 O*99` (`*n` repeats).
    static func parseSegments(_ text: String) -> [String: X12SegmentDefinition] {
        var result: [String: X12SegmentDefinition] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let id = parts[0].trimmingSpaces
            let halves = parts[1].split(separator: "|", maxSplits: 1)
            let notes = halves.count > 1 ? halves[1].split(separator: " ").compactMap { X12SyntaxNote(String($0)) } : []
            let uses = halves[0].split(separator: ",").map { item -> X12ElementUse in
                let words = item.split(separator: " ").map(String.init)
                let reference = words.first ?? "0"
                var requirementText = words.count > 1 ? words[1] : "O"
                var repeatCount = 1
                if let star = requirementText.firstIndex(of: "*") {
                    repeatCount = Int(requirementText[requirementText.index(after: star)...]) ?? 1
                    requirementText = String(requirementText[..<star])
                }
                return X12ElementUse(
                    reference: Int(reference) ?? 0,
                    requirement: X12SetDefinition.Requirement(rawValue: requirementText) ?? .optional,
                    isComposite: reference.hasPrefix("C"), repeatCount: repeatCount)
            }
            result[id] = X12SegmentDefinition(id: id, elements: uses, syntaxNotes: notes)
        }
        return result
    }

    /// Data elements: `REF TYPE MIN MAX [CODES]`.
    static let elements = """
        19 AN 2 30
        76 AN 1 22
        396 AN 2 30
        628 AN 1 12
        734 AN 1 12
        735 ID 1 2
        736 ID 1 1 0,1
        306 ID 1 2
        327 AN 1 8
        96 N0 1 10
        81 R 1 10
        183 R 1 8
        354 N0 1 6
        782 R 1 18
        380 R 1 15
        326 AN 1 45
        332 R 1 6
        639 ID 2 2
        751 AN 1 12
        750 ID 2 3
        116 AN 3 15
        309 ID 1 2
        310 AN 1 30
        447 AN 1 4
        26 ID 2 3
        66 ID 1 2
        67 AN 2 80
        92 ID 2 2
        93 AN 1 60
        98 ID 2 3
        100 ID 3 3
        127 AN 1 30
        128 ID 2 3
        143 ID 3 3
        156 ID 2 2
        166 AN 1 55
        234 AN 1 48
        235 ID 2 2
        236 ID 3 3
        248 ID 1 1 A,C,N
        212 R 1 17
        280 R 4 10
        28 N0 1 9
        2 N0 1 6
        97 N0 1 6
        123 N0 1 6
        143 ID 3 3
        329 AN 4 9
        330 R 1 15
        347 AN 1 30
        350 AN 1 20
        352 AN 1 80
        353 ID 2 2
        355 ID 2 2
        358 R 1 15
        324 AN 1 22
        325 AN 1 30
        328 AN 1 30
        364 AN 1 256
        365 ID 2 2
        366 ID 2 2
        367 AN 1 30
        373 DT 8 8
        374 ID 3 3
        337 TM 4 8
        349 ID 1 1 F,S,X
        350 AN 1 20
        479 ID 2 2 AG,CA,FA,GF,IB,IN,OW,PC,PD,PO,PR,PS,QM,RA,RS,SC,SH,SM,SW,TX,HC,HP,HS,HN,BE,HI,RT
        480 AN 1 12
        522 ID 1 3
        559 ID 2 2
        587 ID 2 2 AC,AD,AE,AH,AK,AP,AT,CA,CN,NA,RD,RF,RJ,RO,ZZ
        610 N2 1 15
        668 ID 2 2 AC,AR,BP,DR,IA,IB,IC,ID,IE,IF,IH,IP,IQ,IR,IS,IW,R1,R2,R3,R4,SP
        706 ID 2 2
        715 ID 1 1 A,E,M,P,R,W,X
        716 ID 1 3
        717 ID 1 1 A,E,M,R,W,X
        718 ID 1 3
        719 N0 1 10
        720 ID 1 3 1,2,3,4,5,6,7,8
        721 ID 2 3
        722 N0 1 2
        723 ID 1 3 1,2,3,4,5,6,7,8,9,10,12,13,I6,I9,I10,I11,I12,I13
        724 AN 1 99
        725 N0 1 4
        727 N0 1 1
        893 N0 1 2
        933 AN 1 264
        1270 ID 1 3
        1300 ID 4 4
        1301 AN 1 10
        1705 AN 1 35
        618 ID 1 3 1,2,3,4,5,6,7,8,9,10,11,12,13,15,16,17,18,19,23,24,25,26,27,I5,I6
        620 ID 1 3 1,2,3,4,5,6,7,8,I4,I6,I7,I8,I9
        621 ID 1 3 1,2,3,4,5,6,7,8,9,10,12,13,I10,I11,I12,I13,I6,I9
        """

    /// Segment element lists (`ID: REF REQ, … | NOTES`; `C…` is a composite; notes as the standard prints them).
    static let segments = """
        ST: 143 M, 329 M, 1705 O
        SE: 96 M, 329 M
        BEG: 353 M, 92 M, 324 M, 328 O, 373 M, 367 O, 587 O, 1019 O, 1166 O, 1232 O, 786 O, 640 O
        BAK: 353 M, 587 M, 324 M, 373 M, 328 O, 326 O, 367 O, 324 O, 373 O, 640 O, 1019 O, 1166 O
        CUR: 98 M, 100 M, 280 O, 98 O, 100 O, 669 O, 374 O, 373 O, 337 O, 374 O, 373 O, 337 O
        REF: 128 M, 127 C, 352 C, C040 O | R0203
        PER: 366 M, 93 O, 365 C, 364 C, 365 C, 364 C, 365 C, 364 C, 443 O | P0304 P0506 P0708
        DTM: 374 M, 373 C, 337 C, 623 O, 1250 C, 1251 C | R020305 C0403 P0506
        N1: 98 M, 93 C, 66 C, 67 C, 706 O, 98 O | R0203 P0304
        N2: 93 M, 93 O
        N3: 166 M, 166 O
        N4: 19 O, 156 O, 116 O, 26 O, 309 O, 310 O, 1715 O | C0605
        PO1: 350 O, 330 C, 355 O, 212 C, 639 O, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C | C0302 C0504 P0607 P0809 P1011 P1213 P1415 P1617 P1819 P2021 P2223 P2425
        PID: 349 M, 750 O, 559 C, 751 C, 352 C, 752 O, 822 O, 1073 O, 819 O | C0403 R0405 C0703 C0804 C0905
        CTT: 354 M, 347 O, 81 C, 355 C, 183 C, 355 C, 352 O | P0304 P0506
        AMT: 522 M, 782 M, 478 O
        MSG: 933 M, 934 C, 1470 O
        SAC: 248 M, 1300 C, 559 C, 1301 C, 610 O, 378 C, 332 C, 118 O, 355 C, 380 C, 380 O, 331 O, 127 C, 770 O, 352 C, 819 O | R0203 P0304 P0607 P0910 C1110 C1413 C1615 L130204
        ACK: 668 M, 380 C, 355 C, 374 C, 373 O, 326 O, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 559 O, 822 O, 1271 C | P0203 C0405 P0708 P0910 P1112 P1314 P1516 P1718 P1920 P2122 P2324 P2526 P2728
        BIG: 373 M, 76 M, 373 O, 324 O, 328 O, 327 O, 640 O, 353 O, 306 O, 76 O
        IT1: 350 O, 358 C, 355 C, 212 C, 639 O, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C | P020304 P0607 P0809 P1011 P1213 P1415 P1617 P1819 P2021 P2223 P2425
        TDS: 610 M, 610 O, 610 O, 610 O
        BSN: 353 M, 396 M, 373 M, 337 M, 1005 O, 640 O, 641 O
        HL: 628 M, 734 O, 735 M, 736 O
        AK1: 479 M, 28 M, 480 O
        AK2: 143 M, 329 M, 1705 O
        AK3: 721 M, 719 M, 447 O, 720 O
        AK4: C030 M, 725 O, 723 M, 724 O
        AK5: 717 M, 718 O, 718 O, 718 O, 718 O, 718 O
        AK9: 715 M, 97 M, 123 M, 2 M, 716 O, 716 O, 716 O, 716 O, 716 O
        IK3: 721 M, 719 M, 447 O, 620 O
        IK4: C030 M, 725 O, 621 M, 724 O
        IK5: 717 M, 618 O, 618 O, 618 O, 618 O, 618 O
        """





}

extension StringProtocol {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

extension String {
    func replacingLine(_ line: String, with replacement: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces == line ? replacement : String($0) }
            .joined(separator: "\n")
    }
}
