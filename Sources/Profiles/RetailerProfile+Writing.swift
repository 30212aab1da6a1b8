import Foundation
import Orders
internal import Yams

extension RetailerProfile {
    /// The profile in its own file format, every default written out. Reading the text back gives an equal profile
    /// (a property test holds this), so `profiles show` prints exactly what a file could say.
    public func fileYAML() throws -> String {
        try Yams.serialize(node: fileNode)
    }

    var fileNode: Node {
        object([
            ("id", text(id.rawValue)),
            ("name", text(name)),
            ("sample", flag(sample)),
            (
                "identity",
                object([
                    ("x12-interchange", list(identity.interchange.map { text($0.description) })),
                    ("x12-group", list(identity.group.map(text))),
                    ("cxml-credential", list(identity.cXML.map { text($0.description) })),
                    ("x12-version", identity.x12Version.map(text)),
                    ("x12-reply-version", identity.x12ReplyVersion.map(text)),
                    (
                        "xml",
                        identity.xml.isEmpty
                            ? nil
                            : list(
                                identity.xml.map { claim in
                                    object([
                                        ("root", claim.root.map(text)), ("namespace", claim.namespace.map(text)),
                                        (
                                            "sender",
                                            claim.sender.map { sender in
                                                object([
                                                    ("path", sender.path.map(text)), ("equals", text(sender.equals)),
                                                ])
                                            }
                                        ),
                                        ("mapping", text(claim.mapping)),
                                    ])
                                })
                    ),
                    (
                        "delimiters",
                        identity.delimiters.map { d in
                            object([
                                ("element", text(d.element)), ("component", text(d.component)),
                                ("segment", text(d.segment)),
                                ("repetition", d.repetition.map(text)),
                                ("line-ending", text(d.lineEnding.rawValue)),
                            ])
                        }
                    ),
                ])
            ),
            (
                "documents",
                object(
                    [
                        ("sends", list(documents.sends.map { text($0.rawValue) })),
                        ("expects", list(documents.expects.map { text($0.rawValue) })),
                        (
                            "acknowledgement",
                            object([
                                ("required", flag(documents.acknowledgement.required)),
                                ("deadline", text(documents.acknowledgement.deadline.description)),
                                ("scope", text(documents.acknowledgement.scope.rawValue)),
                                (
                                    "kinds",
                                    list(
                                        AcknowledgementRules.Kind.allCases.filter(
                                            documents.acknowledgement.kinds.contains
                                        )
                                        .map { text($0.rawValue) })
                                ),
                            ])
                        ),
                        ("asn-deadline", documents.asnDeadline.map { text($0.description) }),
                        (
                            "asn-package-details",
                            documents.asnPackageDetails.isEmpty
                                ? nil
                                : list(
                                    PackageDetail.allCases.filter(documents.asnPackageDetails.contains).map {
                                        text($0.rawValue)
                                    })
                        ),
                        ("cancel-on", text(documents.cancelOn.rawValue)),
                        ("ship-on", text(documents.shipOn.rawValue)),
                        ("invoice-on", text(documents.invoiceOn?.rawValue ?? "none")),
                        (
                            "change-answer-on",
                            documents.changeAnswerOn == .x865 ? nil : text(documents.changeAnswerOn?.rawValue ?? "none")
                        ),
                    ] + (documents.endpoint.map(endpointPairs) ?? []))
            ),
            ("routing-authority", text(routingAuthority.rawValue)),
            (
                "sourcing",
                object([
                    ("primary", sourcing.primary.map { text($0.rawValue) }),
                    ("alternates", list(sourcing.alternates.map { text($0.rawValue) })),
                    ("strategy", text(sourcing.strategy.rawValue)),
                ])
            ),
            (
                "ship-sla",
                object([
                    ("within", text(shipSLA.within.description)),
                    ("from", text(shipSLA.from.rawValue)),
                    ("honour", list(shipSLA.honours.map { text($0.rawValue) })),
                    ("cutoff", text(shipSLA.cutoff.description)),
                    ("calendar", shipSLA.calendar.fileNode),
                ])
            ),
            (
                "fulfilment",
                object([
                    ("fill", text(fulfilment.fill.rawValue)),
                    ("max-shipments", number(fulfilment.maxShipments)),
                    ("backorder", text(fulfilment.backorder?.description ?? "none")),
                ])
            ),
            (
                "carriers",
                list(
                    carriers.map { mapping in
                        object([
                            ("scac", mapping.scac.map(text)), ("service-level", mapping.serviceLevel.map(text)),
                            ("routing", mapping.routing.map(text)),
                            ("services", list(mapping.services.map { text($0.rawValue) })),
                        ])
                    })
            ),
            (
                "ship-to",
                object([
                    ("po-boxes", flag(shipTo.poBoxes)), ("military", flag(shipTo.military)),
                    ("alaska-hawaii", flag(shipTo.alaskaHawaii)), ("territories", flag(shipTo.territories)),
                    ("non-us", flag(shipTo.nonUS)),
                ])
            ),
            (
                "items",
                object([
                    ("max-units-per-line", items.maxUnitsPerLine.map(number)),
                    ("max-units-per-order", items.maxUnitsPerOrder.map(number)),
                    ("max-lines", items.maxLines.map(number)),
                    ("require-prices", flag(items.requirePrices)), ("packing-slip", flag(items.packingSlip)),
                    ("gift-messages", flag(items.giftMessages)),
                ])
            ),
            (
                "fees",
                object(
                    FeeSchedule.Violation.allCases.compactMap { violation in
                        fees.fees[violation].map { (violation.rawValue, $0.fileNode) }
                    } + [
                        (
                            "scorecard",
                            object(
                                FeeSchedule.Metric.allCases.compactMap { metric in
                                    fees.scorecard[metric].map { (metric.rawValue, Node("\($0)", Tag(.float))) }
                                })
                        )
                    ])
            ),
            (
                "reason-codes",
                object(
                    [
                        (
                            "default",
                            reasonEntry(
                                reasonCodes.fallback, reasonCodes.fallbackText, reasonCodes.fallbackStatusReason)
                        )
                    ]
                        + Reason.allCases.compactMap { reason in
                            reasonCodes.codes[reason].map {
                                (
                                    reason.rawValue,
                                    reasonEntry($0, reasonCodes.texts[reason], reasonCodes.statusReasons[reason])
                                )
                            }
                        })
            ),
            (
                "feed",
                feed.map { feed in
                    object(
                        [
                            ("format", text(feed.format.rawValue)), ("mode", text(feed.mode.rawValue)),
                            ("per-node", flag(feed.perNode)), ("unavailable", text(feed.unavailable.rawValue)),
                            ("schedule", text(feed.schedule.description)),
                            ("minimum-interval", feed.minimumInterval.map { text($0.description) }),
                            ("destination", text(feed.destination.absoluteString)),
                            (
                                "credentials",
                                object(feed.credentials.sorted { $0.key < $1.key }.map { ($0.key, text($0.value)) })
                            ),
                            (
                                "buffer",
                                feed.buffer.map { buffer in
                                    switch buffer {
                                    case .units(let units): text("\(units) units")
                                    case .percent(let percent): text("\(percent)%")
                                    }
                                }
                            ),
                            ("cap", feed.cap.map(number)),
                            ("columns", list(feed.columns.map(text))),
                            (
                                "item-ids",
                                object(
                                    feed.itemIDs.sorted { $0.key < $1.key }.map { ($0.key.rawValue, text($0.value)) })
                            ),
                            ("max-items-per-set", feed.maxItemsPerSet.map(number)),
                            ("accepted-on", feed.acceptedOn == .delivery ? nil : text(feed.acceptedOn.rawValue)),
                            ("acknowledgement-due", feed.acknowledgementDue.map { text($0.description) }),
                        ] + optionPairs(feed.delivery))
                }
            ),
            (
                "orders",
                object([
                    ("duplicates", text(orders.duplicates.rawValue)),
                    (
                        "cancel-after-release",
                        orders.cancelAfterRelease == .refuse ? nil : text(orders.cancelAfterRelease.rawValue)
                    ),
                ])
            ),
        ])
    }
}

extension BusinessCalendar {
    var fileNode: Node {
        object([
            ("weekends", list(Weekday.allCases.filter(weekends.contains).map { text($0.rawValue) })),
            ("holidays", list(holidays.sorted().map { text($0.description) })),
        ])
    }
}

extension Fee {
    var fileNode: Node {
        var pairs: [(String, Node?)]
        switch amount {
        case .fixed(let money): pairs = [("fixed", text(money.description))]
        case .perUnit(let money): pairs = [("per-unit", text(money.description))]
        case .percent(let percent): pairs = [("percent", Node("\(percent)", Tag(.float)))]
        }
        pairs.append(("allowance", allowance.map { text("\($0.percent)% of \($0.of.rawValue)") }))
        return object(pairs, flow: true)
    }
}

/// A string, quoted whenever a plain scalar would read back as something else (`~`, `855`, `true`, ``).
/// A reason code alone, or with the retailer's text and status reason.
private func reasonEntry(_ code: String, _ words: String?, _ statusReason: String?) -> Node {
    guard words != nil || statusReason != nil else { return text(code) }
    return object(
        [("code", text(code)), ("text", words.map(text)), ("status-reason", statusReason.map(text))], flow: true)
}

/// An endpoint's keys, as `documents:` and a node's `pick-tickets:` write them.
func endpointPairs(_ endpoint: DeliveryEndpoint) -> [(String, Node?)] {
    [
        ("destination", text(endpoint.destination.absoluteString)),
        ("credentials", object(endpoint.credentials.sorted { $0.key < $1.key }.map { ($0.key, text($0.value)) })),
    ] + optionPairs(endpoint.options)
}

func optionPairs(_ options: DeliveryOptions) -> [(String, Node?)] {
    [
        ("method", options.method.map { text($0.rawValue) }), ("api-key-header", options.apiKeyHeader.map(text)),
        ("known-hosts", options.knownHosts.map(text)), ("ca-bundle", options.caBundle.map(text)),
    ]
}

private func text(_ value: String) -> Node {
    let plain = Node(value)
    let ambiguous = value.isEmpty || plain.isNull || plain.tag != Tag(.str)
    return Node(value, Tag(.str), ambiguous ? .singleQuoted : .any)
}
private func flag(_ value: Bool) -> Node { Node(value ? "true" : "false", Tag(.bool)) }
private func number(_ value: Int) -> Node { Node(String(value), Tag(.int)) }
private func list(_ items: [Node]) -> Node {
    Node(items, Tag(.seq), items.count <= 8 && items.allSatisfy { $0.scalar != nil } ? .flow : .block)
}
private func object(_ pairs: [(String, Node?)], flow: Bool = false) -> Node {
    Node(pairs.compactMap { key, value in value.map { (Node(key), $0) } }, Tag(.map), flow ? .flow : .block)
}
