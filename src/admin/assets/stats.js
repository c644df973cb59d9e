// Draws every <canvas data-chart='{"type","labels","values","label"}'> with the locally served
// chart.js. The data attribute is HTML-escaped by the server and decoded by the browser.
(function () {
  'use strict';
  function draw() {
    if (typeof window.Chart !== 'function') return;
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var cfg;
      try { cfg = JSON.parse(canvas.getAttribute('data-chart')); } catch (e) { return; }
      new window.Chart(canvas, {
        type: cfg.type,
        data: { labels: cfg.labels, datasets: [{ label: cfg.label, data: cfg.values }] },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: cfg.type === 'doughnut' } },
          scales: cfg.type === 'doughnut' ? {} : { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
  else draw();
})();
