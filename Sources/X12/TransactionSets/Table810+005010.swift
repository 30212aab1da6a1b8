extension X12DefinitionData {
    /// 810 Invoice, ASC X12 005010: segment order, requirement (M/O), max use and loop repeat, transcribed from bots-
    /// edi-parser 1.1.1, `edi_parser/grammars/x12/5010/810005010.py` (its MAX 99999 is `>1` here). 005010 puts MTX
    /// where 004010 had MSG. The IT1 loop repeats 200000 times as the standard prints it (bots caps it at 99999).
    static let table810_005010 = """
        ST M 1
        BIG M 1
        NTE O 100
        CUR O 1
        REF O 12
        YNQ O 10
        PER O 3
        LOOP N1 O 200
            N1 O 1
            N2 O 2
            N3 O 2
            N4 O 1
            REF O 12
            PER O 3
            DMG O 1
        END
        ITD O >1
        DTM O 10
        FOB O 1
        PID O 200
        MEA O 40
        PWK O 25
        PKG O 25
        L7 O 1
        BAL O >1
        INC O 1
        PAM O >1
        CRC O 1
        LOOP LM O 10
            LM O 1
            LQ M 100
        END
        LOOP N9 O 1
            N9 O 1
            MSG M 10
        END
        LOOP V1 O >1
            V1 O 1
            R4 O >1
            DTM O >1
        END
        LOOP FA1 O >1
            FA1 O 1
            FA2 M >1
        END
        LOOP IT1 O 200000
            IT1 O 1
            CRC O 1
            QTY O 5
            CUR O 1
            IT3 O 5
            TXI O >1
            CTP O 25
            PAM O 10
            MEA O 40
            LOOP PID O 1000
                PID O 1
                MEA O 10
            END
            PWK O 25
            PKG O 25
            PO4 O 1
            ITD O 2
            REF O >1
            YNQ O 10
            PER O 5
            SDQ O 500
            DTM O 10
            CAD O >1
            L7 O >1
            SR O 1
            LOOP SAC O >1
                SAC O 1
                LOOP TXI O >1
                    TXI O 1
                    DTM O 1
                END
            END
            LOOP SLN O 1000
                SLN O 1
                DTM O 1
                REF O >1
                PID O 1000
                SAC O >1
                TC2 O 2
                TXI O >1
            END
            LOOP N1 O 200
                N1 O 1
                N2 O 2
                N3 O 2
                N4 O 1
                REF O 12
                PER O 3
                DMG O 1
            END
            LOOP LM O 10
                LM O 1
                LQ M 100
            END
            LOOP V1 O >1
                V1 O 1
                R4 O >1
                DTM O >1
            END
            LOOP FA1 O >1
                FA1 O 1
                FA2 M >1
            END
        END
        TDS M 1
        TXI O >1
        CAD O 1
        AMT O >1
        LOOP SAC O >1
            SAC O 1
            DTM O >1
            LOOP TXI O >1
                TXI O 1
                DTM O 1
            END
        END
        LOOP ISS O >1
            ISS O 1
            PID O 1
        END
        CTT O 1
        SE M 1
        """
}
