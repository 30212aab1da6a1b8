public import Foundation
import NIOSSL
import SwiftASN1
import X509

/// TLS the service terminates itself: its certificate chain and key (PEM files), and, for mutual TLS, the
/// certificate authority partners' client certificates must chain to. With a client CA, a connection without a
/// certificate it signed is refused in the handshake, and a partner's key is taken only with that partner's own
/// certificate (its subject's CN names the partner), as with `clientIdentityHeader` behind a proxy.
public struct ServiceTLS: Sendable, Hashable {
    public var certificateChain: URL
    public var privateKey: URL
    public var clientCA: URL?

    public init(certificateChain: URL, privateKey: URL, clientCA: URL? = nil) {
        self.certificateChain = certificateChain
        self.privateKey = privateKey
        self.clientCA = clientCA
    }

    /// The server's TLS configuration (TLS 1.2 at least), read from the files now; a file that cannot be read or
    /// is no PEM says which.
    func configuration() throws -> TLSConfiguration {
        func read<T>(_ url: URL, _ what: String, _ load: (String) throws -> T) throws -> T {
            do { return try load(url.path) } catch {
                throw ServiceTLSError(description: "\(url.path): not \(what) in PEM: \(error)")
            }
        }
        let chain = try read(certificateChain, "a certificate chain") { try NIOSSLCertificate.fromPEMFile($0) }
        let key = try read(privateKey, "a private key") { try NIOSSLPrivateKey(file: $0, format: .pem) }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        if let clientCA {
            let roots = try read(clientCA, "a CA certificate") { try NIOSSLCertificate.fromPEMFile($0) }
            configuration.trustRoots = .certificates(roots)
            // A client certificate names a partner, not a host: the chain is checked, no hostname.
            configuration.certificateVerification = .noHostnameVerification
        }
        return configuration
    }

    /// The partner a verified client certificate names: its subject's common name.
    static func identity(of certificate: NIOSSLCertificate) -> String? {
        guard let der = try? certificate.toDERBytes(), let parsed = try? Certificate(derEncoded: der) else {
            return nil
        }
        for name in parsed.subject {
            for attribute in name where attribute.type == .RDNAttributeType.commonName {
                if let text = String(attribute.value), !text.isEmpty { return text }
            }
        }
        return nil
    }
}

/// A TLS file the service could not use: which, and why.
public struct ServiceTLSError: Error, CustomStringConvertible {
    public var description: String
}
