import { css } from 'lit'

export const styles = css`
  :host {
    --_gap: var(--liuyan-message-form-gap, calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2));
    --_danger: var(--liuyan-message-form-error-color, var(--liuyan-color-danger, var(--liuyan-sys-color-danger)));
    --_accent: var(--liuyan-message-form-accent-color, var(--liuyan-color-primary, var(--liuyan-sys-color-primary)));
  }
  .draft {
    margin-bottom: var(--_gap);
  }
  .hp {
    position: absolute;
    left: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
  .code {
    font: 700 var(--liuyan-message-form-code-font-size, 2em) / 1.3 ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    letter-spacing: 0.08em;
    user-select: all;
  }
  .code span + span {
    margin-inline-start: 0.4em;
  }
`
