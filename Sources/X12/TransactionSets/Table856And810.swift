/// 856 Ship Notice/Manifest and 810 Invoice, segment tables as ASC X12 004010 lists them; 005010 reads with them.
/// The gateway writes both, so its own output is checked against these.
extension X12DefinitionData {
    static let table856 = """
        ST M 1
        BSN M 1
        DTM O 10
        LOOP HL M 200000
        HL M 1
        LIN O 1
        SN1 O 1
        SLN O 1000
        PRF O 1
        PO4 O 1
        PID O 200
        MEA O 40
        PWK O 25
        PKG O 25
        TD1 O 20
        TD5 O 12
        TD3 O 12
        TD4 O 5
        REF O >1
        PER O 3
        LOOP CLD O 200
        CLD O 1
        REF O 200
        DTP O 1
        END
        MAN O >1
        DTM O 10
        FOB O 1
        PAL O 1
        LOOP N1 O 200
        N1 O 1
        N2 O 2
        N3 O 2
        N4 O 1
        REF O 12
        PER O 3
        FOB O 1
        END
        SDQ O 50
        ETD O 1
        CUR O 1
        LOOP SAC O >1
        SAC O 1
        CUR O 1
        END
        GF O 1
        YNQ O 10
        LOOP LM O >1
        LM O 1
        LQ M >1
        END
        LOOP V1 O >1
        V1 O 1
        R4 O >1
        DTM O >1
        END
        END
        CTT O 1
        SE M 1
        """

    static let table810 = """
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
        LOOP LM O 10
        LM O 1
        LQ M 100
        END
        LOOP N9 O 1
        N9 O 1
        MSG O 10
        END
        LOOP IT1 O 200000
        IT1 O 1
        CRC O 1
        QTY O 5
        CUR O 1
        IT3 O 5
        TXI O 10
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
        LOOP SAC O 25
        SAC O 1
        TXI O 10
        END
        LOOP SLN O 1000
        SLN O 1
        DTM O 1
        REF O >1
        PID O 1000
        SAC O 25
        TC2 O >1
        TXI O 10
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
        END
        TDS M 1
        TXI O 10
        CAD O 1
        AMT O >1
        LOOP SAC O 25
        SAC O 1
        TXI O 10
        END
        LOOP ISS O >1
        ISS O 1
        PID O 1
        END
        CTT O 1
        SE M 1
        """
}
