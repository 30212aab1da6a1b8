extension PageTemplates {
    /// `GET /warehouse/{dc}/orders/{order}/ship`: the shipment the floor confirms, and a cancel of lines it cannot
    /// ship. The field names are what the POST handlers read; re-rendered with the problems and what was typed.
    static let shipForm = """
        {{> head}}
        <h1>Ship PO {{poNumber}} · {{retailerName}}</h1>
        <p>DC {{node}} · order {{order}} · ship by <strong>{{shipByNode}}</strong> · planned service <strong>{{plannedService}}</strong></p>
        {{#hasProblems}}<div class="problems" role="alert"><h2>Not recorded</h2><ul>{{#problems}}<li>{{.}}</li>{{/problems}}</ul></div>{{/hasProblems}}
        <form method="post" action="/warehouse/{{node}}/orders/{{order}}/ship" enctype="application/x-www-form-urlencoded" id="ship-form">
        <input type="hidden" name="packages" value="{{packageCount}}">
        <fieldset><legend>Shipment</legend>
        <label>Carrier service <select name="service">{{#services}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/services}}</select></label>
        <label>Shipped at ({{nodeZone}}) <input type="datetime-local" name="shipped_at" value="{{shippedAt}}" step="60" required></label>
        </fieldset>
        <div class="packages">
        {{#packages}}
        <fieldset class="package"><legend>Package {{number}}</legend>
        <label>Tracking <input type="text" name="{{prefix}}.tracking" value="{{tracking}}" autocomplete="off" spellcheck="false"></label><br>
        <label>Weight (lb) <input type="number" name="{{prefix}}.weight" value="{{weight}}" min="0" step="0.01" inputmode="decimal"></label><br>
        <label>Length (in) <input type="number" name="{{prefix}}.length" value="{{length}}" min="0" step="0.1" inputmode="decimal"></label>
        <label>Width (in) <input type="number" name="{{prefix}}.width" value="{{width}}" min="0" step="0.1" inputmode="decimal"></label>
        <label>Height (in) <input type="number" name="{{prefix}}.height" value="{{height}}" min="0" step="0.1" inputmode="decimal"></label>
        <table><thead><tr><th>Line</th><th>SKU</th><th>Left to ship</th><th>In this package</th></tr></thead><tbody>
        {{#lines}}<tr><td>{{lineNumber}}</td><td class="sku">{{sku}}</td><td class="qty">{{plannedText}}</td><td><input type="number" name="{{name}}" value="{{value}}" min="0" max="{{planned}}" step="1" inputmode="numeric"></td></tr>
        {{/lines}}
        </tbody></table>
        </fieldset>
        {{/packages}}
        </div>
        <p class="actions"><a class="button no-print" href="/warehouse/{{node}}/orders/{{order}}/ship?packages={{morePackages}}">Add a package</a>
        {{#canRemove}}<a class="button no-print" href="/warehouse/{{node}}/orders/{{order}}/ship?packages={{fewerPackages}}">Remove a package</a>{{/canRemove}}
        <button type="submit" class="primary">Confirm shipment</button></p>
        </form>
        <form method="post" action="/warehouse/{{node}}/orders/{{order}}/cancel" enctype="application/x-www-form-urlencoded" id="cancel-form">
        <fieldset><legend>Cancel lines that cannot ship</legend>
        <table><thead><tr><th>Line</th><th>SKU</th><th>Left to ship</th><th>Cancel</th></tr></thead><tbody>
        {{#cancelLines}}<tr><td>{{lineNumber}}</td><td class="sku">{{sku}}</td><td class="qty">{{plannedText}}</td><td><input type="number" name="{{name}}" value="{{value}}" min="0" max="{{planned}}" step="1" inputmode="numeric"></td></tr>
        {{/cancelLines}}
        </tbody></table>
        <label>Reason <select name="reason">{{#reasons}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/reasons}}</select></label>
        <button type="submit" class="danger">Cancel these units</button>
        </fieldset>
        </form>
        </main>
        </body>
        </html>

        """
}
