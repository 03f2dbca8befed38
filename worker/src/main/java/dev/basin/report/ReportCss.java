package dev.basin.report;

/**
 * The report page's only style sheet, inline: system fonts, figures that scale to the page, two studies side by
 * side on a wide screen and one above the other on a narrow one, and a print layout that keeps each figure on one
 * page and drops what only a screen needs.
 */
final class ReportCss {
    private ReportCss() {}

    static final String CSS = """
            :root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --soft: #f5f5f5; }
            * { box-sizing: border-box; }
            body { margin: 0 auto; max-width: 1400px; padding: 1.5rem 2rem 4rem; color: var(--ink); background: #fff;
                   font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
            h2 { font-size: 1.35rem; margin: 2.5rem 0 1rem; padding-bottom: .25rem; border-bottom: 1px solid var(--rule); }
            h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
            header p { margin: .2rem 0; color: var(--muted); }
            nav.toc { margin: 1.5rem 0; padding: .75rem 1.25rem; background: var(--soft); border-radius: 6px; }
            nav.toc h2 { margin: 0 0 .5rem; border: 0; font-size: 1.1rem; }
            nav.toc ol { margin: .2rem 0; padding-left: 1.4rem; }
            nav.toc a { color: inherit; }
            .status { display: inline-block; font-size: .75rem; font-weight: 600; padding: 0 .45em; border-radius: 3px;
                      vertical-align: middle; border: 1px solid currentColor; }
            .status-drawn { color: #00703c; } .status-pending { color: #8a5a00; }
            .status-empty { color: #555; } .status-failed { color: #b00020; }
            .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1.5rem; margin: 0 0 2rem; }
            figure.figure { margin: 0 0 2rem; padding: 1rem; border: 1px solid var(--rule); border-radius: 6px;
                            break-inside: avoid; page-break-inside: avoid; }
            .pair figure.figure { margin: 0; }
            .study-name { color: var(--muted); font-weight: normal; }
            .drawing svg { display: block; max-width: 100%; height: auto; }
            .placeholder { display: flex; align-items: center; justify-content: center; min-height: 8rem;
                           background: var(--soft); color: var(--muted); border-radius: 4px; text-align: center; padding: 1rem; }
            .absent { display: flex; align-items: center; justify-content: center; min-height: 8rem; padding: 1rem;
                      border: 1px dashed var(--rule); border-radius: 6px; color: var(--muted); }
            figcaption { margin: .75rem 0 .5rem; }
            .source { margin: .5rem 0 .25rem; color: var(--muted); font-size: .9rem; }
            pre.sql { margin: 0; padding: .5rem .75rem; background: var(--soft); border-radius: 4px; font-size: .8rem;
                      white-space: pre-wrap; word-break: break-word; }
            .downloads { margin: .5rem 0 0; font-size: .9rem; }
            .downloads a { margin-right: 1rem; }
            @media print {
              body { max-width: none; padding: 0; font-size: 11pt; }
              nav.toc { break-after: page; page-break-after: always; background: none; }
              .downloads { display: none; }
              .pair { grid-template-columns: 1fr 1fr; }
              h2 { break-after: avoid; page-break-after: avoid; }
              a { color: inherit; text-decoration: none; }
            }
            """;
}
