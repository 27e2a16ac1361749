import { css } from 'lit'

export const inboxStyles = css`
  form.filters {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
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
  .card .meta {
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
