public import Profiles

extension ProfileRule {
    /// A `duplicate-order` reason code is what answers a refused repeat of a PO; a profile that maps one but whose
    /// acknowledgements take neither rejects nor cancels would never send it, which is worth saying.
    static let duplicateAnswers = ProfileRule(name: "duplicate-answers") { profile in
        let kinds = profile.documents.acknowledgement.kinds
        guard profile.reasonCodes.codes[.duplicateOrder] != nil, !kinds.contains(.reject), !kinds.contains(.cancel)
        else { return [] }
        return [
            .init(
                keyPath: "reason-codes.duplicate-order",
                message: "a refused repeat of a PO would be answered with this code, but the acknowledgement kinds "
                    + "include neither reject nor cancel: it is never sent (add reject to the kinds, or remove it)")
        ]
    }
}
