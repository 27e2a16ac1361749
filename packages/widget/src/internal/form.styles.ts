import { css } from 'lit'

/**
 * Styles of the citizen's forms. Each component maps its own `--liuyan-<component>-*` properties
 * onto the private `--_gap`, `--_danger` and `--_accent` these rules read, so one stylesheet serves
 * both components while each keeps its namespaced custom properties.
 */
export const formStyles = css`
  form,
  .stack {
    display: grid;
    gap: var(--_gap);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  label,
  legend {
    font-weight: 600;
  }
  h2 {
    font-size: 1.25em;
    line-height: 1.3;
    margin: 0;
  }
  p {
    margin: 0;
  }
  .field {
    display: grid;
    gap: calc(var(--_gap) / 4);
  }
  .field > input,
  textarea {
    width: 100%;
  }
  textarea {
    resize: vertical;
  }
  .hint,
  .counter {
    font-size: 0.9375em;
  }
  .counter {
    justify-self: end;
    font-variant-numeric: tabular-nums;
  }
  .counter[data-over],
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .error::before {
    content: '⚠ ' / '';
  }
  [aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) / 2);
    margin-top: calc(var(--_gap) / 4);
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: var(--_target);
    font-weight: 400;
    cursor: pointer;
  }
  .check input {
    flex: none;
    width: 1.25em;
    height: 1.25em;
    min-height: 0;
    margin: 0;
    accent-color: var(--_accent);
  }
  .option {
    min-width: var(--_target);
    padding: 0 0.75em;
    border: 1px solid var(--liuyan-color-border, var(--liuyan-sys-color-border));
    border-radius: var(--liuyan-radius, var(--liuyan-sys-radius));
  }
  .option:has(:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
    font-weight: 600;
  }
  .summary,
  .alert,
  .panel {
    display: grid;
    gap: calc(var(--_gap) / 2);
    padding: var(--_gap);
    border: 2px solid var(--_danger);
    border-inline-start-width: 6px;
    border-radius: var(--liuyan-radius, var(--liuyan-sys-radius));
  }
  .panel {
    border-width: 1px;
    border-inline-start-width: 6px;
    border-color: var(--_accent);
  }
  .summary ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  button.link {
    min-width: 0;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_danger);
    font-weight: 600;
    text-align: start;
    text-decoration: underline;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) / 2);
  }
  /* An empty live region takes no room in the grid, yet stays in the tree to announce. */
  [role='status']:empty {
    position: absolute;
  }
  [aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
`
