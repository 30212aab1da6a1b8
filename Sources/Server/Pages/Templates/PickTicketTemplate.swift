extension PageTemplates {
    /// `GET /warehouse/{dc}/orders/{order}/ticket`: printable, one page per ticket, the PO and every SKU as a
    /// Code 128 barcode a scanner reads.
    static let ticket = """
        {{> head}}
        <p class="actions no-print"><button type="button" onclick="window.print()">Print</button></p>
        {{#tickets}}
        <article class="ticket" data-po="{{poNumber}}">
        <h1>Pick ticket · PO {{poNumber}}</h1>
        <div class="po-barcode">{{{poBarcode}}}<span class="human">{{poNumber}}</span></div>
        <p>{{retailerName}} · DC {{node}} · order {{order}} · {{id}}</p>
        <p>Ship by <strong>{{shipByNode}}</strong> (retailer's clock {{shipByRetailer}}) · tender by {{shipAt}} · <strong>{{service}}</strong>{{#carrier}} ({{carrier}}){{/carrier}}</p>
        {{#shipTo}}<h2>Ship to</h2>
        <address>{{name}}<br>{{#lines}}{{.}}<br>{{/lines}}{{place}}{{#phone}}<br>{{phone}}{{/phone}}</address>{{/shipTo}}
        <table>
        <thead><tr><th>Line</th><th>SKU</th><th>Description</th><th>Qty</th><th>Care</th></tr></thead>
        <tbody>
        {{#lines}}<tr><td>{{lineNumber}}</td><td><div class="sku-barcode">{{{barcode}}}</div><span class="sku human">{{sku}}</span>{{#upc}}<br>UPC {{upc}}{{/upc}}{{#retailerItem}}<br>Retailer item {{retailerItem}}{{/retailerItem}}</td><td>{{description}}</td><td class="qty">{{quantity}}</td><td class="care">{{care}}</td></tr>{{#components}}<tr class="kit-component"><td></td><td><span class="sku human">{{sku}}</span></td><td>{{description}} ({{perKit}} per kit)</td><td class="qty">{{quantity}}</td><td></td></tr>{{/components}}
        {{/lines}}
        </tbody>
        </table>
        <p>Packing slip <strong>{{packingSlipWord}}</strong>{{#giftMessage}} · Gift message: <q class="gift">{{giftMessage}}</q>{{/giftMessage}}</p>
        </article>
        {{/tickets}}
        </main>
        </body>
        </html>

        """
}
