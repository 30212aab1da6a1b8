extension PageTemplates {
    /// `GET /warehouse/{dc}/orders/{order}/floor`: what the floor recorded for an order (where a confirmed shipment
    /// or cancel lands): each shipment with its packages, the fees it was flagged with and the rules checked; each
    /// cancel; the documents that went to the retailer's outbox.
    static let recorded = """
        {{> head}}
        <h1>PO {{poNumber}} · {{retailerName}}</h1>
        <p>DC {{dc}} · order {{order}} · <strong class="state">{{state}}</strong></p>
        {{#shipments}}
        <section class="shipment">
        <h2>Shipment {{id}} · {{units}} unit(s) · shipped {{shippedAt}}</h2>
        <p>{{service}} · {{#packages}}<span class="sku">{{tracking}}</span> {{/packages}} · recorded by {{by}}</p>
        {{#hasFlags}}<div class="problems" role="alert"><h3>Fees at stake</h3><ul>{{#flags}}<li><span class="flag overdue">{{violation}}</span> {{detail}} — <strong>{{fee}}</strong>{{#allowance}} (beyond {{allowance}}){{/allowance}}</li>{{/flags}}</ul></div>{{/hasFlags}}
        {{^hasFlags}}<p class="ok">No rule broken: nothing to charge.</p>{{/hasFlags}}
        {{#asnDue}}<p>ASN due at the retailer by <strong>{{asnDue}}</strong></p>{{/asnDue}}
        <details><summary>Rules checked</summary><ul>{{#checks}}<li>{{.}}</li>{{/checks}}</ul></details>
        </section>
        {{/shipments}}
        {{#hasCancels}}
        <section class="cancels"><h2>Cancelled from the floor</h2>
        <table><thead><tr><th>Line</th><th>SKU</th><th>Units</th><th>Reason</th><th>When</th></tr></thead><tbody>
        {{#cancels}}<tr><td>{{line}}</td><td class="sku">{{sku}}</td><td>{{quantity}}</td><td>{{reason}}</td><td>{{at}}</td></tr>
        {{/cancels}}
        </tbody></table>
        {{#cancelFlags}}<p><span class="flag overdue">{{violation}}</span> {{detail}} — <strong>{{fee}}</strong>{{#allowance}} (beyond {{allowance}}){{/allowance}}</p>{{/cancelFlags}}
        </section>
        {{/hasCancels}}
        <h2>Sent to {{retailerName}}</h2>
        <ul>{{#documents}}<li>{{kind}} <span class="sku">{{name}}</span> · {{state}}</li>{{/documents}}</ul>
        <p class="actions"><a class="button primary" href="/warehouse/{{dc}}/picks">Back to the pick list</a></p>
        </main>
        </body>
        </html>

        """
}
