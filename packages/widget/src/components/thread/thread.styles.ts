import { css } from 'lit'

export const styles = css`
  :host {
    --_gap: var(--liuyan-thread-gap, calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2));
    --_accent: var(--liuyan-thread-reply-color, var(--liuyan-color-primary, var(--liuyan-sys-color-primary)));
    --_danger: var(--liuyan-thread-error-color, var(--liuyan-color-danger, var(--liuyan-sys-color-danger)));
    display: grid;
    gap: calc(var(--_gap) * 1.5);
  }
  .facts {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.25em var(--_gap);
  }
  .facts div {
    display: contents;
  }
  dt {
    font-weight: 600;
  }
  .post {
    display: grid;
    gap: 0.5em;
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-inline-start: 6px solid var(--_border);
    border-radius: var(--_radius);
  }
  .reply {
    border-inline-start-color: var(--_accent);
    background: var(--liuyan-thread-reply-background, var(--liuyan-color-surface-alt, var(--liuyan-sys-color-surface-alt)));
  }
  .by {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25em 0.75em;
  }
  .who {
    font-weight: 600;
  }
  .timeline {
    display: grid;
    gap: 0.25em;
    padding-inline-start: 1em;
    border-inline-start: 2px solid var(--_border);
  }
  .stars {
    color: var(--_accent);
    letter-spacing: 0.1em;
  }
`
