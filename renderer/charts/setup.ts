/** Registers only the Chart.js pieces the dashboard draws, so the rest is tree-shaken away. */
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';

let done = false;

export function setupCharts(): typeof Chart {
  if (done) return Chart;
  Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);
  Chart.defaults.font.family = "Frutiger, Arial, Helvetica, sans-serif";
  Chart.defaults.font.size = 13;
  Chart.defaults.color = '#212b32';
  Chart.defaults.borderColor = '#d8dde0';
  Chart.defaults.locale = 'en-GB';
  // Charts redraw on every filter change; animation would only delay the figures.
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  done = true;
  return Chart;
}
