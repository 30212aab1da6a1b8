/// 997 Functional Acknowledgment (004010/005010) and 999 Implementation Acknowledgment (005010).
extension X12DefinitionData {
    static let table997 = """
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

    static let table999 = """
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
