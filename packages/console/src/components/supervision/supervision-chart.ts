// The month-by-month trend as an accessible chart: an SVG drawn from the server's trend (bars for
// messages received, a line with markers for those replied, so the two differ by shape as well as
// colour), named by a text alternative that says every month's figures, with the same figures as a
// table beside it. No canvas: the picture prints, scales and themes with the --liuyan-* tokens.
import type { Locale, MonthFigures } from '@liuyan/core'
import { html, svg, type TemplateResult } from 'lit'
import { format } from '../../i18n.js'
import { monthName, numbersOf } from './supervision-figures.js'
import type { SupervisionStrings } from './supervision.i18n.js'

const HEIGHT = 220
const TOP = 16
const BOTTOM = 40
const LEFT = 44
const SLOT = 56

/** A round top of the scale: 1, 2 or 5 times a power of ten, at least `max`. */
function scaleTop(max: number): number {
  if (max <= 5) return 5
  const power = 10 ** Math.floor(Math.log10(max))
  return ([1, 2, 5, 10].map((f) => f * power).find((v) => v >= max) ?? 10 * power)
}

export function trendChart(trend: readonly MonthFigures[], t: SupervisionStrings, locale: Locale): TemplateResult {
  const n = numbersOf(locale)
  const names = trend.map((m) => monthName(m.month, locale))
  const summary = format(t.trendSummary, {
    first: names[0] ?? '',
    last: names[names.length - 1] ?? '',
    months: trend.map((m, i) => format(t.trendMonth, { month: names[i]!, received: m.received, replied: m.replied })).join(t.separator),
  })
  const top = scaleTop(Math.max(1, ...trend.map((m) => m.received)))
  const plot = HEIGHT - TOP - BOTTOM
  const width = LEFT + trend.length * SLOT + 8
  const y = (v: number) => TOP + plot - (v / top) * plot
  const x = (i: number) => LEFT + i * SLOT + SLOT / 2
  const ticks = [0, top / 2, top]
  const line = trend.map((m, i) => `${x(i)},${y(m.replied)}`).join(' ')
  return html`<div class="trend">
    <figure class="chart">
      <svg viewBox="0 0 ${width} ${HEIGHT}" width=${width} height=${HEIGHT} role="img" aria-labelledby="trend-alt" focusable="false">
        ${ticks.map((v) => svg`<line class="grid" x1=${LEFT} x2=${width - 4} y1=${y(v)} y2=${y(v)}></line>
          <text class="axis" x=${LEFT - 6} y=${y(v) + 4} text-anchor="end">${n.count(v)}</text>`)}
        ${trend.map((m, i) => svg`<rect class="bar" x=${x(i) - 14} y=${y(m.received)} width="28" height=${Math.max(0, TOP + plot - y(m.received))}></rect>
          <text class="axis" x=${x(i)} y=${HEIGHT - BOTTOM + 18} text-anchor="middle">${m.month.slice(5)}</text>`)}
        <polyline class="line" points=${line}></polyline>
        ${trend.map((m, i) => svg`<circle class="dot" cx=${x(i)} cy=${y(m.replied)} r="5"></circle>`)}
        <text class="axis" x=${LEFT} y=${HEIGHT - 6}>${trend[0]?.month.slice(0, 4) ?? ''}${trend.length && trend[trend.length - 1]!.month.slice(0, 4) !== trend[0]!.month.slice(0, 4) ? `–${trend[trend.length - 1]!.month.slice(0, 4)}` : ''}</text>
      </svg>
      <figcaption>
        <p id="trend-alt" class="visually-hidden">${summary}</p>
        <ul class="legend">
          <li><span class="swatch bar" aria-hidden="true"></span>${t.legendReceived}</li>
          <li><span class="swatch line" aria-hidden="true"></span>${t.legendReplied}</li>
        </ul>
      </figcaption>
    </figure>
    <table class="trend-table">
      <caption>${t.trendTitle}</caption>
      <thead><tr><th scope="col">${t.colMonth}</th><th scope="col">${t.colReceived}</th><th scope="col">${t.colReplied}</th></tr></thead>
      <tbody>
        ${trend.map((m, i) => html`<tr><th scope="row">${names[i]}</th><td>${n.count(m.received)}</td><td>${n.count(m.replied)}</td></tr>`)}
      </tbody>
    </table>
  </div>`
}
