import { css } from 'lit'

export const styles = css`
  :host {
    --_gap: var(--liuyan-board-stats-gap, calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2));
    --_accent: var(--liuyan-board-stats-bar-color, var(--liuyan-color-primary, var(--liuyan-sys-color-primary)));
    --_danger: var(--liuyan-board-stats-error-color, var(--liuyan-color-danger, var(--liuyan-sys-color-danger)));
    --_alt: var(--liuyan-color-surface-alt, var(--liuyan-sys-color-surface-alt));
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 10em), 1fr));
    gap: calc(var(--_gap) / 2);
  }
  .figures div {
    display: grid;
    align-content: start;
    padding: calc(var(--_gap) / 2) var(--_gap);
    border-radius: var(--_radius);
    background: var(--liuyan-board-stats-figure-background, var(--_alt));
  }
  dd {
    font-size: 1.25em;
    font-weight: 700;
  }
  dd .muted {
    display: block;
    font-size: 0.75em;
    font-weight: 400;
  }
  figcaption {
    font-weight: 600;
  }
  svg {
    width: min(100%, 22em);
    height: auto;
    font-size: 12px;
  }
  text {
    fill: currentColor;
  }
  .track {
    fill: var(--liuyan-board-stats-track-color, var(--_alt));
    stroke: var(--_border);
    stroke-width: 0.5;
  }
  .bar {
    fill: var(--_accent);
  }
`
