import { css } from 'lit'

export const supervisionStyles = css`
  form.controls {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
    gap: var(--liuyan-space, var(--liuyan-sys-space)) calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2);
    align-items: end;
  }
  form.controls details.unit {
    grid-column: 1 / -1;
  }
  form.controls input,
  form.controls select {
    width: 100%;
  }
  details > summary {
    min-height: var(--_target);
    display: list-item;
    padding-block: calc(var(--liuyan-space, var(--liuyan-sys-space)) * 1.25);
    cursor: pointer;
    font-weight: 600;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: var(--liuyan-space, var(--liuyan-sys-space));
    margin-block: var(--liuyan-space, var(--liuyan-sys-space));
  }
  .report h3 {
    font-size: 1.15em;
  }
  .table-wrap {
    overflow-x: auto;
    max-width: 100%;
    /* The containing block of the visually hidden words in its buttons, so they scroll with it. */
    position: relative;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block: var(--liuyan-space, var(--liuyan-sys-space));
  }
  th,
  td {
    padding: 6px var(--liuyan-space, var(--liuyan-sys-space));
    border-block-end: 1px solid var(--liuyan-color-border, var(--liuyan-sys-color-border));
    vertical-align: top;
  }
  thead th {
    text-align: end;
    font-size: 0.875em;
    vertical-align: bottom;
  }
  thead th:first-child,
  tbody th {
    text-align: start;
  }
  table.units td {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  table.units th.unit {
    min-width: 10em;
    font-weight: 400;
  }
  th.unit {
    padding-inline-start: calc(var(--depth) * 1.25em + var(--liuyan-space, var(--liuyan-sys-space)));
  }
  .depth-0 { --depth: 0; }
  .depth-1 { --depth: 1; }
  .depth-2 { --depth: 2; }
  .depth-3 { --depth: 3; }
  .depth-4 { --depth: 4; }
  .depth-5 { --depth: 5; }
  .depth-6 { --depth: 6; }
  td .link,
  th .link {
    min-height: var(--_target);
  }
  td .link {
    min-width: var(--_target);
    text-align: end;
  }
  .trend {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(12rem, 1fr);
    gap: calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2);
    align-items: start;
  }
  figure.chart {
    margin: 0;
    min-width: 0;
  }
  figure.chart svg {
    max-width: 100%;
    height: auto;
    display: block;
  }
  svg .grid {
    stroke: var(--liuyan-color-border, var(--liuyan-sys-color-border));
    stroke-width: 1;
  }
  svg .axis {
    fill: currentColor;
    font-size: 12px;
  }
  svg .bar,
  .swatch.bar {
    fill: var(--liuyan-color-primary, var(--liuyan-sys-color-primary));
    background: var(--liuyan-color-primary, var(--liuyan-sys-color-primary));
  }
  svg .line {
    fill: none;
    stroke: var(--liuyan-color-text, var(--liuyan-sys-color-text));
    stroke-width: 3;
  }
  svg .dot {
    fill: var(--liuyan-color-surface, var(--liuyan-sys-color-surface));
    stroke: var(--liuyan-color-text, var(--liuyan-sys-color-text));
    stroke-width: 3;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2);
    list-style: none;
    margin: var(--liuyan-space, var(--liuyan-sys-space)) 0 0;
    padding: 0;
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .swatch {
    display: inline-block;
    width: 1em;
    height: 1em;
  }
  .swatch.line {
    height: 0;
    width: 1.5em;
    border-block-start: 3px solid var(--liuyan-color-text, var(--liuyan-sys-color-text));
  }
  .trend-table td {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .ranking ol {
    padding-inline-start: 2em;
  }
  .rule,
  .definitions {
    color: var(--_text-muted);
  }
  .definitions ul {
    margin-block: 0;
  }
  @container (max-width: 40rem) {
    .trend {
      grid-template-columns: 1fr;
    }
  }
  /* The printed report for the annual review: the figures, the chart, the ranking and what the
     figures count, without the controls, on whole pages. */
  @media print {
    :host {
      color: #000;
      background: #fff;
      font-size: 11pt;
    }
    form.controls,
    .no-print,
    .tools,
    .status-line,
    #supervision-title {
      display: none;
    }
    .table-wrap {
      overflow: visible;
    }
    .link {
      color: inherit;
      text-decoration: none;
      font-weight: inherit;
    }
    .link .visually-hidden {
      display: none;
    }
    tr,
    .trend,
    .ranking li {
      break-inside: avoid;
    }
    thead {
      display: table-header-group;
    }
    .trend {
      grid-template-columns: 1fr;
    }
    .ranking,
    .definitions {
      break-before: auto;
    }
  }
`
