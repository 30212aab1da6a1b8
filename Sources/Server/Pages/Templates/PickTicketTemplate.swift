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
        <thead><tr>{{#hasLocations}}<th>Bin</th>{{/hasLocations}}<th>Line</th><th>SKU</th><th>Description</th><th>To pick</th><th>Care</th></tr></thead>
        <tbody>
        {{#lines}}<tr class="line{{#done}} done{{/done}}" data-line="{{lineNumber}}" data-left="{{quantity}}">{{#hasLocations}}<td class="bin">{{location}}</td>{{/hasLocations}}<td>{{lineNumber}}</td><td><div class="sku-barcode">{{{barcode}}}</div><span class="sku human">{{sku}}</span>{{#upc}}<br>UPC {{upc}}{{/upc}}{{#retailerItem}}<br>Retailer item {{retailerItem}}{{/retailerItem}}</td><td>{{description}}</td><td class="qty">{{quantityText}}</td><td class="care">{{care}}</td></tr>{{#components}}<tr class="kit-component{{#done}} done{{/done}}">{{#hasLocations}}<td class="bin">{{location}}</td>{{/hasLocations}}<td></td><td><span class="sku human">{{sku}}</span></td><td>{{description}} ({{perKit}} per kit)</td><td class="qty">{{quantityText}}</td><td></td></tr>{{/components}}
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
