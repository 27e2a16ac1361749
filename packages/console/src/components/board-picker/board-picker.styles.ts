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
    cursor: pointer;
  }
  li .unit {
    min-height: var(--_target);
    display: flex;
    align-items: center;
  }
  li {
    padding-inline-start: calc(var(--depth) * 1.25em);
  }
  .depth-0 { --depth: 0; }
  .depth-1 { --depth: 1; }
  .depth-2 { --depth: 2; }
  .depth-3 { --depth: 3; }
  .depth-4 { --depth: 4; }
  .depth-5 { --depth: 5; }
  .depth-6 { --depth: 6; }
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
