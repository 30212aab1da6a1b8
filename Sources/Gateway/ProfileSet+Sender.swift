import OrderXML
public import Orders
public import Profiles
import X12

extension ProfileSet {
    /// Who a document says it is from, read from its first bytes alone (an X12 interchange's ISA sender, a cXML
    /// document's `From` credential, else its `Sender`), and the retailer profile that claims that identity, if any;
    /// nil when the document names no sender that can be read.
    public func sender(of bytes: [UInt8]) -> (identity: PartnerIdentity, profile: RetailerProfile?)? {
        if let header = ISAHeader(opening: bytes) {
            let identity = PartnerIdentity(qualifier: header.senderQualifier, id: header.senderID)
            return (identity, profile(interchangeSender: identity))
        }
        if let envelope = CXMLEnvelopeInfo(opening: bytes), let identity = envelope.from ?? envelope.sender {
            return (identity, profile(cXMLCredential: identity))
        }
        return nil
    }
}
