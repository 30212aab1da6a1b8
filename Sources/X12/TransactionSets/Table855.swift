/// 855 Purchase Order Acknowledgment, segment table as ASC X12 004010 lists it; 005010 reads with it.
extension X12DefinitionData {
    static let table855 = """
        ST M 1
        BAK M 1
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
        ITD O >1
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
        MAN O 10
        TXI O >1
        CTB O 5
        LOOP AMT O >1
        AMT O 1
        REF O >1
        DTM O 1
        END
        LOOP N9 O 1000
        N9 O 1
        DTM O >1
        MSG O 1000
        MTX O >1
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
        LOOP PO1 O 100000
        PO1 O 1
        LIN O >1
        SI O >1
        CUR O 1
        PO3 O 25
        LOOP CTP O >1
        CTP O 1
        CUR O 1
        END
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
        IT3 O 5
        DTM O 10
        TC2 O >1
        TD1 O 1
        TD5 O 12
        TD3 O 12
        TD4 O 5
        PCT O >1
        MAN O 10
        MSG O >1
        MTX O >1
        SPI O >1
        TXI O >1
        CTB O >1
        LOOP ACK O 104
        ACK O 1
        DTM O >1
        END
        LOOP QTY O >1
        QTY O 1
        SI O >1
        END
        LOOP SCH O 104
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
        MSG O 1000
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
        END
        LOOP SLN O 1000
        SLN O 1
        MSG O >1
        SI O >1
        PID O 1000
        PO3 O 104
        ADV O >1
        DTM O 10
        CTP O 25
        PAM O 10
        PO4 O 1
        TAX O 3
        END
        END
        LOOP CTT O 1
        CTT O 1
        AMT O 1
        END
        SE M 1
        """
}
