extension PageTemplates {
    /// `GET /warehouse/{dc}/picks`: the DC's open pick list, most urgent first.
    static let picks = """
        {{% CONTENT_TYPE: DROPGATE_HTML}}
        {{> head}}
        <h1>Pick list · {{dc}} <small>({{count}} {{orderWord}})</small></h1>
        <p>As of {{now}} on the DC's clock. {{overdueCount}} overdue, {{dueSoonCount}} due soon.</p>
        <p class="actions no-print"><a class="button" href="/warehouse/{{dc}}/picks?format=csv">CSV</a>
        <a class="button" href="/warehouse/{{dc}}/picks?format=json">JSON</a></p>
        {{^orders}}<p class="empty">Nothing to pick at {{dc}}.</p>{{/orders}}
        {{#orders}}{{{html}}}{{/orders}}
        </main>
        </body>
        </html>

        """

    /// One order's section of the pick list, rendered on its own so that the page can keep it (`PickPageCache`).
    static let pick = """
        {{% CONTENT_TYPE: DROPGATE_HTML}}
        <section class="order {{status}}" id="order-{{order}}" data-po="{{poNumber}}">
        <h2>{{#overdue}}<span class="flag overdue">OVERDUE</span> {{/overdue}}{{#dueSoon}}<span class="flag due-soon">DUE SOON</span> {{/dueSoon}}PO <span class="po">{{poNumber}}</span> · {{retailerName}}</h2>
        <p>Ship by <strong>{{shipByNode}}</strong> (DC clock; retailer's clock {{shipByRetailer}}) · tender by {{shipAt}}</p>
        <p>Carrier service <strong>{{service}}</strong>{{#carrier}} ({{carrier}}){{/carrier}}{{#methods}} · the retailer's method {{methods}}{{/methods}} · {{state}}</p>
        <p>Packing slip <strong>{{packingSlipWord}}</strong>{{#giftMessage}} · Gift message: <q class="gift">{{giftMessage}}</q>{{/giftMessage}}</p>
        <table>
        <thead><tr>{{#hasLocations}}<th>Bin</th>{{/hasLocations}}<th>Line</th><th>SKU</th><th>UPC</th><th>Retailer item</th><th>Description</th><th>To pick</th><th>Care</th></tr></thead>
        <tbody>
        {{#lines}}<tr class="line{{#done}} done{{/done}}" data-line="{{lineNumber}}" data-left="{{quantity}}">{{#hasLocations}}<td class="bin">{{location}}</td>{{/hasLocations}}<td>{{lineNumber}}</td><td class="sku">{{sku}}</td><td>{{upc}}</td><td>{{retailerItem}}</td><td>{{description}}</td><td class="qty">{{quantityText}}</td><td class="care">{{care}}</td></tr>{{#components}}<tr class="kit-component{{#done}} done{{/done}}">{{#hasLocations}}<td class="bin">{{location}}</td>{{/hasLocations}}<td></td><td class="sku">{{sku}}</td><td></td><td></td><td>{{description}} ({{perKit}} per kit)</td><td class="qty">{{quantityText}}</td><td></td></tr>{{/components}}
        {{/lines}}
        </tbody>
        </table>
        <p class="actions no-print"><a class="button" href="/warehouse/{{node}}/orders/{{order}}/ticket">Pick ticket</a>
        {{#packingSlip}}<a class="button" href="/warehouse/{{node}}/orders/{{order}}/packing-slip">Packing slip</a>{{/packingSlip}}
        <a class="button primary" href="/warehouse/{{node}}/orders/{{order}}/ship">Ship</a></p>
        </section>

        """
}
