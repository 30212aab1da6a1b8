extension PageTemplates {
    /// `GET /warehouse/{dc}/orders/{order}/packing-slip`: what goes in the box for the consumer. Never a price: the
    /// consumer may have received the order as a gift, and retailers' guides forbid prices on the slip.
    static let packingSlip = """
        {{> head}}
        <p class="actions no-print"><button type="button" onclick="window.print()">Print</button></p>
        {{#tickets}}
        <article class="slip" data-po="{{poNumber}}">
        <h1>{{retailerName}}</h1>
        <p>Order {{poNumber}}</p>
        {{#shipTo}}<h2>Ship to</h2>
        <address>{{name}}<br>{{#lines}}{{.}}<br>{{/lines}}{{place}}</address>{{/shipTo}}
        <table>
        <thead><tr><th>Item</th><th>Description</th><th>Qty</th></tr></thead>
        <tbody>
        {{#lines}}<tr><td class="sku">{{sku}}</td><td>{{description}}</td><td class="qty">{{quantity}}{{#planned}} of {{planned}}{{/planned}}</td></tr>
        {{/lines}}
        </tbody>
        </table>
        {{#giftMessage}}<h2>A gift for you</h2><p class="gift">{{giftMessage}}</p>{{/giftMessage}}
        {{#notes}}<p>{{.}}</p>{{/notes}}
        </article>
        {{/tickets}}
        </main>
        </body>
        </html>

        """
}
