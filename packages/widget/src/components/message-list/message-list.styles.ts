import { css } from 'lit'

export const styles = css`
  :host {
    --_gap: var(--liuyan-message-list-gap, calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2));
    --_accent: var(--liuyan-message-list-accent-color, var(--liuyan-color-primary, var(--liuyan-sys-color-primary)));
    --_danger: var(--liuyan-message-list-error-color, var(--liuyan-color-danger, var(--liuyan-sys-color-danger)));
    --_line: var(--liuyan-message-list-item-border-color, var(--_border));
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: calc(var(--_gap) / 2) var(--_gap);
  }
  .field {
    display: grid;
    gap: 0.25em;
    min-width: 0;
    max-width: 100%;
  }
  label {
    font-weight: 600;
  }
  .keyword {
    flex: 1 1 12em;
  }
  .keyword input {
    width: 100%;
  }
  .count:empty {
    position: absolute;
  }
  .list {
    border-top: 1px solid var(--_line);
  }
  .item {
    padding-block: var(--_gap);
    border-bottom: 1px solid var(--_line);
    min-width: 0;
    /* An item out of view is neither laid out nor its text shaped until it nears the viewport: the
       layout of a page of 50 was the longest task of the list's render (issue 15). It stays in the
       accessibility tree and in find-in-page; its height is remembered once shown. */
    content-visibility: auto;
    contain-intrinsic-size: auto 9em;
  }
  .item > * + * {
    margin-top: 0.4em;
  }
  .excerpt {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
  }
  .more {
    justify-self: center;
  }
  [aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
`
