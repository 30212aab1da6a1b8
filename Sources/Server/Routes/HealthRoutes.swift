import Foundation
import Gateway
import Hummingbird
import Profiles
import Prometheus
import Store

/// `GET /healthz` (the process answers), `GET /readyz` (the store answers and a world is loaded), `GET /metrics`
/// (Prometheus text) and `GET /openapi.yaml`: no key needed.
extension DropgateAPI {
    func addHealthRoutes(to router: Router<DropgateRequestContext>) {
        router.get("healthz") { _, _ in
            try APIJSON.response(["status": "ok"])
        }
        router.get("readyz") { _, _ in
            do {
                _ = try await store.nodeSwitches()
            } catch {
                return try APIJSON.response(
                    ["status": "not ready", "reason": "the store does not answer"], status: .serviceUnavailable)
            }
            let profiles = world.profiles.profiles.count
            return try APIJSON.response(["status": "ready", "profiles": "\(profiles)"])
        }
        router.get("metrics") { _, _ in
            await metrics.refresh(from: store, at: settings.clock())
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
        }
        router.get("openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
    }
}
