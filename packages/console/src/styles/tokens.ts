// The console's design tokens: the same --liuyan-* properties, system tokens and values as the
// widget's (packages/widget/src/styles/tokens.ts), so a page themes the citizen's and the staff's
// parts from one :root. test/build.test.ts fails when the two drift apart.
import { css } from 'lit'

/** The system tokens of the dark theme: used for the visitor's dark setting and for theme="dark". */
const dark = css`
  --liuyan-sys-color-primary: #ff8a80;
  --liuyan-sys-color-on-primary: #1a1a1a;
  --liuyan-sys-color-surface: #17191c;
  --liuyan-sys-color-surface-alt: #23262b;
  --liuyan-sys-color-text: #eceef1;
  --liuyan-sys-color-text-muted: #c3c8cf;
  --liuyan-sys-color-border: #8f97a3;
  --liuyan-sys-color-success: #7dd99a;
  --liuyan-sys-color-warning: #ffc266;
  --liuyan-sys-color-danger: #ff8a8a;
  --liuyan-sys-color-focus: #8ab4f8;
`

/**
 * Shared styles. Every colour, font, radius and spacing is a `--liuyan-*` custom property falling
 * back to a small set of system tokens (`--liuyan-sys-*`), so a page themes everything from `:root`.
 * Light and dark follow `prefers-color-scheme` unless the host sets `theme="light|dark"`.
 * `size="large"` is the elder-friendly mode (适老化): ≥ 18 px body, 60 px targets.
 *
 * The styles read font size, target size and secondary text colour through `--_font-size`,
 * `--_target` and `--_text-muted`: the page's token, else the system one. Large mode sets them to
 * at least 20 px and 60 px, and secondary text to the text colour (higher contrast), so a page's
 * theme can enlarge the elder-friendly mode but never undo it.
 */
export const tokens = css`
  :host {
    --liuyan-sys-color-primary: #b4111b;
    --liuyan-sys-color-on-primary: #ffffff;
    --liuyan-sys-color-surface: #ffffff;
    --liuyan-sys-color-surface-alt: #f5f6f8;
    --liuyan-sys-color-text: #1f2329;
    --liuyan-sys-color-text-muted: #4e5561;
    --liuyan-sys-color-border: #8a919c;
    --liuyan-sys-color-success: #126b2f;
    --liuyan-sys-color-warning: #8a4b00;
    --liuyan-sys-color-danger: #b00020;
    --liuyan-sys-color-focus: #0b57d0;
    --liuyan-sys-font: system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif;
    --liuyan-sys-radius: 6px;
    --liuyan-sys-space: 8px;
    --liuyan-sys-font-size: 16px;
    --liuyan-sys-target: 44px;
    --_font-size: var(--liuyan-font-size, var(--liuyan-sys-font-size));
    --_target: var(--liuyan-target, var(--liuyan-sys-target));
    --_text-muted: var(--liuyan-color-text-muted, var(--liuyan-sys-color-text-muted));

    display: block;
    box-sizing: border-box;
    color: var(--liuyan-color-text, var(--liuyan-sys-color-text));
    background: var(--liuyan-color-surface, var(--liuyan-sys-color-surface));
    font-family: var(--liuyan-font, var(--liuyan-sys-font));
    font-size: var(--_font-size);
    line-height: 1.6;
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
  }
  :host([size='large']) {
    --liuyan-sys-font-size: 20px;
    --liuyan-sys-target: 60px;
    --_font-size: max(var(--liuyan-font-size, 0px), 20px);
    --_target: max(var(--liuyan-target, 0px), 60px);
    --_text-muted: var(--liuyan-color-text, var(--liuyan-sys-color-text));
    line-height: 1.7;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button,
  .button {
    min-height: var(--_target);
    min-width: var(--_target);
    padding: 0 calc(var(--liuyan-space, var(--liuyan-sys-space)) * 2);
    border: 1px solid var(--liuyan-color-border, var(--liuyan-sys-color-border));
    border-radius: var(--liuyan-radius, var(--liuyan-sys-radius));
    background: var(--liuyan-color-surface, var(--liuyan-sys-color-surface));
    cursor: pointer;
  }
  button.primary {
    background: var(--liuyan-color-primary, var(--liuyan-sys-color-primary));
    border-color: var(--liuyan-color-primary, var(--liuyan-sys-color-primary));
    color: var(--liuyan-color-on-primary, var(--liuyan-sys-color-on-primary));
    font-weight: 600;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.7;
  }
  input,
  select,
  textarea {
    min-height: var(--_target);
    padding: var(--liuyan-space, var(--liuyan-sys-space));
    border: 1px solid var(--liuyan-color-border, var(--liuyan-sys-color-border));
    border-radius: var(--liuyan-radius, var(--liuyan-sys-radius));
    background: var(--liuyan-color-surface, var(--liuyan-sys-color-surface));
    max-width: 100%;
  }
  :focus-visible {
    outline: 3px solid var(--liuyan-color-focus, var(--liuyan-sys-color-focus));
    outline-offset: 2px;
  }
  a {
    color: var(--liuyan-color-primary, var(--liuyan-sys-color-primary));
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .muted {
    color: var(--_text-muted);
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: liuyan-pulse 1.2s ease-in-out infinite;
    }
  }
  .skeleton {
    background: var(--liuyan-color-surface-alt, var(--liuyan-sys-color-surface-alt));
    border-radius: var(--liuyan-radius, var(--liuyan-sys-radius));
    min-height: 4.5em;
    margin-block: var(--liuyan-space, var(--liuyan-sys-space));
  }
  @keyframes liuyan-pulse {
    50% {
      opacity: 0.5;
    }
  }
`
