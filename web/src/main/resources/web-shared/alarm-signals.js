// Auditory alarm signals for the touch UI and the operator dashboard (docs/alarms.md): the
// IEC 60601-1-8 bursts the device's buzzer plays (SignalPattern.java), through Web Audio.
// AlarmSignals.play('HIGH' | 'MEDIUM' | 'LOW' | null) sounds one priority's burst now and then
// every period until another call; null is silence. Browsers start audio only after a gesture:
// AlarmSignals.unlock() from a click or touch handler (the kiosk runs Chromium with
// --autoplay-policy=no-user-gesture-required, so the touch UI needs none).
'use strict';
const AlarmSignals = (() => {
  // Alternating on and off times in ms, starting and ending with a pulse; the period from one
  // burst's start to the next; the tone's pitch.
  const PATTERNS = {
    HIGH: {onOff: [150, 100, 150, 100, 150, 350, 150, 100, 150, 700,
                   150, 100, 150, 100, 150, 350, 150, 100, 150], every: 5000, hz: 988},
    MEDIUM: {onOff: [200, 200, 200, 200, 200], every: 8000, hz: 659},
    LOW: {onOff: [200, 200, 200], every: 20000, hz: 523},
  };
  let audio = null;
  let playing = null; // {priority, timer}

  function context() {
    if (!audio && window.AudioContext) audio = new AudioContext();
    if (audio && audio.state === 'suspended') audio.resume();
    return audio;
  }

  function burst(priority) {
    const ctx = context();
    if (!ctx) return;
    const pattern = PATTERNS[priority];
    let at = ctx.currentTime + 0.02;
    pattern.onOff.forEach((ms, i) => {
      if (i % 2 === 0) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        const edge = ms / 5000; // rise and fall: a fifth of the pulse
        osc.frequency.value = pattern.hz;
        gain.gain.setValueAtTime(0, at);
        gain.gain.linearRampToValueAtTime(0.6, at + edge);
        gain.gain.setValueAtTime(0.6, at + ms / 1000 - edge);
        gain.gain.linearRampToValueAtTime(0, at + ms / 1000);
        osc.connect(gain).connect(ctx.destination);
        osc.start(at);
        osc.stop(at + ms / 1000);
      }
      at += ms / 1000;
    });
  }

  function play(priority) {
    const next = priority ? String(priority).toUpperCase() : null;
    if (playing && playing.priority === next) return;
    if (playing) clearInterval(playing.timer);
    playing = null;
    if (!next || !PATTERNS[next]) return;
    burst(next);
    playing = {priority: next, timer: setInterval(() => burst(next), PATTERNS[next].every)};
  }

  return {
    play,
    unlock: context,
    /** The priority sounding now, or null (for tests and indicators). */
    playing: () => (playing ? playing.priority : null),
  };
})();
