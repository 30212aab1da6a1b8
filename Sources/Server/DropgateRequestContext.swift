public import Hummingbird
public import NIOSSL

/// What every route of the service is handed beside the request: Hummingbird's core context, and a way to read the
/// client certificate of the connection the request came on, when the service terminates mutual TLS itself.
public struct DropgateRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The certificate the client presented and the TLS handshake verified, if the connection is TLS and it
    /// presented one (read off the connection's TLS handler, only when asked).
    let peerCertificate: @Sendable () async -> NIOSSLCertificate?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let channel = source.channel
        peerCertificate = { try? await channel.nioSSL_peerCertificate().get() }
    }
}
