import { css } from 'lit'

export const inboxStyles = css`
  form.filters {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 9.5rem), 1fr));
    gap: var(--liuyan-space, var(--liuyan-sys-space)) calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2);
    align-items: end;
    margin-block-end: var(--liuyan-space, var(--liuyan-sys-space));
  }
  form.filters .actions {
    display: flex;
    gap: var(--liuyan-space, var(--liuyan-sys-space));
    flex-wrap: wrap;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: var(--liuyan-space, var(--liuyan-sys-space));
    border-block-end: 1px solid var(--liuyan-color-border, var(--liuyan-sys-color-border));
  }
  td.when {
    white-space: nowrap;
  }
  .cards {
    display: none;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .card {
    border: 1px solid var(--liuyan-color-border, var(--liuyan-sys-color-border));
    border-radius: var(--liuyan-radius, var(--liuyan-sys-radius));
    padding: var(--liuyan-space, var(--liuyan-sys-space));
    margin-block-end: var(--liuyan-space, var(--liuyan-sys-space));
  }
  .card h3 {
    margin: 0 0 4px;
    font-size: 1em;
  }
  .card .row {
    align-items: center;
    flex-wrap: nowrap;
  }
  .card .meta {
    margin: 0;
    grid-template-columns: max-content 1fr;
  }
  .card .meta dd {
    margin: 0;
  }
  .bulk {
    border: 1px solid var(--liuyan-color-border, var(--liuyan-sys-color-border));
    border-radius: var(--liuyan-radius, var(--liuyan-sys-radius));
    padding: var(--liuyan-space, var(--liuyan-sys-space));
    margin-block: var(--liuyan-space, var(--liuyan-sys-space));
    display: grid;
    gap: var(--liuyan-space, var(--liuyan-sys-space));
  }
  .bulk h3 {
    margin: 0;
    font-size: 1em;
  }
  details.assign summary {
    min-height: var(--_target);
    display: list-item;
    padding-block: calc(var(--liuyan-space, var(--liuyan-sys-space)) * 1.25);
    cursor: pointer;
    font-weight: 600;
  }
  details.assign[open] {
    display: grid;
    gap: var(--liuyan-space, var(--liuyan-sys-space));
  }
  form.filters .field {
    min-width: 0;
  }
  form.filters select,
  form.filters input:not([type='checkbox']) {
    width: 100%;
    min-width: 0;
  }
  .counts h3 {
    margin: 0 0 4px;
    font-size: 1em;
  }
  .counts ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--liuyan-space, var(--liuyan-sys-space));
  }
  button.count {
    display: inline-flex;
    gap: 0.5em;
    align-items: baseline;
  }
  button.count[aria-pressed='true'] {
    outline: 2px solid var(--liuyan-color-primary, var(--liuyan-sys-color-primary));
    outline-offset: 1px;
  }
  .results li.failed {
    color: var(--liuyan-color-danger, var(--liuyan-sys-color-danger));
  }
  /* On a phone (or any narrow container) the table becomes cards. */
  @container (max-width: 40rem) {
    .table-wrap {
      display: none;
    }
    .cards {
      display: block;
    }
  }
`
