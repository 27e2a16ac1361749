import { css } from 'lit'

/** Layout shared by the console's parts: fields, errors, badges, lists, live lines. */
export const consoleStyles = css`
  :host {
    container-type: inline-size;
  }
  h2,
  h3 {
    line-height: 1.3;
    margin-block: calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2) var(--liuyan-space, var(--liuyan-sys-space));
  }
  h2:focus,
  h3:focus {
    outline-offset: 4px;
  }
  .field {
    display: grid;
    gap: 4px;
    align-content: start;
  }
  .field label,
  .label {
    font-weight: 600;
  }
  .check {
    display: flex;
    align-items: center;
    gap: var(--liuyan-space, var(--liuyan-sys-space));
    min-height: var(--_target);
  }
  input[type='checkbox'] {
    min-height: auto;
    width: 1.25em;
    height: 1.25em;
    margin: 0;
  }
  textarea {
    width: 100%;
    min-height: 6em;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--liuyan-space, var(--liuyan-sys-space));
    align-items: end;
  }
  .error,
  .alert {
    color: var(--liuyan-color-danger, var(--liuyan-sys-color-danger));
    font-weight: 600;
    margin: 0;
  }
  [aria-invalid='true'] {
    border-color: var(--liuyan-color-danger, var(--liuyan-sys-color-danger));
    border-width: 2px;
  }
  .badge {
    display: inline-block;
    padding: 0 6px;
    border: 1px solid currentColor;
    border-radius: var(--liuyan-radius, var(--liuyan-sys-radius));
    font-size: 0.875em;
    margin-inline-start: 4px;
  }
  .late {
    color: var(--liuyan-color-danger, var(--liuyan-sys-color-danger));
    font-weight: 600;
  }
  .link {
    border: 0;
    background: none;
    padding: 0;
    min-width: 0;
    text-align: start;
    color: var(--liuyan-color-primary, var(--liuyan-sys-color-primary));
    text-decoration: underline;
    font-weight: 600;
  }
  .status-line {
    min-height: 1.6em;
    margin: var(--liuyan-space, var(--liuyan-sys-space)) 0;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2);
    margin: 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  @container (max-width: 36rem) {
    dl {
      grid-template-columns: 1fr;
    }
    dd {
      margin-block-end: var(--liuyan-space, var(--liuyan-sys-space));
    }
  }
`
