import { css } from 'lit'

export const shellStyles = css`
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--liuyan-space, var(--liuyan-sys-space));
    align-items: center;
    justify-content: space-between;
    border-block-end: 1px solid var(--liuyan-color-border, var(--liuyan-sys-color-border));
    padding-block: var(--liuyan-space, var(--liuyan-sys-space));
  }
  .who {
    margin: 0;
    font-weight: 600;
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: var(--liuyan-space, var(--liuyan-sys-space));
    list-style: none;
    margin: var(--liuyan-space, var(--liuyan-sys-space)) 0;
    padding: 0;
  }
  nav button[aria-current='page'] {
    border-width: 3px;
    border-color: var(--liuyan-color-primary, var(--liuyan-sys-color-primary));
    font-weight: 600;
  }
  form.sign-in {
    display: grid;
    gap: var(--liuyan-space, var(--liuyan-sys-space));
    max-width: 28rem;
  }
  form.sign-in button {
    justify-self: start;
  }
  /* A printed view (the supervision report) without the workspace's bar and navigation. */
  @media print {
    .bar,
    nav,
    .status-line {
      display: none;
    }
  }
`
