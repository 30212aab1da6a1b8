extension PageTemplates {
    /// `GET /warehouse/deadlines` and `/warehouse/{dc}/deadlines`: what is due soon or overdue, per retailer and DC,
    /// with the fee at stake; the page reloads itself every minute.
    static let deadlines = """
        {{> head}}
        <h1>Deadlines{{#dc}} · {{dc}}{{/dc}}</h1>
        <p>As of {{now}} (UTC). Due soon: within {{dueSoonHours}} h. {{overdueCount}} overdue, {{dueSoonCount}} due soon, {{doneLateCount}} done late.</p>
        <p class="actions no-print"><a class="button" href="{{base}}?format=csv">CSV</a> <a class="button" href="{{base}}?format=json">JSON</a></p>
        {{^groups}}<p class="empty">Nothing due within {{dueSoonHours}} hours.</p>{{/groups}}
        {{#groups}}
        <section class="group">
        <h2>{{retailerName}} · {{node}}</h2>
        <table>
        <thead><tr><th>State</th><th>Step</th><th>PO</th><th>Deadline (retailer)</th><th>Deadline (DC)</th><th>Fee at stake</th><th></th></tr></thead>
        <tbody>
        {{#entries}}<tr class="{{status}}"><td><span class="flag {{status}}">{{statusWord}}</span> {{when}}</td><td>{{stepWord}}</td><td>{{poNumber}}</td><td>{{deadlineRetailer}}</td><td>{{deadlineNode}}</td><td>{{fee}}</td><td class="no-print">{{#shipLink}}<a class="button" href="{{shipLink}}">Ship</a>{{/shipLink}}</td></tr>
        {{/entries}}
        </tbody>
        </table>
        </section>
        {{/groups}}
        {{#changes.0}}
        <section class="group" id="changes">
        <h2>Change requests refused or unmatched (last 7 days)</h2>
        <table>
        <thead><tr><th>Retailer</th><th>PO</th><th>Received</th><th>Why</th><th>Order</th></tr></thead>
        <tbody>
        {{#changes}}<tr class="overdue"><td>{{retailerName}}</td><td>{{poNumber}}</td><td>{{received}}</td><td>{{reason}}</td><td>{{#order}}{{order}}{{/order}}{{^order}}no such PO{{/order}}</td></tr>
        {{/changes}}
        </tbody>
        </table>
        </section>
        {{/changes.0}}
        </main>
        </body>
        </html>

        """
}
