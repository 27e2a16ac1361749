import { css } from 'lit'

export const styles = css`
  :host {
    --_gap: var(--liuyan-tracking-gap, calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2));
    --_danger: var(--liuyan-tracking-error-color, var(--liuyan-color-danger, var(--liuyan-sys-color-danger)));
    --_accent: var(--liuyan-tracking-accent-color, var(--liuyan-color-primary, var(--liuyan-sys-color-primary)));
  }
  #code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    letter-spacing: 0.05em;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: calc(var(--_gap) / 4) var(--_gap);
    margin: 0;
  }
  dl div {
    display: contents;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  h3 {
    font-size: 1.125em;
    margin: 0;
  }
  #result {
    margin-top: var(--_gap);
  }
`
