import { css, unsafeCSS } from 'lit'
import { BAR_STEPS } from './hotspots-views.js'

/** `.bar.w1` … `.bar.w20`: the bars' lengths (hotspots-views.ts barClass), as classes a strict CSP allows. */
const barLengths = unsafeCSS(Array.from({ length: BAR_STEPS }, (_, i) => `.bar.w${i + 1} { inline-size: ${((i + 1) * 100) / BAR_STEPS}%; }`).join('\n'))

export const hotspotsStyles = css`
  form.range {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
    gap: var(--liuyan-space, var(--liuyan-sys-space)) calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2);
    align-items: end;
  }
  /* A long board name must not push the select over the next field. */
  form.range input,
  form.range select {
    width: 100%;
  }
  .scroll {
    overflow-x: auto;
    max-inline-size: 100%;
  }
  .scroll:focus-visible {
    outline: 3px solid var(--liuyan-color-focus, var(--liuyan-sys-color-focus));
    outline-offset: 2px;
  }
  table {
    border-collapse: collapse;
    min-inline-size: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: var(--liuyan-space, var(--liuyan-sys-space));
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: calc(var(--liuyan-space, var(--liuyan-sys-space)) / 2) var(--liuyan-space, var(--liuyan-sys-space));
    border-block-end: 1px solid var(--liuyan-color-border, var(--liuyan-sys-color-border));
  }
  td.n {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  /* The bar repeats the figure beside it: colour and length are never the only cue. */
  .bar {
    display: block;
    block-size: 4px;
    margin-block-start: 2px;
    margin-inline-start: auto;
    background: var(--liuyan-color-primary, var(--liuyan-sys-color-primary));
    border-radius: 2px;
  }
  ${barLengths}
  ol.groups {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ol.groups > li {
    border: 1px solid var(--liuyan-color-border, var(--liuyan-sys-color-border));
    border-radius: var(--liuyan-radius, var(--liuyan-sys-radius));
    padding: var(--liuyan-space, var(--liuyan-sys-space));
    margin-block-end: var(--liuyan-space, var(--liuyan-sys-space));
  }
  ol.groups h4 {
    margin: 0 0 4px;
    font-size: 1.05em;
  }
  ol.groups h4:focus {
    outline-offset: 4px;
  }
  ul.members {
    list-style: none;
    margin: var(--liuyan-space, var(--liuyan-sys-space)) 0 0;
    padding: 0;
  }
  ul.members li {
    border-block-start: 1px solid var(--liuyan-color-border, var(--liuyan-sys-color-border));
    padding-block: var(--liuyan-space, var(--liuyan-sys-space));
  }
  p {
    margin-block: 4px;
  }
`
