import { css } from 'lit'

/**
 * Styles of the read-only views. Each component maps its own `--liuyan-<component>-*` properties
 * onto the private `--_gap`, `--_accent` and `--_danger` these rules read.
 */
export const viewStyles = css`
  :host {
    --_border: var(--liuyan-color-border, var(--liuyan-sys-color-border));
    --_radius: var(--liuyan-radius, var(--liuyan-sys-radius));
  }
  [hidden] {
    display: none !important;
  }
  h2,
  h3,
  h4,
  [role='heading'] {
    margin: 0;
    line-height: 1.35;
    font-size: 1.125em;
  }
  h2 {
    font-size: 1.375em;
  }
  p,
  dl,
  dd,
  figure,
  blockquote {
    margin: 0;
  }
  ul,
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .stack {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
  }
  .badge,
  .mark {
    padding: 0 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-size: 0.9em;
  }
  .status,
  .mark {
    border-color: var(--_accent);
    font-weight: 600;
  }
  .overdue {
    border: 2px solid var(--_danger);
    color: var(--_danger);
    font-weight: 700;
  }
  .overdue::before {
    content: '⚠ ' / '';
  }
  .muted {
    font-size: 0.9em;
  }
  .alert {
    display: grid;
    justify-items: start;
    gap: calc(var(--_gap) / 2);
    padding: var(--_gap);
    border: 2px solid var(--_danger);
    border-inline-start-width: 6px;
    border-radius: var(--_radius);
  }
  .content {
    white-space: pre-line;
  }
  button.link {
    display: block;
    width: 100%;
    padding: 0;
    border: 0;
    background: none;
    color: var(--liuyan-color-primary, var(--liuyan-sys-color-primary));
    font-weight: inherit;
    text-align: start;
    text-decoration: underline;
  }
  bdi {
    unicode-bidi: isolate;
  }
`
