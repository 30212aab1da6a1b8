extension PageTemplates {
    /// `GET /operations/scorecard`: the operations lead's month, one section a retailer: headline figures, each
    /// metric against its threshold (MET or MISSED in words as well as colour), each fee against its allowance with
    /// the forecast, the DCs, and three plots drawn in SVG by the server (`ScorecardPlots`).
    static let scorecard = """
        {{> head}}
        <h1>Scorecard · {{month}}</h1>
        <p>As of {{asOf}} (UTC). Each retailer's month and days in its own time zone, measured as its scorecard measures them.</p>
        <p class="actions no-print">{{#choices}}<a class="button{{#current}} primary{{/current}}" href="{{href}}">{{label}}</a> {{/choices}}<a class="button" href="{{json}}">JSON</a></p>
        {{^retailers}}<p class="empty">No retailer has a scorecard for {{month}}.</p>{{/retailers}}
        {{#retailers}}
        <section class="retailer" id="retailer-{{retailer}}" data-retailer="{{retailer}}">
        <h2>{{name}}</h2>
        <p>{{timeZone}} · {{elapsed}} · as of {{asOf}}</p>
        <dl class="figures">
        {{#headline}}<div class="figure {{tone}}"><dt>{{label}}</dt><dd>{{value}}</dd>{{#note}}<dd class="note">{{note}}</dd>{{/note}}</div>
        {{/headline}}
        </dl>
        {{#hasMetrics}}
        <h3>Against the thresholds</h3>
        <table class="metrics">
        <thead><tr><th>Metric</th><th>Threshold</th><th>Now</th><th>Month end at this rate</th><th>State</th></tr></thead>
        <tbody>
        {{#metrics}}<tr class="{{state}}" data-metric="{{metric}}"><td>{{label}}</td><td>{{threshold}}</td><td>{{actual}}</td><td>{{projected}}{{#projectedMisses}} <span class="flag missed">WILL MISS</span>{{/projectedMisses}}</td><td><span class="flag {{state}}">{{stateWord}}</span></td></tr>
        {{/metrics}}
        </tbody>
        </table>
        {{/hasMetrics}}
        {{#hasFees}}
        <h3>Fees and allowances</h3>
        <table class="fees">
        <thead><tr><th>Violation</th><th>Fee</th><th>So far</th><th>Free</th><th>Charged</th><th>Incurred</th><th>Month end</th><th>At risk</th></tr></thead>
        <tbody>
        {{#fees}}<tr class="{{#charging}}missed{{/charging}}" data-violation="{{violation}}"><td>{{violation}}</td><td>{{fee}}</td><td>{{count}} of {{base}}</td><td>{{free}}</td><td>{{charged}}</td><td>{{incurred}}</td><td>{{projected}}</td><td>{{atRisk}}</td></tr>
        <tr class="forecast" data-violation="{{violation}}"><td colspan="8">{{forecast}}</td></tr>
        {{/fees}}
        </tbody>
        </table>
        {{/hasFees}}
        <div class="plots">
        <figure><figcaption>On-time ship rate by day, threshold dashed</figcaption>{{{shipPlot}}}</figure>
        <figure><figcaption>Fees avoided and incurred by day</figcaption>{{{feesPlot}}}</figure>
        <figure><figcaption>Units cancelled by DC, ceiling dashed</figcaption>{{{cancelPlot}}}</figure>
        </div>
        {{#hasNodes}}
        <h3>By DC</h3>
        <table class="nodes">
        <thead><tr><th>DC</th><th>POs</th><th>Units</th><th>On-time ship</th><th>On-time ASN</th><th>Cancelled POs</th><th>Cancelled units</th><th>Reroutes</th><th>Fees avoided</th><th>At risk</th></tr></thead>
        <tbody>
        {{#nodes}}<tr data-node="{{node}}"><td>{{node}}</td><td>{{orders}}</td><td>{{units}}</td><td>{{onTimeShip}}</td><td>{{onTimeASN}}</td><td>{{orderCancel}}</td><td>{{unitCancel}}</td><td>{{reroutes}}</td><td>{{avoided}}</td><td>{{atRisk}}</td></tr>
        {{/nodes}}
        </tbody>
        </table>
        {{/hasNodes}}
        </section>
        {{/retailers}}
        </main>
        </body>
        </html>

        """
}
