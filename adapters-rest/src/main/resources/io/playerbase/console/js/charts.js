// Time-series charts with uPlot, from its WebJar (versioned path, see the pom's uplot.version).
import uPlot from '/console/vendor/uplot/1.6.30/dist/uPlot.esm.js';
import { h } from './dom.js';

const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea'];

/** A chart of one or more series over bucket starts (ISO instants); bars for counts. */
export function timeChart({ id, starts, series, width = 560, height = 220 }) {
  const holder = h('div', { class: 'chart', id });
  const bars = uPlot.paths.bars({ size: [0.8, 40] });
  const data = [starts.map(start => Date.parse(start) / 1000), ...series.map(one => one.values)];
  // Drawn once the holder is in the document, so that it can measure itself.
  requestAnimationFrame(() => {
    const plot = new uPlot({
      width: Math.max(320, Math.min(width, holder.clientWidth || width)),
      height,
      scales: { x: { time: true } },
      axes: [{}, { size: 60 }],
      series: [{}, ...series.map((one, index) => ({
        label: one.label, stroke: COLOURS[index % COLOURS.length], fill: `${COLOURS[index % COLOURS.length]}55`,
        width: 1, paths: bars, points: { show: false },
      }))],
    }, data, holder);
    holder.dataset.ready = 'true';
    holder.plot = plot;
  });
  return holder;
}
