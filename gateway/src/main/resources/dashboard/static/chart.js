// A small streaming line chart on a canvas: a sliding time window, autoscaled, with the unit.
// No library: the dashboard must work on an isolated hospital network.
'use strict';
class StreamChart {
  constructor(canvas, windowMs) {
    this.canvas = canvas;
    this.windowMs = windowMs;
    this.t = [];
    this.v = [];
  }
  add(times, values) {
    for (let i = 0; i < times.length; i++) {
      if (this.t.length && times[i] <= this.t[this.t.length - 1]) continue; // redelivered
      this.t.push(times[i]);
      this.v.push(values[i]);
    }
    const oldest = this.t[this.t.length - 1] - this.windowMs;
    let cut = 0;
    while (cut < this.t.length && this.t[cut] < oldest) cut++;
    if (cut) { this.t.splice(0, cut); this.v.splice(0, cut); }
    this.canvas.dataset.points = String(this.t.length);
  }
  draw() {
    const c = this.canvas, dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth, h = c.clientHeight;
    if (c.width !== w * dpr) { c.width = w * dpr; c.height = h * dpr; }
    const g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    if (this.t.length < 2) return;
    let lo = Math.min(...this.v), hi = Math.max(...this.v);
    if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
    const pad = (hi - lo) * 0.1; lo -= pad; hi += pad;
    const end = this.t[this.t.length - 1], start = end - this.windowMs;
    const x = t => (t - start) / this.windowMs * (w - 40) + 38;
    const y = v => h - 4 - (v - lo) / (hi - lo) * (h - 8);
    g.fillStyle = '#5b6875'; g.font = '10px system-ui';
    g.fillText(hi.toFixed(1), 0, 10); g.fillText(lo.toFixed(1), 0, h - 2);
    g.strokeStyle = '#12324f'; g.lineWidth = 1.5; g.beginPath();
    for (let i = 0; i < this.t.length; i++) {
      const px = x(this.t[i]), py = y(this.v[i]);
      if (i === 0) g.moveTo(px, py); else g.lineTo(px, py);
    }
    g.stroke();
  }
}
