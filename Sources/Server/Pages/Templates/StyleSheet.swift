extension PageTemplates {
    /// One stylesheet for every page. For a tablet on the floor: an 20 px base read at arm's length, touch targets
    /// of at least 48 px, black on white; state is said in words (OVERDUE) as well as colour. For print: one page per
    /// ticket (`@page`, `break-after`), no navigation.
    static let style = """
        :root { color-scheme: light; }
        html { font-size: 20px; }
        body { margin: 0 auto; max-width: 1200px; padding: 8px 16px 48px; color: #000; background: #fff;
          font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; line-height: 1.45; }
        h1 { font-size: 1.6rem; margin: 16px 0 8px; }
        h2 { font-size: 1.25rem; margin: 8px 0; }
        a { color: #00339a; }
        nav { display: flex; flex-wrap: wrap; gap: 8px; padding: 8px 0; border-bottom: 2px solid #000; }
        a.button, button, input[type=submit] { display: inline-flex; align-items: center; justify-content: center;
          min-height: 48px; min-width: 48px; padding: 0 20px; border: 2px solid #000; border-radius: 6px;
          background: #fff; color: #000; font: inherit; font-weight: 700; text-decoration: none; cursor: pointer; }
        a.button.primary, button.primary, input.primary { background: #003a8c; border-color: #003a8c; color: #fff; }
        button.danger { background: #8c0000; border-color: #8c0000; color: #fff; }
        input, select { min-height: 48px; font: inherit; padding: 4px 10px; border: 2px solid #000; border-radius: 6px;
          box-sizing: border-box; background: #fff; color: #000; }
        input[type=number] { width: 6em; }
        label { display: inline-block; min-height: 48px; margin: 4px 12px 4px 0; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0; }
        th, td { text-align: left; padding: 10px 8px; border-bottom: 1px solid #555; vertical-align: top; }
        th { background: #eee; }
        td.qty { font-size: 1.3rem; font-weight: 700; text-align: right; }
        .sku { font-family: "DejaVu Sans Mono", monospace; font-weight: 700; }
        td.bin { font-family: "DejaVu Sans Mono", monospace; font-size: 1.3rem; font-weight: 700; white-space: nowrap; }
        tr.done td { text-decoration: line-through; color: #555; }
        tr.done td.qty { text-decoration: none; font-weight: 400; }
        .order { border: 2px solid #000; border-radius: 8px; padding: 12px 16px; margin: 16px 0; }
        .order.overdue, tr.overdue { border: 6px solid #a00000; background: #fff0f0; }
        .order.due-soon, tr.due-soon { border-left: 12px solid #b37400; }
        .flag { display: inline-block; padding: 2px 10px; border-radius: 4px; font-weight: 700; letter-spacing: .05em; }
        .flag.overdue { background: #a00000; color: #fff; }
        .flag.due-soon { background: #ffd200; color: #000; border: 2px solid #000; }
        .flag.done-late { background: #444; color: #fff; }
        .actions { display: flex; flex-wrap: wrap; gap: 8px; }
        .problems { border: 4px solid #a00000; padding: 8px 16px; background: #fff0f0; }
        .empty { font-size: 1.3rem; padding: 24px 0; }
        .care { font-weight: 700; }
        .barcode { display: block; margin: 4px 0; }
        .human { font-family: "DejaVu Sans Mono", monospace; font-size: 1.1rem; }
        fieldset { border: 2px solid #000; border-radius: 8px; margin: 12px 0; padding: 8px 16px; }
        legend { font-weight: 700; padding: 0 8px; }
        .packages { display: flex; flex-wrap: wrap; gap: 12px; }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 8px; margin: 8px 0; }
        .figure { border: 2px solid #000; border-radius: 8px; padding: 8px 12px; }
        .figure dt { font-size: .85rem; } .figure dd { margin: 0; font-size: 1.4rem; font-weight: 700; }
        .figure dd.note { font-size: .85rem; font-weight: 400; }
        .figure.good { border-color: #006b2e; } .figure.bad { border: 4px solid #a00000; }
        .figure.warn { border-left: 12px solid #b37400; }
        tr.met { background: #eefaf1; } tr.missed { background: #fff0f0; } tr.forecast td { border-bottom-width: 2px; }
        .flag.met { background: #006b2e; color: #fff; } .flag.missed { background: #a00000; color: #fff; }
        .flag.none { background: #ddd; color: #000; }
        .retailer { border-top: 4px solid #000; margin-top: 24px; }
        .plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(560px, 100%), 1fr)); gap: 12px; }
        figure { margin: 8px 0; } figcaption { font-weight: 700; }
        svg.plot { width: 100%; height: auto; font-size: 13px; background: #fff; }
        svg.plot .grid { stroke: #ccc; } svg.plot .baseline { stroke: #000; stroke-width: 1.5; }
        svg.plot .threshold { stroke: #a00000; stroke-width: 2; }
        svg.plot polyline { fill: none; stroke: #003a8c; stroke-width: 2.5; } svg.plot circle { fill: #003a8c; }
        svg.plot .avoided rect { fill: #006b2e; } svg.plot .incurred rect { fill: #a00000; }
        svg.plot .cancel-rate rect { fill: #b37400; } svg.plot .empty { fill: #555; font-size: 16px; }
        .ticket, .slip { break-after: page; page-break-after: always; }
        @page { size: letter; margin: 12mm; }
        @media print {
          html { font-size: 12pt; }
          body { max-width: none; padding: 0; }
          .no-print, nav { display: none; }
          .order { border-width: 1px; }
        }
        """
}
