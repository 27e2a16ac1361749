import { css } from 'lit'

export const pickerStyles = css`
  fieldset {
    border: 1px solid var(--liuyan-color-border, var(--liuyan-sys-color-border));
    border-radius: var(--liuyan-radius, var(--liuyan-sys-radius));
    margin: 0;
    padding: var(--liuyan-space, var(--liuyan-sys-space));
    min-width: 0;
  }
  legend {
    font-weight: 600;
  }
  .search {
    display: grid;
    gap: 4px;
    margin-block-end: var(--liuyan-space, var(--liuyan-sys-space));
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    max-height: 18em;
    overflow: auto;
  }
  li label {
    display: flex;
    align-items: center;
    gap: var(--liuyan-space, var(--liuyan-sys-space));
    min-height: var(--_target);
    padding-inline-start: calc(var(--depth, 0) * 1.25em);
    cursor: pointer;
  }
  li .unit {
    min-height: var(--_target);
    display: flex;
    align-items: center;
    padding-inline-start: calc(var(--depth, 0) * 1.25em);
  }
  input[type='radio'] {
    min-height: auto;
    width: 1.25em;
    height: 1.25em;
    margin: 0;
  }
  .path {
    color: var(--_text-muted);
    font-size: 0.875em;
  }
  .error {
    color: var(--liuyan-color-danger, var(--liuyan-sys-color-danger));
    font-weight: 600;
    margin: 4px 0 0;
  }
`
