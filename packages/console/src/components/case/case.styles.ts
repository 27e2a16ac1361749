import { css } from 'lit'

export const caseStyles = css`
  .content {
    white-space: pre-wrap;
  }
  .private,
  .public-copy {
    border: 2px solid var(--liuyan-color-warning, var(--liuyan-sys-color-warning));
    border-radius: var(--liuyan-radius, var(--liuyan-sys-radius));
    padding: var(--liuyan-space, var(--liuyan-sys-space)) calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2);
    margin-block: var(--liuyan-space, var(--liuyan-sys-space));
  }
  .public-copy {
    border-color: var(--liuyan-color-border, var(--liuyan-sys-color-border));
  }
  ol.timeline,
  ol.posts {
    padding-inline-start: 1.5em;
  }
  ol.timeline li {
    margin-block-end: 4px;
  }
  .note {
    color: var(--_text-muted);
  }
  .forms {
    display: grid;
    gap: calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
    align-items: start;
  }
  form.action h4 {
    margin: 0;
    font-size: 1em;
  }
  form.action {
    display: grid;
    gap: var(--liuyan-space, var(--liuyan-sys-space));
    align-content: start;
    border: 1px solid var(--liuyan-color-border, var(--liuyan-sys-color-border));
    border-radius: var(--liuyan-radius, var(--liuyan-sys-radius));
    padding: var(--liuyan-space, var(--liuyan-sys-space));
  }
  form.action button[type='submit'] {
    justify-self: start;
  }
`
