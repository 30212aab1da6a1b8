/// The warehouse pages' Mustache templates, one file each, compiled into the binary: an installed `dropgate` needs no
/// template folder. `{{x}}` is escaped for HTML; `{{{x}}}` is only ever markup the pages build themselves (the
/// barcodes' SVG).
enum PageTemplates {
    /// Every template by the name `WarehousePages` renders it with (and partials include it by).
    static let all: [String: String] = [
        "style": style, "head": head, "picks": picks, "pick": pick, "ticket": ticket, "packing-slip": packingSlip,
        "ship": shipForm, "deadlines": deadlines, "login": login, "chooser": chooser, "recorded": recorded,
        "scorecard": scorecard,
    ]

    /// The top of every page: the shared stylesheet inline (one request, nothing to install) and the navigation.
    static let head = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        {{#refresh}}<meta http-equiv="refresh" content="{{refresh}}">{{/refresh}}
        <title>{{title}} · dropgate</title>
        <style>{{> style}}</style>
        </head>
        <body class="{{page}}">
        <nav class="no-print">
        <a class="button" href="/warehouse">DCs</a>{{#dc}}
        <a class="button" href="/warehouse/{{dc}}/picks">Picks {{dc}}</a>
        <a class="button" href="/warehouse/{{dc}}/deadlines">Deadlines {{dc}}</a>{{/dc}}
        <a class="button" href="/warehouse/deadlines">All deadlines</a>{{#operations}}
        <a class="button" href="/operations/scorecard">Scorecard</a>{{/operations}}
        </nav>
        <main>

        """
}
