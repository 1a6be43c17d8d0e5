/**
 * Auditory alarm signals: which priority sounds now ({@link
 * org.rehabtelemetry.agent.alarm.sound.AlarmSounder}), the IEC 60601-1-8 burst patterns ({@link
 * org.rehabtelemetry.agent.alarm.sound.SignalPattern}) and the buzzer that plays them ({@link
 * org.rehabtelemetry.agent.alarm.sound.BuzzerPlayer}). docs/alarms.md gives the timings and the
 * reasoning.
 */
package org.rehabtelemetry.agent.alarm.sound;
