// Awards as bars and points as a line, beside the table that holds the same numbers (the table is what screen readers
// and a printout read; the chart is for the eye). Each has its own axis, so as two sets of bars 4 awards and 60 points
// stood the same height, as if comparable: points are drawn as another kind of mark. Chart.js draws on a canvas; only
// the parts these two need are loaded.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface ChartSeries {
  label: string;
  values: number[];
  colour: string;
}

interface TotalsChartProps {
  labels: string[];
  /** Awards on the left axis, points on the right: their sizes differ by a factor of ten or more. */
  awards: ChartSeries;
  points: ChartSeries;
  /** Says what the chart shows, for a screen reader (the table beside it has the numbers). */
  summary: string;
  testId: string;
}

export function TotalsChart({ labels, awards, points, summary, testId }: TotalsChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return undefined;
    const chart = new Chart(context, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: awards.label, data: awards.values, backgroundColor: awards.colour, yAxisID: 'awards', borderRadius: 4, order: 1 },
          // Drawn over the bars (a lower order is drawn later).
          { type: 'line', label: points.label, data: points.values, borderColor: points.colour, backgroundColor: points.colour, borderWidth: 3, pointRadius: 5, yAxisID: 'points', order: 0 },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        // The legend in the datasets' own order (awards first), not in their drawing order.
        plugins: { legend: { position: 'bottom', labels: { color: '#334155', boxWidth: 14, sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) } } },
        scales: {
          x: { ticks: { color: '#334155' }, grid: { display: false } },
          awards: { position: 'left', beginAtZero: true, ticks: { color: '#334155', precision: 0 }, title: { display: true, text: awards.label, color: '#334155' } },
          points: { position: 'right', beginAtZero: true, ticks: { color: '#334155', precision: 0 }, grid: { display: false }, title: { display: true, text: points.label, color: '#334155' } },
        },
      },
    });
    return () => chart.destroy();
  }, [labels, awards, points]);
  return (
    <div className="totals-chart">
      <canvas ref={canvas} role="img" aria-label={summary} data-testid={testId} />
    </div>
  );
}
