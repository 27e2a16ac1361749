import { css } from 'lit'

export const styles = css`
  :host {
    --_gap: var(--liuyan-board-gap, calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2));
    --_accent: var(--liuyan-board-nav-accent-color, var(--liuyan-color-primary, var(--liuyan-sys-color-primary)));
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    padding: 0.25em;
    border-radius: var(--_radius);
    background: var(--liuyan-board-nav-background, var(--liuyan-color-surface-alt, var(--liuyan-sys-color-surface-alt)));
  }
  nav a,
  .back {
    display: inline-flex;
    align-items: center;
    min-height: var(--_target);
    min-width: var(--_target);
    padding: 0 1em;
    border-bottom: 4px solid transparent;
    color: inherit;
    text-decoration: none;
  }
  nav a[aria-current='page'] {
    border-bottom-color: var(--_accent);
    font-weight: 700;
  }
  nav a:hover,
  .back {
    text-decoration: underline;
  }
  .back {
    justify-self: start;
    padding: 0;
    color: var(--liuyan-color-primary, var(--liuyan-sys-color-primary));
  }
  .back::before {
    content: '← ' / '';
  }
`
